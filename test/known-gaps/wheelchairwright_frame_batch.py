"""Batch stress check of wheelchair frames before they go to the welding bay.

Frames are assembled from a model table by a builder; a solver chosen per model
computes node stresses in a thread pool (results collected with as_completed).
Fatigue life, the slowest part, runs in a process pool.
"""
import math
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

MESH_MM = 4             # one node every 4 mm of tube
REFINE = 96             # sub-steps per node and load case
FATIGUE_CYCLES = 250_000
YIELD_MPA = 240.0

MODELS = {
    "active-rigid": {"solver": "flex", "tubes": [420, 420, 380, 380], "loads": [900, 1100, 1300, 600]},
    "folding-x": {"solver": "flex", "tubes": [460, 460, 300, 300, 250], "loads": [850, 1000, 1250]},
    "sport-court": {"solver": "flex", "tubes": [400, 400, 350, 350], "loads": [1200, 1500, 1800, 900]},
    "transit": {"solver": "rigid", "tubes": [500, 500, 420], "loads": [800, 950]},
}


@dataclass
class Frame:
    model: str
    solver: str
    nodes: list = field(default_factory=list)
    loads: list = field(default_factory=list)


class FrameBuilder:
    def __init__(self, model):
        self._frame = Frame(model, "rigid")

    def with_solver(self, name):
        self._frame.solver = name
        return self

    def with_tubes(self, lengths):
        for t, length in enumerate(lengths):
            self._frame.nodes.extend((t, x) for x in range(0, length, MESH_MM))
        return self

    def with_loads(self, loads):
        self._frame.loads = list(loads)
        return self

    def build(self):
        return self._frame


def frames_from(models):
    for name, cfg in models.items():
        yield (FrameBuilder(name).with_solver(cfg["solver"])
               .with_tubes(cfg["tubes"]).with_loads(cfg["loads"]).build())


class StressSolver:
    def solve(self, frame):
        return max(self._stress_field(frame))

    def _stress_field(self, frame):
        raise NotImplementedError

    @staticmethod
    def node_stress(node, load, sub):
        tube, x = node
        return load * (1.0 + 0.3 * math.sin(x / 40.0 + sub * 0.01)) / (18.0 + tube)


class RigidSolver(StressSolver):
    def _stress_field(self, frame):
        return [self.node_stress(frame.nodes[0], load, 0) for load in frame.loads]  # ok: GIL001 -- two or three load cases at one node


class FlexSolver(StressSolver):
    def _stress_field(self, frame):
        field_ = [self.node_stress(n, load, sub)  # expect: GIL001 -- ~400 nodes x 3-4 loads x 96 sub-steps of Python calls per pool task
                  for n in frame.nodes for load in frame.loads for sub in range(REFINE)]
        return field_


SOLVERS = {"rigid": RigidSolver(), "flex": FlexSolver()}


@dataclass
class Report:
    failures: int = 0
    peaks: dict = field(default_factory=dict)


class BatchRunner:
    def __init__(self):
        self.report = Report()
        self.cache = {}
        self.approved = {}
        self._lock = threading.Lock()

    def stiffness(self, frame):
        key = (frame.solver, len(frame.loads))
        if key not in self.cache:  # expect: GIL003 -- pool threads (two frames share a key) test and fill the shared cache unlocked
            self.cache[key] = [1.0 / (i + 1) for i in range(len(frame.loads))]
        return sum(self.cache[key]) * len(frame.nodes)

    def analyze(self, frame):
        k = self.stiffness(frame)
        peak = SOLVERS[frame.solver].solve(frame)
        by_tube = {}
        for tube, _ in frame.nodes:  # ok: GIL001 -- ~400 dict updates, well under a millisecond; the heavy work is in the solver
            by_tube[tube] = by_tube.get(tube, 0) + 1  # ok: GIL002 -- by_tube is local to this task
        self._record(frame, peak)
        return frame.model, round(peak, 1), k, by_tube

    def _record(self, frame, peak):
        self.report.peaks[frame.model] = peak
        if peak > YIELD_MPA * 0.25:
            self.report.failures += 1  # expect: GIL002 -- one Report shared by every pool thread, updated unlocked
        with self._lock:
            if frame.model not in self.approved:  # ok: GIL003 -- check and insert under self._lock
                self.approved[frame.model] = peak <= YIELD_MPA * 0.25


def fatigue_life(model, peak_load):
    damage = 0.0
    for c in range(FATIGUE_CYCLES):  # ok: GIL001 -- runs in ProcessPoolExecutor worker processes
        amplitude = peak_load / 20.0 + 25.0 * math.sin(c * 0.001)
        damage += (amplitude / YIELD_MPA) ** 3 * 1e-6
    return model, round(damage, 6)


def main():
    runner = BatchRunner()
    frames = list(frames_from(MODELS))
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {pool.submit(runner.analyze, f): f.model for f in frames}
        for fut in as_completed(futures):
            model, peak, k, by_tube = fut.result()
            print(f"{model:<13} peak {peak:7.1f} MPa  k={k:.1f}  nodes/tube {by_tube}")
    print("failures:", runner.report.failures, "approved:", runner.approved)
    with ProcessPoolExecutor(max_workers=2) as procs:
        for model, damage in procs.map(fatigue_life, MODELS, [max(c["loads"]) for c in MODELS.values()]):
            print(f"{model:<13} fatigue damage {damage}")


if __name__ == "__main__":
    main()
