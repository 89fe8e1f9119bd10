"""Stalker cull plan: stalkers on the estate's beats take deer against the season's plan.

The factor sets a cull plan per class.  Each stalker goes out with a guest (a thread), and
when a beast is down it is taken against the plan, graded and hung in the larder; a report
goes to the factor's office thread for the Deer Management Group return.
"""
import queue
import random
import threading
import time
from dataclasses import dataclass, field

MIN_LARDER_KG = 30.0
PREMIUM_KG = 75.0


@dataclass
class Carcass:
    tag: str
    cls: str
    weight_kg: float
    beat: str


@dataclass
class CullPlan:
    quota: dict
    taken: dict = field(default_factory=dict)
    stag_lock: threading.RLock = field(default_factory=threading.RLock)

    def __post_init__(self):
        self.taken = {cls: [] for cls in self.quota}

    def take_hind(self, tag):
        """Old hind book: no lock, the factor 'never had two parties out at once'."""
        if len(self.taken["hind"]) < self.quota["hind"]:  # expect: GIL003 — parties can both see one hind left and both take it
            time.sleep(0.0005)  # radio the factor for the go-ahead
            self.taken["hind"].append(tag)
            return True
        return False

    def take_stag(self, tag):
        with self.stag_lock:
            if len(self.taken["stag"]) < self.quota["stag"]:  # ok: GIL003 — test and append under stag_lock
                time.sleep(0.0005)
                self.taken["stag"].append(tag)
                return True
            return False


class Larder:
    def __init__(self):
        self.hooks = []
        self.larder_lock = threading.Lock()
        self.grade_lock = threading.Lock()
        self.premium = 0
        self.standard = 0

    def hang(self, carcass):
        self.larder_lock.acquire()  # expect: GIL005 — the under-weight branch returns with the larder locked
        if carcass.weight_kg < MIN_LARDER_KG:
            return None
        self.hooks.append(carcass.tag)
        hook = len(self.hooks)
        self.larder_lock.release()
        return hook

    def grade(self, carcass):
        self.grade_lock.acquire()  # ok: GIL005 — both branches release before returning; nothing between can raise
        if carcass.weight_kg >= PREMIUM_KG:
            self.premium += 1  # ok: GIL002 — grade_lock held
            self.grade_lock.release()
            return "premium"
        self.standard += 1  # ok: GIL002 — grade_lock held
        self.grade_lock.release()
        return "standard"


class FactorsOffice(threading.Thread):
    def __init__(self, reports):
        super().__init__(name="factor", daemon=True)
        self.reports = reports
        self.return_lines = []

    def run(self):
        while True:  # ok: GIL001 — blocks on queue.get() between reports
            report = self.reports.get()
            if report is None:
                self.reports.task_done()
                break
            carcass, grade, hook = report
            self.return_lines.append(f"{carcass.tag} {carcass.cls:<4} {carcass.weight_kg:5.1f} kg {grade:<8} hook {hook}")
            self.reports.task_done()


class Stalker(threading.Thread):
    def __init__(self, name, beat, plan, larder, reports, outings, seed):
        super().__init__(name=name)
        self.beat = beat
        self.plan = plan
        self.larder = larder
        self.reports = reports
        self.outings = outings
        self.rng = random.Random(seed)
        self.taken = []

    def spy_and_stalk(self):
        time.sleep(0.002 + self.rng.random() * 0.002)  # glassing the hill, then the crawl in
        cls = "stag" if self.rng.random() < 0.4 else "hind"
        low, high = (80.0, 105.0) if cls == "stag" else (45.0, 65.0)
        return cls, round(self.rng.uniform(low, high) * 0.8, 1)

    def run(self):
        take = {"stag": self.plan.take_stag, "hind": self.plan.take_hind}
        for n in range(self.outings):
            cls, weight = self.spy_and_stalk()
            tag = f"{self.name[:3].upper()}-{n:02d}"
            if not take[cls](tag):
                continue
            carcass = Carcass(tag, cls, weight, self.beat)
            hook = self.larder.hang(carcass)
            grade = self.larder.grade(carcass)
            self.taken.append(tag)
            self.reports.put((carcass, grade, hook))


def main():
    plan = CullPlan(quota={"stag": 6, "hind": 9})
    larder = Larder()
    reports = queue.Queue()
    office = FactorsOffice(reports)
    office.start()
    stalkers = [
        Stalker("Angus", "Coire Dubh", plan, larder, reports, outings=8, seed=11),
        Stalker("Donald", "Allt Garbh", plan, larder, reports, outings=8, seed=12),
        Stalker("Morag", "Sgurr Ban", plan, larder, reports, outings=8, seed=13),
    ]
    for s in stalkers:
        s.start()
    for s in stalkers:
        s.join()
    reports.put(None)
    reports.join()
    office.join()

    for line in office.return_lines:
        print(line)
    for cls in ("stag", "hind"):
        taken = len(plan.taken[cls])
        flag = "  OVER PLAN" if taken > plan.quota[cls] else ""
        print(f"{cls}s: {taken}/{plan.quota[cls]}{flag}")
    print(f"larder hooks used: {len(larder.hooks)}; premium {larder.premium}, standard {larder.standard}")
    print(", ".join(f"{s.name}: {len(s.taken)}" for s in stalkers))


if __name__ == "__main__":
    main()
