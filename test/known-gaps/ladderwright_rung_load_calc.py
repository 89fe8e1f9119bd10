"""Ladderwright: check every rung of the shop's ladder designs against the load classes.

Designs come from a spec list; a factory maps each spec's type to a constructor
(some pre-configured with functools.partial).  Each ladder is checked in a thread
pool: a moving point load is swept across every rung and the bending stress and
deflection are integrated numerically.  A timer takes a snapshot of the report.
"""
import functools
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed

STANDARD = {
    "classes": {"domestic": 95.0, "trade": 115.0, "industrial": 150.0},   # kg
    "safety_factor": 2.5,
    "positions": 160,               # load positions swept across a rung
    "slices": 40,                  # Simpson slices for the deflection integral
}
ASH_E = 12.0e9                     # Pa
ASH_BENDING = 95.0e6               # Pa
SPECS = [
    {"type": "step", "name": "step-8", "rungs": 8, "width_mm": 420, "rung_mm": (34, 28)},
    {"type": "extension", "name": "ext-2x12", "rungs": 12, "width_mm": 380, "rung_mm": (32, 27)},
    {"type": "orchard", "name": "orchard-10", "rungs": 10, "width_mm": 560, "rung_mm": (38, 30)},
    {"type": "extension3", "name": "ext-3x10", "rungs": 10, "width_mm": 400, "rung_mm": (32, 28)},
]


class Ladder:
    def __init__(self, name, rungs, width_mm, rung_mm):
        self.name = name
        self.rungs = rungs
        self.width = width_mm / 1000
        self.b, self.h = (d / 1000 for d in rung_mm)

    def rung_spans(self):
        return [self.width] * self.rungs

    @staticmethod
    def second_moment(b, h):
        return b * h ** 3 / 12

    def rung_stress(self, span, load_n, x):
        moment = load_n * x * (span - x) / span
        return moment * (self.h / 2) / self.second_moment(self.b, self.h)

    def deflection(self, span, load_n, a, slices):
        # midspan deflection by Simpson's rule over M(x) * m(x) / EI
        ei = ASH_E * self.second_moment(self.b, self.h)
        step = span / slices
        total = 0.0
        for i in range(slices + 1):
            x = i * step
            big_m = load_n * (span - a) * x / span if x <= a else load_n * a * (span - x) / span
            small_m = x / 2 if x <= span / 2 else (span - x) / 2
            w = 1 if i in (0, slices) else (4 if i % 2 else 2)
            total += w * big_m * small_m
        return total * step / 3 / ei


class Stepladder(Ladder):
    def rung_spans(self):
        # treads narrow towards the top
        return [self.width * (1 - 0.04 * i) for i in range(self.rungs)]


class ExtensionLadder(Ladder):
    def __init__(self, name, rungs, width_mm, rung_mm, sections=2):
        super().__init__(name, rungs * sections, width_mm, rung_mm)
        self.sections = sections

    def rung_spans(self):
        per = self.rungs // self.sections
        return [self.width - 0.02 * (i // per) for i in range(self.rungs)]


class OrchardLadder(Stepladder):
    def rung_stress(self, span, load_n, x):
        # splayed foot: the bottom rungs carry a little side thrust too
        return super().rung_stress(span, load_n, x) * 1.08


FACTORY = {
    "step": Stepladder,
    "orchard": OrchardLadder,
    "extension": functools.partial(ExtensionLadder, sections=2),
    "extension3": functools.partial(ExtensionLadder, sections=3),
}


def make_ladder(spec):
    spec = dict(spec)
    return FACTORY[spec.pop("type")](**spec)


class Report:
    def __init__(self):
        self.lock = threading.Lock()
        self.checked = 0
        self.max_stress = 0.0
        self.max_at = None
        self.snapshots = []

    def snapshot(self):
        if self.lock.acquire(blocking=False):  # ok: GIL005 -- released in the finally; nothing to release when not acquired
            try:
                self.snapshots.append((self.checked, self.max_at))
            finally:
                self.lock.release()


def worst_on_rung(ladder, span, load_n, std):
    worst = (0.0, 0.0)
    for p in range(1, std["positions"]):
        x = span * p / std["positions"]
        stress = ladder.rung_stress(span, load_n, x)
        defl = ladder.deflection(span, load_n, x, std["slices"])
        worst = max(worst, (stress, defl))
    return worst


def check_ladder(ladder, std, report):
    verdicts = {}
    for cls_name, kg in std["classes"].items():  # expect: GIL001 -- 3 classes x rungs x 159 positions x 41-slice Simpson integral, 35-200 ms per ladder
        load_n = kg * 9.81 * std["safety_factor"]
        stress, defl = max(worst_on_rung(ladder, s, load_n, std) for s in ladder.rung_spans())
        verdicts[cls_name] = (stress < ASH_BENDING, round(stress / 1e6, 1), round(defl * 1000, 2))
        if stress > report.max_stress:  # expect: GIL003 -- pool threads compare and overwrite the shared maximum unlocked
            report.max_stress = stress
            report.max_at = (ladder.name, cls_name)
    with report.lock:
        report.checked += 1  # ok: GIL002 -- report.lock is held
    return ladder.name, verdicts


def main():
    ladders = [make_ladder(s) for s in SPECS]
    report = Report()
    timer = threading.Timer(0.02, report.snapshot)
    timer.start()
    results = {}
    with ThreadPoolExecutor(max_workers=4) as pool:
        futs = [pool.submit(functools.partial(check_ladder, lad, STANDARD, report)) for lad in ladders]
        for fut in as_completed(futs):
            name, verdicts = fut.result()
            results[name] = verdicts
    timer.join()
    for name in sorted(results):
        row = ", ".join(f"{c}: {'ok' if ok else 'FAIL'} {mpa} MPa {mm} mm"
                        for c, (ok, mpa, mm) in results[name].items())
        print(f"{name:<11} {row}")
    print("checked:", report.checked, "max stress at:", report.max_at,
          f"{report.max_stress / 1e6:.1f} MPa", "snapshots:", report.snapshots,
          f"utilisation {100 * report.max_stress / ASH_BENDING:.0f}%")


if __name__ == "__main__":
    main()
