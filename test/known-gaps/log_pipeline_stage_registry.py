"""Access-log pipeline: stages are Thread subclasses that register under a
stage name via __init_subclass__; CONFIG lists the stages and their widths."""
import queue
import threading
from collections import defaultdict

CONFIG = {"pipeline": [("parse", 1), ("enrich", 2), ("count", 1)],
          "log_lines": 60, "baseline_rounds": 250_000}

LOG_LINES = [f"2024-05-0{i % 9 + 1} GET /api/v1/items/{i % 7} {500 if i % 5 == 0 else 200}"
             for i in range(CONFIG["log_lines"])]
ENRICHED = 0


class Stage(threading.Thread):
    registry = {}

    def __init_subclass__(cls, stage, **kwargs):
        super().__init_subclass__(**kwargs)
        Stage.registry[stage] = cls

    def __init__(self, inbox, outbox, upstream, downstream):
        super().__init__(daemon=True)
        self.inbox, self.outbox = inbox, outbox
        self.upstream, self.downstream = upstream, downstream


class ParseStage(Stage, stage="parse"):
    def run(self):
        while True:  # ok: GIL001
            line = self.inbox.get()
            if line is None:
                break
            self.outbox.put(line.split())
        for _ in range(self.downstream):
            self.outbox.put(None)


class EnrichStage(Stage, stage="enrich"):
    def run(self):
        global ENRICHED
        while True:
            fields = self.inbox.get()
            if fields is None:
                self.outbox.put(None)
                break
            day, method, path, status = fields
            self.outbox.put((path.rsplit("/", 2)[-2], int(status)))
            ENRICHED += 1  # expect: GIL002


class CountStage(Stage, stage="count"):
    def __init__(self, *args):
        super().__init__(*args)
        self.counts = defaultdict(int)
        self.baseline = 0.0

    def run(self):
        finished = 0
        while finished < self.upstream:
            item = self.inbox.get()
            if item is None:
                finished += 1
                continue
            resource, status = item
            self.counts[(resource, status // 100)] += 1  # ok: GIL002
        acc = 0.0
        for i in range(CONFIG["baseline_rounds"]):  # expect: GIL001
            acc += ((i * 31) % 17) / 17.0
        self.baseline = acc / CONFIG["baseline_rounds"]


def main():
    queues = [queue.Queue() for _ in range(len(CONFIG["pipeline"]) + 1)]
    for line in LOG_LINES:
        queues[0].put(line)
    queues[0].put(None)
    stages = []
    widths = [1] + [w for _, w in CONFIG["pipeline"]] + [1]
    for idx, (name, width) in enumerate(CONFIG["pipeline"]):
        for _ in range(width):
            stages.append(Stage.registry[name](queues[idx], queues[idx + 1], widths[idx], widths[idx + 2]))
    for st in stages:
        st.start()
    for st in stages:
        st.join()
    counter = stages[-1]
    print("enriched:", ENRICHED, "baseline:", round(counter.baseline, 4))
    print("counts:", dict(sorted(counter.counts.items())))


if __name__ == "__main__":
    main()
