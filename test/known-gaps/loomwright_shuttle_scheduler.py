"""Loomwright's workshop scheduler: assembly steps for a batch of looms on a thread pool.

Each step is an Operation class registered by name with a decorator; a
partial-bound factory builds the callable for the next step of each loom as
soon as its previous step completes (concurrent.futures.wait).  Clamps and
shuttles live on a shared Bench whose own `with bench:` holds its lock.
"""
import functools
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

WORKSHOP = {
    "looms": ["floor-4", "floor-8", "tape", "rigid-heddle", "table-4"],
    "plan": ["cut_frame", "warp_beam", "fit_heddles", "glue_cure"],
    "bench": {"clamps": 2, "shuttles": ["boat-1", "boat-2", "ski-1"]},
    "heddles": {"floor-4": 400, "floor-8": 800, "table-4": 300},
    "cure_s": 0.01,
    "workers": 4,
}

OPERATIONS = {}


def operation(name, *, needs_clamp=False):
    def deco(cls):
        cls.op_name = name
        cls.needs_clamp = needs_clamp
        OPERATIONS[name] = cls
        return cls
    return deco


class Bench:
    """Shared tools of the workshop; `with bench:` holds its lock."""

    def __init__(self, cfg):
        self._lock = threading.RLock()
        self.clamps = cfg["clamps"]
        self.free_shuttles = list(cfg["shuttles"])
        self.waits = 0

    def __enter__(self):
        self._lock.acquire()  # ok: GIL005 -- context-manager protocol: __exit__ always releases
        return self

    def __exit__(self, *exc):
        self._lock.release()
        return False


class Operation:
    op_name = "?"
    needs_clamp = False

    def __init__(self, bench, loom, cfg):
        self.bench = bench
        self.loom = loom
        self.cfg = cfg

    def __call__(self):
        if self.needs_clamp:
            self._take_clamp()
        try:
            return self.loom, self.op_name, self.perform()
        finally:
            if self.needs_clamp:
                self._give_clamp()

    def _take_clamp(self):
        while True:  # ok: GIL001 -- polls with a 1 ms sleep until a clamp is free
            with self.bench:
                if self.bench.clamps > 0:  # ok: GIL003 -- tested and taken inside `with bench:` (its __enter__ holds the lock)
                    self.bench.clamps -= 1  # ok: GIL002 -- bench lock held
                    return
            self.bench.waits += 1  # expect: GIL002 -- shared wait counter bumped by pool threads after leaving the bench lock
            time.sleep(0.001)

    def _give_clamp(self):
        with self.bench:
            self.bench.clamps += 1  # ok: GIL002 -- bench lock held

    def perform(self):
        raise NotImplementedError


@operation("cut_frame", needs_clamp=True)
class CutFrame(Operation):
    def perform(self):
        time.sleep(0.004)
        return "frame cut"


@operation("warp_beam")
class WarpBeam(Operation):
    def perform(self):
        shuttle = self._borrow_shuttle()
        time.sleep(0.003)
        self.bench.free_shuttles.append(shuttle)
        return f"beam wound with {shuttle}"

    def _borrow_shuttle(self):
        while True:  # ok: GIL001 -- waits with sleep for a free shuttle
            if self.bench.free_shuttles:  # expect: GIL003 -- tests the shared shuttle list then pops it without the bench lock
                try:
                    return self.bench.free_shuttles.pop()
                except IndexError:
                    continue
            time.sleep(0.001)


@operation("fit_heddles")
class FitHeddles(Operation):
    def perform(self):
        count = self.cfg["heddles"].get(self.loom, 100)
        per_shaft = [count // 4 for _ in range(4)]  # ok: GIL001 -- four items
        time.sleep(0.002)
        return f"{sum(per_shaft)} heddles"


@operation("glue_cure", needs_clamp=True)
class GlueCure(Operation):
    def perform(self):
        time.sleep(self.cfg["cure_s"])  # ok: GIL004 -- plain sync method on a pool thread, no event loop involved
        return "cured"


def build_operation(loom, op_name, *, bench, cfg):
    return OPERATIONS[op_name](bench, loom, cfg)


class Scheduler:
    def __init__(self, cfg, bench):
        self.cfg = cfg
        self.bench = bench
        self.factory = functools.partial(build_operation, bench=bench, cfg=cfg)
        self.completed = {}
        self.log = []

    def run(self):
        plans = {loom: list(self.cfg["plan"]) for loom in self.cfg["looms"]}
        with ThreadPoolExecutor(max_workers=self.cfg["workers"]) as pool:
            running = {pool.submit(self.factory(loom, plan.pop(0))): loom for loom, plan in plans.items()}
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for fut in done:
                    loom = running.pop(fut)
                    self.log.append(fut.result())
                    self.completed[loom] = self.completed.get(loom, 0) + 1  # ok: GIL002 -- only the scheduling (main) thread touches completed
                    if plans[loom]:
                        running[pool.submit(self.factory(loom, plans[loom].pop(0)))] = loom
        return self.log


def main():
    bench = Bench(WORKSHOP["bench"])
    scheduler = Scheduler(WORKSHOP, bench)
    started = time.perf_counter()
    log = scheduler.run()
    elapsed = time.perf_counter() - started
    for loom, step, result in log:
        print(f"{loom:13s} {step:12s} {result}")
    print(f"steps={len(log)} completed={scheduler.completed}")
    print(f"clamps back={bench.clamps} shuttles={sorted(bench.free_shuttles)} waits={bench.waits} in {elapsed:.3f}s")


if __name__ == "__main__":
    main()
