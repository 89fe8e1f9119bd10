"""Cold-storage warehouse monitor with a shared sensor-silence watchdog.

Three probe threads sample freezer temperatures and kick one shared watchdog
after every successful reading.  If no probe reports for SILENCE_LIMIT
seconds the watchdog fires and logs a silence alarm.  Warm readings are
recorded on the alarm panel; readings above the probe's physical range are
discarded as glitches.
"""
import random
import threading
import time

SILENCE_LIMIT = 0.15
SAMPLE_INTERVAL = 0.01
SAMPLES_PER_PROBE = 40
WARM_LIMIT_C = -16.0
SENSOR_CEILING_C = 60.0
FREEZERS = ("blast-1", "blast-2", "holding")


class SilenceWatchdog:
    def __init__(self, limit):
        self.limit = limit
        self._timer = None
        self.fired = []

    def kick(self):
        if self._timer is not None:  # expect: GIL003
            self._timer.cancel()
        timer = threading.Timer(self.limit, self._expired)
        timer.daemon = True
        self._timer = timer
        timer.start()

    def _expired(self):
        self._timer = None
        self.fired.append(time.monotonic())

    def cancel(self):
        timer, self._timer = self._timer, None
        if timer is not None:
            timer.cancel()


class AlarmPanel:
    def __init__(self):
        self._panel_lock = threading.Lock()
        self.alarms = []

    def record_warm(self, freezer, celsius):
        self._panel_lock.acquire()  # expect: GIL005
        if celsius > SENSOR_CEILING_C:
            return False
        self.alarms.append((freezer, round(celsius, 2)))
        self._panel_lock.release()
        return True

    def summary(self):
        with self._panel_lock:
            return list(self.alarms)


def probe(freezer, watchdog, panel, seed, stop):
    rng = random.Random(seed)
    celsius = -20.0
    for _ in range(SAMPLES_PER_PROBE):
        if stop.wait(SAMPLE_INTERVAL):
            return
        celsius += rng.uniform(-0.6, 0.7)
        watchdog.kick()
        if celsius > WARM_LIMIT_C:
            panel.record_warm(freezer, celsius)


def main():
    watchdog = SilenceWatchdog(SILENCE_LIMIT)
    panel = AlarmPanel()
    stop = threading.Event()
    probes = [
        threading.Thread(target=probe, args=(name, watchdog, panel, i, stop), name=f"probe-{name}")
        for i, name in enumerate(FREEZERS)
    ]
    watchdog.kick()
    for t in probes:
        t.start()
    for t in probes:
        t.join(timeout=3.0)
    time.sleep(SILENCE_LIMIT * 1.5)
    stop.set()
    watchdog.cancel()

    print("warm alarms:", panel.summary() or "none")
    print("silence alarms fired:", len(watchdog.fired))


if __name__ == "__main__":
    main()
