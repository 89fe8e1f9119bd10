"""Edge-grinding job shop for flat glass.

Jobs are built from an order config, each with an edge profile (flat, pencil,
bevel) that decides which wheels it passes over. Two grinding machines share one
wheel store; jobs run on a thread pool and simulate the tool path to estimate how
much glass every wheel removes.
"""
import math
import threading
from concurrent.futures import ThreadPoolExecutor, wait, ALL_COMPLETED
from dataclasses import dataclass

CONFIG = {
    "steps_per_mm": 30,
    "max_thickness_mm": 25.0,
    "wear_limit_um": 300.0,
    "wear_um_per_mm3": 0.004,
    "wheels": {"60": 150.0, "120": 150.0, "400": 125.0},
    "machines": ["bavelloni-1", "bavelloni-2"],
    "orders": [
        {"w": 600, "h": 400, "t": 6.0, "profile": "flat"},
        {"w": 900, "h": 700, "t": 10.0, "profile": "pencil"},
        {"w": 500, "h": 500, "t": 8.0, "profile": "bevel", "angle": 22.0},
        {"w": 1200, "h": 300, "t": 4.0, "profile": "flat"},
        {"w": 750, "h": 450, "t": 12.0, "profile": "bevel", "angle": 15.0},
        {"w": 640, "h": 480, "t": 6.0, "profile": "pencil"},
    ],
}


@dataclass
class Pane:
    width_mm: float
    height_mm: float
    thickness_mm: float

    @property
    def perimeter_mm(self):
        return 2.0 * (self.width_mm + self.height_mm)


class EdgeProfile:
    grits = ("60", "120")

    @property
    def passes(self):
        return list(self.grits)

    def depth_at(self, pane, t):
        return 0.5


class FlatEdge(EdgeProfile):
    pass


class PencilEdge(EdgeProfile):
    grits = ("60", "120", "400")

    def depth_at(self, pane, t):
        return 0.35 + 0.25 * math.sin(math.pi * t) * pane.thickness_mm / 10.0


class BevelEdge(EdgeProfile):
    grits = ("60", "120", "400")

    def __init__(self, angle):
        self.angle = angle

    def depth_at(self, pane, t):
        return pane.thickness_mm * math.tan(math.radians(self.angle)) * (0.2 + 0.8 * t)


@dataclass
class Job:
    job_id: int
    pane: Pane
    profile: EdgeProfile


class JobBuilder:
    PROFILES = {"flat": FlatEdge, "pencil": PencilEdge, "bevel": BevelEdge}

    def __init__(self):
        self._next_id = 1

    def build(self, order):
        pane = Pane(order["w"], order["h"], order["t"])
        cls = self.PROFILES[order["profile"]]
        profile = cls(order["angle"]) if "angle" in order else cls()
        job = Job(self._next_id, pane, profile)
        self._next_id += 1
        return job


class Wheel:
    def __init__(self, grit, diameter_mm):
        self.grit = grit
        self.diameter_mm = diameter_mm
        self.wear_um = 0.0
        self.replacements = 0


class WheelStore:
    def __init__(self, cfg):
        self.cfg = cfg
        self.wheels = {g: Wheel(g, d) for g, d in cfg["wheels"].items()}
        self._lock = threading.Lock()

    def charge(self, grit, removed_mm3):
        wheel = self.wheels[grit]
        wheel.wear_um += removed_mm3 * self.cfg["wear_um_per_mm3"]  # expect: GIL002 -- both machines' jobs charge the shared wheels unlocked

    def check_wear(self, grit):
        with self._lock:
            wheel = self.wheels[grit]
            if wheel.wear_um > self.cfg["wear_limit_um"]:  # ok: GIL003 -- test and replacement both under the store lock
                wheel.wear_um = 0.0
                wheel.replacements += 1  # ok: GIL002 -- store lock held


class Machine:
    def __init__(self, name, store, cfg):
        self.name = name
        self.store = store
        self.cfg = cfg
        self.spindle = threading.Lock()
        self.loaded = None

    def run_job(self, job):
        self.spindle.acquire()  # expect: GIL005 -- the too-thick early return leaves the spindle locked
        if job.pane.thickness_mm > self.cfg["max_thickness_mm"]:
            return None
        self.loaded = job.job_id
        self.spindle.release()
        removed = self._grind(job)
        for grit, volume in removed.items():  # ok: GIL001 -- at most three wheels per job
            self.store.charge(grit, volume)
            self.store.check_wear(grit)
        return job.job_id, self.name, sum(removed.values())

    def _grind(self, job):
        removed = {}
        for grit, t in self._toolpath(job):  # expect: GIL001 -- tens of thousands of tool-path steps per job on pool threads
            depth = job.profile.depth_at(job.pane, t) / (1 + job.profile.passes.index(grit))
            share = depth * job.pane.thickness_mm / self.cfg["steps_per_mm"]
            removed[grit] = removed.get(grit, 0.0) + share  # ok: GIL002 -- removed is a local dict of this call
        return removed

    def _toolpath(self, job):
        steps = int(job.pane.perimeter_mm * self.cfg["steps_per_mm"])
        for grit in job.profile.passes:
            for i in range(steps):
                yield grit, i / steps


def main():
    store = WheelStore(CONFIG)
    machines = [Machine(name, store, CONFIG) for name in CONFIG["machines"]]
    builder = JobBuilder()
    jobs = [builder.build(order) for order in CONFIG["orders"]]
    with ThreadPoolExecutor(max_workers=len(machines) * 2) as pool:
        futures = [pool.submit(machines[i % len(machines)].run_job, job) for i, job in enumerate(jobs)]
        done, _ = wait(futures, return_when=ALL_COMPLETED)
    for fut in sorted(done, key=lambda f: f.result()[0]):
        job_id, machine, volume = fut.result()
        print(f"job {job_id} on {machine}: {volume:9.1f} mm3 removed")
    for grit, wheel in store.wheels.items():
        print(f"wheel {grit:>3}: wear {wheel.wear_um:7.1f} um, replaced {wheel.replacements}x")


if __name__ == "__main__":
    main()
