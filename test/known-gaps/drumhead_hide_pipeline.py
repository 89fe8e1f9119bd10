"""Drumhead tannery line: raw hides go soak -> flesh -> stretch -> dry.

Each step is a callable object registered with @step; the line is built from the
config and every step gets its own pool of StageWorker threads fed by a queue."""
import queue
import threading
import time
from dataclasses import dataclass

LINE_CONFIG = {
    "soak": {"dwell": 0.004},
    "flesh": {"dwell": 0.002},
    "stretch": {"dwell": 0.003, "hoops": 3},
    "dry": {"dwell": 0.002},
    "batch": [("goat", 14), ("calf", 16), ("goat", 13), ("calf", 22), ("deer", 12),
              ("goat", 14), ("calf", 18), ("deer", 10), ("goat", 12)],
}

STEPS = []
TALLY = {}
STOP = object()


def step(order, workers):
    """Register a step class with its position on the line and its worker count."""
    def register(cls):
        STEPS.append((order, workers, cls))
        return cls
    return register


def record(stage_name):
    TALLY[stage_name] = TALLY.get(stage_name, 0) + 1  # expect: GIL002 -- every StageWorker thread counts into the global dict, no lock


@dataclass
class Hide:
    tag: str
    animal: str
    size_in: int
    moisture: float = 0.0
    tension: float = 0.0
    duplicate: bool = False


class DryingRoom:
    """Context manager that holds the room lock while a hide is hung or taken down."""

    def __init__(self):
        self._lock = threading.Lock()
        self.hanging = 0
        self.peak = 0

    def __enter__(self):
        self._lock.acquire()  # ok: GIL005 -- __exit__ always releases it, even on an exception
        return self

    def __exit__(self, *exc):
        self._lock.release()
        return False


class Step:
    name = "step"

    def __init__(self, dwell, **_):
        self.dwell = dwell

    def __call__(self, hide):
        self.work(hide)
        time.sleep(self.dwell)
        return hide

    def work(self, hide):
        pass


@step(order=1, workers=2)
class Soak(Step):
    name = "soak"

    def work(self, hide):
        hide.moisture = 0.6 + hide.size_in / 100


@step(order=2, workers=2)
class Flesh(Step):
    name = "flesh"

    def __init__(self, dwell, **kw):
        super().__init__(dwell, **kw)
        self.seen = set()

    def work(self, hide):
        if hide.tag in self.seen:  # expect: GIL003 -- both flesh workers share this Flesh object and its set, no lock
            hide.duplicate = True
        else:
            self.seen.add(hide.tag)


@step(order=3, workers=2)
class Stretch(Step):
    name = "stretch"

    def __init__(self, dwell, hoops, **kw):
        super().__init__(dwell, **kw)
        self.frame_lock = threading.Lock()
        self.frames_used = 0
        self.hoops = hoops

    def __call__(self, hide):
        self.frame_lock.acquire()  # expect: GIL005 -- a duplicate hide returns with frame_lock still held
        if hide.duplicate:
            return hide
        self.frames_used += 1  # ok: GIL002 -- frame_lock is held on this path
        hide.tension = self._tension_for(hide)
        self.frame_lock.release()
        time.sleep(self.dwell)
        return hide

    def _tension_for(self, hide):
        return round(hide.size_in * (1.2 - hide.moisture) * (1 + self.frames_used % self.hoops), 2)


@step(order=4, workers=2)
class Dry(Step):
    name = "dry"

    def __init__(self, dwell, **kw):
        super().__init__(dwell, **kw)
        self.room = DryingRoom()

    def work(self, hide):
        with self.room as room:
            room.hanging += 1  # ok: GIL002 -- DryingRoom.__enter__ holds the room lock
            if room.hanging > room.peak:  # ok: GIL003 -- still inside the room's with block
                room.peak = room.hanging
        hide.moisture = round(hide.moisture * 0.3, 3)
        with self.room as room:
            room.hanging -= 1  # ok: GIL002 -- room lock held again


class StageWorker(threading.Thread):
    def __init__(self, stage, inbox, outbox):
        super().__init__(daemon=True)
        self.stage = stage
        self.inbox = inbox
        self.outbox = outbox

    def run(self):
        for hide in iter(self.inbox.get, STOP):  # ok: GIL001 -- waits on the queue; each hide is a short sleep
            out = self.stage(hide)
            record(self.stage.name)
            self.outbox.put(out)
            self.inbox.task_done()
        self.inbox.task_done()


class Tannery:
    def __init__(self, stages):
        self.stages = stages  # [(step object, worker count)]

    @classmethod
    def from_config(cls, config):
        ordered = sorted(STEPS, key=lambda s: s[0])
        return cls([(kls(**config[kls.name]), n) for _, n, kls in ordered])

    def run(self, hides):
        queues = [queue.Queue() for _ in range(len(self.stages) + 1)]
        crews = []
        for pos, (stage, n) in enumerate(self.stages):
            crew = [StageWorker(stage, queues[pos], queues[pos + 1]) for _ in range(n)]
            for w in crew:
                w.start()
            crews.append(crew)
        for hide in hides:
            queues[0].put(hide)
        for pos, crew in enumerate(crews):
            queues[pos].join()
            for _ in crew:
                queues[pos].put(STOP)
            for w in crew:
                w.join()
        done = queues[-1]
        return [done.get() for _ in range(done.qsize())]


def intake(config):
    for i, (animal, size) in enumerate(config["batch"]):
        yield Hide(f"{animal[:1].upper()}{i:03d}", animal, size)


def main():
    tannery = Tannery.from_config(LINE_CONFIG)
    finished = tannery.run(intake(LINE_CONFIG))
    stretch = next(s for s, _ in tannery.stages if s.name == "stretch")
    dry = next(s for s, _ in tannery.stages if s.name == "dry")
    print(f"finished {len(finished)} hides, tally {dict(sorted(TALLY.items()))}")
    print(f"frames used {stretch.frames_used}, drying peak {dry.room.peak}")
    for hide in sorted(finished, key=lambda h: h.tag):
        print(f"  {hide.tag} {hide.animal:5s} {hide.size_in:2d}in tension {hide.tension}")


if __name__ == "__main__":
    main()
