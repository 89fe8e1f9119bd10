"""Gate counters for the chairlifts of a ski resort.

Each gate reader thread validates lift passes; the loading area of the shared
lift has a fixed capacity, and per-gate tallies are folded into the resort
totals at the end of every batch of scans.
"""
import random
import threading
import time

GATES = ("gate-north", "gate-south", "gate-family")
SCANS_PER_GATE = 60
BATCH_SIZE = 15
LOADING_CAPACITY = 6
SCAN_INTERVAL = 0.0015

gate_tally = threading.local()


class LiftStation:
    def __init__(self, capacity):
        self.capacity = capacity
        self._lock = threading.Lock()
        self.waiting = 0
        self.boarded = 0
        self.turned_away = 0
        self.by_pass_type = {}

    def admit(self):
        with self._lock:
            if self.waiting < self.capacity:  # ok: GIL003
                self.waiting += 1  # ok: GIL002
                return True
            self.turned_away += 1
            return False

    def dispatch_chair(self, seats):
        with self._lock:
            loaded = min(seats, self.waiting)
            self.waiting -= loaded
            self.boarded += loaded
        return loaded

    def fold_batch(self, counts):
        with self._lock:
            for kind, n in counts.items():
                self.by_pass_type[kind] = self.by_pass_type.get(kind, 0) + n


def run_gate(station, gate, seed, done):
    rng = random.Random(seed)
    gate_tally.counts = {}
    gate_tally.scans = 0
    for _ in range(SCANS_PER_GATE):
        kind = rng.choices(["day", "season", "child", "invalid"], weights=[6, 3, 2, 1])[0]
        gate_tally.scans += 1  # ok: GIL002
        if kind != "invalid" and station.admit():
            gate_tally.counts[kind] = gate_tally.counts.get(kind, 0) + 1  # ok: GIL002
        if gate_tally.scans % BATCH_SIZE == 0:
            station.fold_batch(gate_tally.counts)
            gate_tally.counts = {}
        time.sleep(SCAN_INTERVAL)
    done.release()


def run_chairs(station, stop):
    while not stop.is_set():
        station.dispatch_chair(seats=4)
        time.sleep(0.002)
    while station.dispatch_chair(seats=4):
        pass


def main():
    station = LiftStation(LOADING_CAPACITY)
    done = threading.Semaphore(0)
    stop = threading.Event()
    chairs = threading.Thread(target=run_chairs, args=(station, stop), name="chairlift")
    gates = [threading.Thread(target=run_gate, args=(station, g, i, done), name=g)
             for i, g in enumerate(GATES)]
    chairs.start()
    for g in gates:
        g.start()
    for _ in gates:
        done.acquire()
    stop.set()
    chairs.join()
    for g in gates:
        g.join()
    print(f"boarded {station.boarded}, turned away {station.turned_away}, "
          f"still waiting {station.waiting}")
    for kind, n in sorted(station.by_pass_type.items()):
        print(f"  {kind:<7} {n}")


if __name__ == "__main__":
    main()
