"""Wire drawing for pin shanks: brass rod is pulled through a series of dies.

Each coil gets its own draw bench thread.  Dies are callable objects whose
classes register by material; a generator yields the pass schedule for a coil
and the bench draws every segment of the coil through each die in turn,
sending the coil to a shared annealing furnace every few passes.
"""
import contextlib
import threading
import time

DRAW_PLAN = {
    "coils": [
        {"gauge": "pin-14", "start_mm": 2.0, "target_mm": 0.71, "segments": 20_000},
        {"gauge": "pin-17", "start_mm": 2.0, "target_mm": 0.56, "segments": 20_000},
        {"gauge": "lace-20", "start_mm": 1.6, "target_mm": 0.41, "segments": 20_000},
    ],
    "dies": ["tungsten", "tungsten", "diamond"],
    "reduction": 0.82,
    "anneal_every": 3,
    "furnace_slots": 2,
    "anneal_s": 0.003,
}

DIES = {}
_local = threading.local()


def die(material):
    def deco(cls):
        DIES[material] = cls
        return cls
    return deco


class Die:
    friction = 0.10

    def __call__(self, size, diameter, hardness):
        reduction = 1.0 - size / diameter if diameter > size else 0.0
        force = (diameter * diameter - size * size) * hardness * (1.0 + self.friction)
        return min(diameter, size), hardness * (1.0 + 0.9 * reduction), force


@die("tungsten")
class TungstenDie(Die):
    friction = 0.08


@die("diamond")
class DiamondDie(Die):
    friction = 0.03

    def __call__(self, size, diameter, hardness):
        new_d, new_h, force = super().__call__(size, diameter, hardness)
        return new_d, 1.0 + (new_h - 1.0) * 0.7, force * 0.95


def bench_stats():
    if not hasattr(_local, "stats"):  # ok: GIL003 -- threading.local: each bench checks its own slot
        _local.stats = {"passes": 0, "segments": 0}
    return _local.stats


class Furnace:
    def __init__(self, slots, seconds):
        self._slots = threading.Semaphore(slots)
        self._cond = threading.Condition()
        self.seconds = seconds
        self.loads = 0
        self.finished = 0

    @contextlib.contextmanager
    def slot(self):
        with self._slots:
            yield self

    def anneal(self, hardness):
        with self.slot():
            time.sleep(self.seconds)
            self.loads += 1  # expect: GIL002 -- Semaphore(2) lets two benches in at once, so it is not a mutex
        hardness[:] = [1.0] * len(hardness)

    def bench_done(self):
        with self._cond:
            self.finished += 1  # ok: GIL002 -- the condition's lock is held
            self._cond.notify_all()

    def wait_for(self, count):
        with self._cond:
            self._cond.wait_for(lambda: self.finished >= count, timeout=5.0)


class DrawBench(threading.Thread):
    def __init__(self, coil, dies, plan, furnace, report):
        super().__init__(name=f"bench-{coil['gauge']}")
        self.coil = coil
        self.dies = dies
        self.plan = plan
        self.furnace = furnace
        self.report = report
        self.result = None

    def run(self):
        self.result = self.draw_coil()
        self.furnace.bench_done()

    def passes(self):
        size = self.coil["start_mm"]
        n = 0
        while size > self.coil["target_mm"]:  # ok: GIL001 -- yields the five to seven passes of one coil
            size = max(self.coil["target_mm"], size * self.plan["reduction"])
            yield n, self.dies[n % len(self.dies)], size
            n += 1

    def draw_coil(self):
        segments = [self.coil["start_mm"]] * self.coil["segments"]
        hardness = [1.0] * self.coil["segments"]
        stats = bench_stats()
        peak = 0.0
        for n, pull, size in self.passes():  # expect: GIL001 -- every segment through every die: about 130k die calls per bench thread
            force = 0.0
            for i in range(len(segments)):
                segments[i], hardness[i], f = pull(size, segments[i], hardness[i])
                force += f
            stats["passes"] += 1  # ok: GIL002 -- per-thread dict from threading.local
            stats["segments"] += len(segments)  # ok: GIL002 -- per-thread dict from threading.local
            peak = max(peak, force)
            if (n + 1) % self.plan["anneal_every"] == 0:
                self.furnace.anneal(hardness)
        if peak > self.report["peak_force"][1]:  # expect: GIL003 -- benches test the shared peak and overwrite it without a lock
            self.report["peak_force"] = (self.coil["gauge"], peak)
        return {"gauge": self.coil["gauge"], "diameter": segments[-1], "passes": stats["passes"]}


def build_benches(plan, furnace, report):
    dies = [DIES[material]() for material in plan["dies"]]
    return [DrawBench(coil, dies, plan, furnace, report) for coil in plan["coils"]]


def main():
    furnace = Furnace(DRAW_PLAN["furnace_slots"], DRAW_PLAN["anneal_s"])
    report = {"peak_force": ("", 0.0)}
    benches = build_benches(DRAW_PLAN, furnace, report)
    started = time.perf_counter()
    for bench in benches:
        bench.start()
    furnace.wait_for(len(benches))
    for bench in benches:
        bench.join()
    for bench in benches:
        r = bench.result
        print(f"{r['gauge']:8s} drawn to {r['diameter']:.3f} mm in {r['passes']} passes")
    print(f"furnace loads={furnace.loads} peak={report['peak_force'][0]} "
          f"{report['peak_force'][1]:.1f} in {time.perf_counter() - started:.3f}s")


if __name__ == "__main__":
    main()
