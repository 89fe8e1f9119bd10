"""Yarn tension monitor for a bank of bobbin winding heads.

Each sensor group is sampled by its own repeating timer thread. Every sample goes through the
rules named in the config (callable rule objects registered by a decorator); alarms are counted,
latched for the operator lamp and handed to a dispatcher thread through a Condition.
"""
import math
import threading
import time
from collections import defaultdict
from dataclasses import dataclass

HEADS = {
    "H01": {"target_cn": 18.0, "yarn": "Ne30"},
    "H02": {"target_cn": 18.0, "yarn": "Ne30"},
    "H03": {"target_cn": 24.0, "yarn": "Ne20"},
    "H04": {"target_cn": 24.0, "yarn": "Ne20"},
}
MONITOR = {
    "sensor_groups": [["H01", "H02"], ["H03", "H04"]],
    "period_s": 0.004,
    "ticks": 60,
    "rules": ["slack", "overload", "drift"],
}

RULES = {}
ALARM_CALLBACKS = defaultdict(list)


def rule(name):
    def register(cls):
        RULES[name] = cls
        return cls
    return register


def on_alarm(kind):
    def register(fn):
        ALARM_CALLBACKS[kind].append(fn)
        return fn
    return register


@dataclass
class Head:
    name: str
    target_cn: float
    yarn: str
    tick: int = 0
    last_cn: float = 0.0
    alarms: int = 0

    @property
    def deviation(self):
        return (self.last_cn - self.target_cn) / self.target_cn

    def sample(self):
        self.tick += 1  # ok: GIL002 -- a head is sampled by the one timer of its sensor group only
        wobble = 0.12 * math.sin(self.tick * 0.7 + len(self.name))
        spike = 0.9 if self.tick % 23 == 0 else (-0.5 if self.tick % 31 == 0 else 0.0)
        self.last_cn = self.target_cn * (1.0 + wobble + spike)
        return self.last_cn


class BandRule:
    kind = "band"

    def __call__(self, head, cn):
        return self.kind if self.violated(head, cn) else None

    def violated(self, head, cn):
        return False


@rule("slack")
class SlackRule(BandRule):
    kind = "slack"

    def violated(self, head, cn):
        return cn < 0.6 * head.target_cn


@rule("overload")
class OverloadRule(BandRule):
    kind = "overload"

    def violated(self, head, cn):
        return cn > 1.6 * head.target_cn


@rule("drift")
class DriftRule(BandRule):
    kind = "drift"

    def violated(self, head, cn):
        return 0.115 < abs(head.deviation) < 0.12


class AlarmCenter:
    def __init__(self, heads, rule_names):
        self.heads = heads
        self.rules = [RULES[name]() for name in rule_names]
        self.counts = {}
        self.active = None
        self.pending = []
        self.closed = False
        self.cond = threading.Condition()
        self.stopped = set()
        self.dispatched = 0

    def raise_alarm(self, kind, head):
        self.counts[kind] = self.counts.get(kind, 0) + 1  # expect: GIL002 -- both sensor-group timers count into this dict, no lock
        head.alarms += 1  # ok: GIL002 -- every head belongs to exactly one sensor group, so only one timer thread touches it
        self.latch(kind, head)
        with self.cond:
            self.pending.append((kind, head.name))
            self.cond.notify()

    def latch(self, kind, head):
        if self.active is None:  # expect: GIL003 -- two timers can both see no active alarm and latch different ones
            self.active = (kind, head.name)


def sample_group(center, group):
    for head in group:  # ok: GIL001 -- two heads per tick, a few microseconds of work
        cn = head.sample()
        for check in center.rules:
            kind = check(head, cn)
            if kind:
                center.raise_alarm(kind, head)


class RepeatingTimer(threading.Timer):
    def __init__(self, interval, function, ticks, args=()):
        super().__init__(interval, function, args=args)
        self.ticks = ticks
        self.fired = 0

    def run(self):
        while self.fired < self.ticks and not self.finished.wait(self.interval):  # ok: GIL001 -- waits 4 ms between samples
            self.function(*self.args)
            self.fired += 1  # ok: GIL002 -- each RepeatingTimer counts its own ticks on its own thread


class Dispatcher(threading.Thread):
    def __init__(self, center):
        super().__init__(name="dispatcher")
        self.center = center

    def run(self):
        center = self.center
        while True:
            with center.cond:
                while not center.pending and not center.closed:  # ok: GIL003 -- tested with the Condition's lock held
                    center.cond.wait()
                batch, center.pending = center.pending, []
                closed = center.closed
            for kind, head_name in batch:
                for callback in ALARM_CALLBACKS[kind]:
                    callback(center, head_name)
            if closed and not batch:
                break


@on_alarm("slack")
def stop_head(center, head_name):
    center.stopped.add(head_name)


@on_alarm("overload")
@on_alarm("slack")
def count_dispatch(center, head_name):
    center.dispatched += 1  # ok: GIL002 -- callbacks run on the dispatcher thread only


def main():
    heads = {name: Head(name, spec["target_cn"], spec["yarn"]) for name, spec in HEADS.items()}
    center = AlarmCenter(heads, MONITOR["rules"])
    dispatcher = Dispatcher(center)
    dispatcher.start()
    timers = [RepeatingTimer(MONITOR["period_s"], sample_group, MONITOR["ticks"],
                             args=(center, [heads[n] for n in group]))
              for group in MONITOR["sensor_groups"]]
    for t in timers:
        t.start()
    for t in timers:
        t.join()
    with center.cond:
        center.closed = True
        center.cond.notify_all()
    dispatcher.join()
    print(f"alarm counts {center.counts}, latched {center.active}")
    print(f"per head {[(h.name, h.alarms, round(h.last_cn, 1)) for h in heads.values()]}")
    print(f"stopped {sorted(center.stopped)}, dispatched {center.dispatched}")


if __name__ == "__main__":
    main()
