# Models plain test functions for a heartbeat monitor driven by self-rescheduling threading.Timer callbacks.
import functools
import threading
import time


class Heartbeat:
    """Fires `max_beats` beats, `interval` seconds apart, notifying listeners on each."""

    def __init__(self, name, interval=0.01, max_beats=5):
        self.name = name
        self.interval = interval
        self.max_beats = max_beats
        self.beats = 0
        self.last_beat = time.monotonic()
        self.listeners = []
        self._timer = None
        self._lock = threading.Lock()

    def start(self):
        self._schedule()
        return self

    def _schedule(self):
        self._timer = threading.Timer(self.interval, self._beat)
        self._timer.daemon = True
        self._timer.start()

    def _beat(self):
        with self._lock:
            self.beats += 1  # ok: GIL002
            self.last_beat = time.monotonic()
            done = self.beats >= self.max_beats
        for listener in self.listeners:  # ok: GIL001
            listener(self)
        if not done:
            self._schedule()

    def stop(self):
        self._lock.acquire()  # ok: GIL005
        try:
            self.max_beats = self.beats
            timer = self._timer
        finally:
            self._lock.release()
        if timer is not None:
            timer.cancel()


class BeatStats:
    """Listener that tallies beats per heartbeat source."""

    def __init__(self):
        self.seen = 0
        self.by_source = {}

    def on_beat(self, hb):
        self.seen += 1  # expect: GIL002
        if hb.name not in self.by_source:  # expect: GIL003
            self.by_source[hb.name] = 0
        self.by_source[hb.name] += 1  # expect: GIL002


def watchdog(hb, stop, gaps):
    worst = 0.0
    while not stop.wait(0.005):  # ok: GIL001
        worst = max(worst, time.monotonic() - hb.last_beat)
    gaps.append(worst)


def compute_baseline(samples, out):
    """Estimates a jitter baseline by simulating timer drift."""
    drift = 0.0
    for i in range(samples):  # expect: GIL001
        drift = drift * 0.999 + ((i * 2654435761) % 1000) / 1e6
    out.append(drift)


def wait_for(predicate, timeout=2.0):
    deadline = time.monotonic() + timeout
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.002)
    return predicate()


def test_single_heartbeat_counts():
    stats = BeatStats()
    hb = Heartbeat("api", interval=0.005, max_beats=4)
    hb.listeners.append(stats.on_beat)
    hb.start()
    assert wait_for(lambda: stats.seen == 4)
    assert stats.by_source == {"api": 4}


def test_two_heartbeats_share_stats():
    stats = BeatStats()
    beats = [Heartbeat(name, interval=0.003, max_beats=6) for name in ("db", "cache")]
    for hb in beats:
        hb.listeners.append(stats.on_beat)
        hb.start()
    assert wait_for(lambda: all(hb.beats == 6 for hb in beats))
    time.sleep(0.01)
    assert stats.seen <= 12


def test_watchdog_sees_small_gaps():
    hb = Heartbeat("worker", interval=0.004, max_beats=100).start()
    stop = threading.Event()
    gaps = []
    dog = threading.Thread(target=watchdog, args=(hb, stop, gaps), name="watchdog")
    dog.start()
    time.sleep(0.05)
    hb.stop()
    stop.set()
    dog.join()
    assert gaps[0] < 0.5


def test_baseline_on_timer():
    out = []
    timer = threading.Timer(0.0, functools.partial(compute_baseline, 300_000, out))
    timer.start()
    timer.join()
    assert out and out[0] > 0


def main():
    for test in (
        test_single_heartbeat_counts,
        test_two_heartbeats_share_stats,
        test_watchdog_sees_small_gaps,
        test_baseline_on_timer,
    ):
        test()
        print("passed", test.__name__)


if __name__ == "__main__":
    main()
