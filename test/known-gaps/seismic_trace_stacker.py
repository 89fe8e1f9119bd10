"""Stacks seismic traces from several stations to bring out a weak arrival."""
import math
import random
import threading

STATIONS = 6
SAMPLES = 150_000
LAG_STEP = 40
WORKERS = 3
ARRIVAL = 60_000


def synth_trace(station):
    rng = random.Random(station)
    lag = station * LAG_STEP
    trace = []
    for i in range(SAMPLES):  # ok: GIL001
        t = i - lag - ARRIVAL
        pulse = math.exp(-(t / 200.0) ** 2) if abs(t) < 2000 else 0.0
        trace.append(3.0 * pulse + rng.gauss(0.0, 1.0))
    return trace


class Progress:
    def __init__(self):
        self.lock = threading.Lock()
        self.stations_done = 0


class StackWorker(threading.Thread):
    def __init__(self, stations, traces, progress):
        super().__init__()
        self.stations = stations
        self.traces = traces
        self.progress = progress
        self.partial = None

    def run(self):
        partial = [0.0] * SAMPLES
        for station in self.stations:  # expect: GIL001
            trace = self.traces[station]
            lag = station * LAG_STEP
            for i in range(lag, SAMPLES):
                partial[i - lag] += trace[i]  # ok: GIL002
            with self.progress.lock:
                self.progress.stations_done += 1  # ok: GIL002
        self.partial = partial


def main():
    traces = [synth_trace(s) for s in range(STATIONS)]
    progress = Progress()
    workers = [StackWorker(range(w, STATIONS, WORKERS), traces, progress) for w in range(WORKERS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()

    stack = [sum(column) / STATIONS for column in zip(*(w.partial for w in workers))]
    peak = max(range(SAMPLES), key=lambda i: stack[i])
    single_peak = max(range(SAMPLES), key=lambda i: traces[0][i])
    print(f"stations stacked: {progress.stations_done}")
    print(f"stacked peak at sample {peak} (true arrival {ARRIVAL}), amplitude {stack[peak]:.3f}")
    print(f"single-trace peak at sample {single_peak}")


if __name__ == "__main__":
    main()
