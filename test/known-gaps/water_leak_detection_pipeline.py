"""Leak detection: a reader streams district-meter flows; analyzers score night-flow anomalies."""
import multiprocessing
import queue
import random
import threading
import time


class LeakPipeline:
    def __init__(self, flows_by_district):
        self.flows_by_district = flows_by_district
        self.inbox = queue.Queue(maxsize=4)
        self.findings = queue.Queue()
        self.lock = threading.Lock()
        self.crew_slots = threading.Semaphore(2)  # two repair crews on shift
        self.leaks_found = 0
        self.crews_dispatched = 0
        self.tl = threading.local()

    def reader(self):
        for district, flows in self.flows_by_district.items():  # ok: GIL001
            time.sleep(0.001)  # page the flow history out of the SCADA historian
            self.inbox.put((district, flows))

    def night_score(self, flows):
        nightly_min, day_min = [], float("inf")
        rolling = sum(flows[:15])
        for i in range(15, len(flows)):
            rolling += flows[i] - flows[i - 15]  # 15-minute rolling flow
            minute = i % 1440
            if minute < 240 and rolling < day_min:
                day_min = rolling
            elif minute == 1439:
                nightly_min.append(day_min / 15)
                day_min = float("inf")
        mean = sum(nightly_min) / len(nightly_min)
        return mean, max(nightly_min) - min(nightly_min)

    def analyze(self):
        self.tl.processed = 0
        while True:  # expect: GIL001
            item = self.inbox.get()
            if item is None:
                return
            district, flows = item
            mean, spread = self.night_score(flows)
            self.tl.processed += 1  # ok: GIL002
            if mean > 3.0 and spread < 1.5:
                with self.lock:
                    self.leaks_found += 1  # ok: GIL002
                with self.crew_slots:
                    self.crews_dispatched += 1  # expect: GIL002
                    time.sleep(0.001)  # radio the crew
                self.findings.put((district, round(mean, 2), self.tl.processed))


def hydraulic_model(steps, out):
    head, demand = 120.0, 0.0
    for step in range(steps):  # ok: GIL001
        demand = 0.9 * demand + 0.1 * (50 + (step % 97))
        head += 0.002 * (120.0 - head) - 0.0004 * demand
    out.put(round(head, 3))


if __name__ == "__main__":
    rng = random.Random(4)
    flows = {f"DMA-{d:02d}": [rng.random() * 3 + (3.5 if d % 4 == 0 else 0.5) for _ in range(1440 * 30)]
             for d in range(16)}
    results = multiprocessing.Queue()
    model = multiprocessing.Process(target=hydraulic_model, args=(300_000, results))
    model.start()
    pipe = LeakPipeline(flows)
    analyzers = [threading.Thread(target=pipe.analyze, name=f"analyzer-{i}") for i in range(2)]
    reader = threading.Thread(target=pipe.reader)
    for t in [reader] + analyzers:
        t.start()
    reader.join()
    for _ in analyzers:
        pipe.inbox.put(None)
    for t in analyzers:
        t.join()
    leaks = []
    while not pipe.findings.empty():  # ok: GIL003
        leaks.append(pipe.findings.get())
    print(f"leaks found {pipe.leaks_found}; crews dispatched {pipe.crews_dispatched}: {leaks}")
    print(f"hydraulic model end head {results.get()} m")
    model.join()
