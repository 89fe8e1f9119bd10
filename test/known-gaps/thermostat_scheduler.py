"""Multi-zone thermostat driven by a tiny timer-based scheduler."""
import functools
import random
import threading

SETPOINT = 18.7
HEAT_RATE = 0.12
LOSS_RATE = 0.10
TICK = 0.01
TICKS = 25


class Scheduler:
    """Runs registered callbacks repeatedly on threading.Timer threads."""

    def __init__(self):
        self._jobs = []
        self._timers = []
        self._lock = threading.Lock()

    def every(self, interval, runs):
        def register(fn):
            self._jobs.append((interval, runs, fn))
            return fn
        return register

    def _arm(self, interval, remaining, fn):
        timer = threading.Timer(interval, self._fire, args=(interval, remaining, fn))
        with self._lock:
            self._timers.append(timer)
        timer.start()

    def _fire(self, interval, remaining, fn):
        fn()
        if remaining > 1:
            self._arm(interval, remaining - 1, fn)

    def run(self):
        for interval, runs, fn in self._jobs:
            self._arm(interval, runs, fn)
        while True:
            with self._lock:
                alive = [t for t in self._timers if t.is_alive()]
            if not alive:
                break
            for t in alive:
                t.join()


zone_temps = {"kitchen": 18.2, "bedroom": 17.6, "office": 18.9}
temps_lock = threading.Lock()
heater_on = False
heater_switches = 0
event_log = []


def sample_zone(zone, rng):
    drift = rng.uniform(-LOSS_RATE, HEAT_RATE)
    with temps_lock:
        zone_temps[zone] += drift  # ok: GIL002
    regulate(zone)


def regulate(zone):
    global heater_on, heater_switches
    with temps_lock:
        snapshot = dict(zone_temps)
    average = sum(snapshot.values()) / len(snapshot)
    if average < SETPOINT:
        if not heater_on:  # expect: GIL003
            heater_on = True
            heater_switches += 1  # expect: GIL002
            event_log.append((zone, "on", round(average, 2)))
    else:
        heater_on = False


def main():
    sched = Scheduler()
    for i, zone in enumerate(sorted(zone_temps)):
        job = functools.partial(sample_zone, zone, random.Random(i))
        sched.every(TICK, runs=TICKS)(job)
    sched.run()
    for zone, temp in sorted(zone_temps.items()):
        print(f"{zone:8s} {temp:.2f} C")
    print(f"heater switched on {heater_switches} times, log entries {len(event_log)}")


if __name__ == "__main__":
    main()
