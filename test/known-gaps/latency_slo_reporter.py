"""SLO tracker: request threads record latencies; a reporter thread bootstraps a p95 estimate."""
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

ENDPOINTS = ["/cart", "/search", "/login"]


class SloTracker:
    def __init__(self, target_ms):
        self.target_ms = target_ms
        self.samples = []
        self.lock = threading.Lock()
        self.breaches = 0
        self.recorded = 0
        self.worst = {}

    def record(self, endpoint, ms):
        with self.lock:
            self.samples.append(ms)
            if ms > self.target_ms:
                self.breaches += 1  # ok: GIL002
        self.recorded += 1  # expect: GIL002
        if endpoint not in self.worst or ms > self.worst[endpoint]:  # expect: GIL003
            self.worst[endpoint] = ms

    def drain(self):
        with self.lock:
            if not self.samples:  # ok: GIL003
                return []
            data, self.samples = self.samples, []
        return data


def bootstrap_p95(samples, rounds, seed):
    rng = random.Random(seed)
    estimates = []
    for _ in range(rounds):  # expect: GIL001
        pick = sorted(rng.choices(samples, k=len(samples)))
        estimates.append(pick[int(0.95 * (len(pick) - 1))])
    estimates.sort()
    return round(estimates[len(estimates) // 2], 2), round(estimates[int(0.9 * (rounds - 1))], 2)


def reporter(tracker, stop, reports):
    window = []
    tick = 0
    while not stop.wait(0.03):  # ok: GIL001
        fresh = tracker.drain()
        window.extend(fresh)
        if not fresh or len(window) < 20:
            continue
        tick += 1
        reports.append((tick, len(window), bootstrap_p95(window, 150, tick)))
        window = window[-200:]


def handle(tracker, req_id):
    endpoint = ENDPOINTS[req_id % len(ENDPOINTS)]
    started = time.perf_counter()
    time.sleep(min(random.expovariate(1 / 0.004), 0.03))  # downstream call
    ms = (time.perf_counter() - started) * 1000
    tracker.record(endpoint, ms)
    return ms


def main():
    tracker = SloTracker(target_ms=8.0)
    stop = threading.Event()
    reports = []
    rep = threading.Thread(target=reporter, args=(tracker, stop, reports), name="slo-reporter")
    rep.start()
    with ThreadPoolExecutor(max_workers=10) as pool:
        list(pool.map(lambda i: handle(tracker, i), range(200)))
    time.sleep(0.05)
    stop.set()
    rep.join()
    for tick, n, (p95, p95_hi) in reports:
        print(f"window {tick}: n={n} p95~{p95}ms (90% upper {p95_hi}ms)")
    print(f"recorded={tracker.recorded} breaches={tracker.breaches}")
    print("worst per endpoint:", {k: round(v, 2) for k, v in sorted(tracker.worst.items())})


if __name__ == "__main__":
    main()
