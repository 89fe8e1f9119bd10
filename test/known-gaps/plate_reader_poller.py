#!/usr/bin/env python3
"""Poll a bank of microplate readers concurrently and report absorbance stats."""
import random
import threading
import time


class RunStats:
    """Shared by every poller thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.plates_read = 0
        self.total_wells = 0
        self.means = {}


class PlateReader:
    def __init__(self, serial):
        self.serial = serial
        self.rng = random.Random(serial)

    def read_plate(self, wells=96):
        time.sleep(0.01)  # simulated RS-232 round trip to the instrument
        return self.rng.sample(range(40, 2600), wells)


def bootstrap_mean(values, rounds=4000, seed=7):
    """Resampled mean absorbance (OD) for one plate."""
    rng = random.Random(seed)
    acc = 0
    n = len(values)
    for _ in range(rounds):  # expect: GIL001
        acc += values[rng.randrange(n)]
    return acc / rounds / 1000.0


class PollerThread(threading.Thread):
    def __init__(self, reader, stats, cycles):
        super().__init__(name=f"poll-{reader.serial}")
        self.reader = reader
        self.stats = stats
        self.cycles = cycles
        self.cycles_done = 0

    def run(self):
        for cycle in range(self.cycles):
            plate = self.reader.read_plate()
            est = bootstrap_mean(plate, seed=cycle)
            self.stats.plates_read += 1  # expect: GIL002
            with self.stats.lock:
                self.stats.total_wells += len(plate)  # ok: GIL002
                self.stats.means[(self.reader.serial, cycle)] = est
            self.cycles_done += 1  # ok: GIL002


def main():
    stats = RunStats()
    readers = [PlateReader(s) for s in (1101, 1102, 1103, 1104)]
    pollers = [PollerThread(r, stats, cycles=5) for r in readers]
    started = time.perf_counter()
    for p in pollers:
        p.start()
    for p in pollers:
        p.join()
    elapsed = time.perf_counter() - started

    print(f"plates read: {stats.plates_read}  wells: {stats.total_wells}")
    for p in pollers:
        serial = p.reader.serial
        ods = [od for (s, _), od in stats.means.items() if s == serial]
        print(f"  reader {serial}: {p.cycles_done} cycles, mean OD {sum(ods) / len(ods):.3f}")
    print(f"elapsed {elapsed:.2f}s")


if __name__ == "__main__":
    main()
