"""Grow-light scheduler for the zones of a hydroponic farm.

Sunrise and sunset Timers switch zone lights (an operator override can fire at
the same moment); a dimmer thread ramps the seedling bench, and a climate
coroutine polls the CO2 sensor and drives the fans on an asyncio loop.
"""
import asyncio
import threading
import time
from dataclasses import dataclass


@dataclass
class Zone:
    name: str
    lit: bool = False
    switch_count: int = 0


def warm_up_ballast(zone):
    time.sleep(0.01)  # ok: GIL004


def make_scheduler():
    toggles = 0

    def switch_on(zone):
        nonlocal toggles
        if not zone.lit:  # expect: GIL003
            warm_up_ballast(zone)
            zone.lit = True
            zone.switch_count += 1  # expect: GIL002
        toggles += 1  # expect: GIL002

    def switch_off(zone):
        zone.lit = False

    return switch_on, switch_off, lambda: toggles


def dim_ramp(levels):
    for level in range(0, 101, 10):  # ok: GIL001
        levels.append(level)
        time.sleep(0.005)


def read_co2_sensor(i):
    time.sleep(0.004)  # expect: GIL004
    return 600 + 40 * (i % 5)


async def climate_loop(cycles, fan_state):
    for i in range(cycles):
        ppm = read_co2_sensor(i)
        fan_state["on"] = ppm > 700
        fan_state["samples"] += 1  # ok: GIL002
        await asyncio.sleep(0.008)  # ok: GIL004


def main():
    zones = [Zone(f"zone-{c}") for c in "ABC"]
    switch_on, switch_off, toggle_count = make_scheduler()
    timers = [threading.Timer(0.02, switch_on, args=(z,)) for z in zones]
    timers += [threading.Timer(0.02, switch_on, args=(z,)) for z in zones[:2]]  # override
    timers += [threading.Timer(0.15, switch_off, args=(z,)) for z in zones]
    levels = []
    dimmer = threading.Thread(target=dim_ramp, args=(levels,))
    for t in timers + [dimmer]:
        t.start()
    fan_state = {"on": False, "samples": 0}
    asyncio.run(climate_loop(20, fan_state))
    for t in timers + [dimmer]:
        t.join()
    for z in zones:
        print(f"{z.name}: lit={z.lit} switched on {z.switch_count}x")
    print(f"toggles={toggle_count()} dimmer={levels[-1]}% fan samples={fan_state['samples']}")


if __name__ == "__main__":
    main()
