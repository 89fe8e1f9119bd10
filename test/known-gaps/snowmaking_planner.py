"""Plan overnight snowmaking runs per trail from a coarse wet-bulb model."""
import math
import threading
from concurrent.futures import ThreadPoolExecutor

TRAILS = {
    "Glades": (1850, 0.42),
    "Upper Chute": (2400, 0.35),
    "Bunny Hill": (1500, 0.61),
    "Lynx Run": (2050, 0.48),
    "Timberline": (2300, 0.39),
}

GUNS_PER_TRAIL = 12_000


def wet_bulb_hours(elevation, humidity, steps=30_000):
    good = 0.0
    for step in range(steps):  # expect: GIL001
        temp = 3.0 - elevation / 400.0 - 4.0 * math.sin(step / steps * math.pi)
        wet = temp * math.atan(0.151977 * math.sqrt(humidity * 100 + 8.313659))
        if wet < -2.2:
            good += 12.0 / steps
    return good


def nozzle_profile(trail, guns=GUNS_PER_TRAIL):
    seed = sum(map(ord, trail))
    pressures = [((seed + g * 37) % 23) * 0.5 + 9.0 for g in range(guns)]  # expect: GIL001
    return trail, max(pressures), min(pressures)


def water_budget(plan, liters_per_hour=5400.0):
    total = 0.0
    for trail, hours in plan.items():  # ok: GIL001
        total += hours * liters_per_hour * (1.0 + 0.01 * len(trail))
    return total


def main():
    plan = {}
    plan_lock = threading.Lock()
    planned = 0

    def plan_trail(name):
        nonlocal planned
        elevation, humidity = TRAILS[name]
        hours = wet_bulb_hours(elevation, humidity)
        with plan_lock:
            plan[name] = round(hours, 2)
            planned += 1  # ok: GIL002
        return name, hours

    with ThreadPoolExecutor(max_workers=3) as pool:
        hour_results = list(pool.map(plan_trail, TRAILS))
        profile_futs = [pool.submit(nozzle_profile, t) for t in TRAILS]
        profiles = [f.result() for f in profile_futs]

    for name, hours in hour_results:
        print(f"{name:12s} snowmaking window {hours:5.2f} h")
    for trail, hi, lo in profiles:
        print(f"{trail:12s} nozzle pressure {lo:.1f}-{hi:.1f} bar")
    print(f"planned trails: {planned}, water needed: {water_budget(plan):,.0f} L")


if __name__ == "__main__":
    main()
