"""Version resolution by backtracking search, for a CI job that checks many lock scenarios.

Each scenario pins some packages to a version range; the solver picks one
version per package (newest first) so that every chosen version's dependency
ranges are satisfied.  Scenarios are split across resolver threads and the
solutions are published to a registry that the report generator reads.
"""
import logging
import random
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("resolver")

MAX_VERSION = 7
TOTAL_BACKTRACKS = 0


def make_universe(n_packages=12, seed=17):
    """universe[pkg][version] -> list of (dep_pkg, lo, hi) constraints on later packages."""
    rng = random.Random(seed)
    universe = []
    for pkg in range(n_packages):
        versions = []
        for ver in range(MAX_VERSION + 1):
            deps = []
            for dep in rng.sample(range(pkg + 1, n_packages), min(3, n_packages - pkg - 1)):
                lo = rng.randint(0, MAX_VERSION - 2)
                deps.append((dep, lo, min(MAX_VERSION, lo + rng.randint(3, 6))))
            versions.append(deps)
        universe.append(versions)
    return universe


@dataclass
class Solution:
    scenario: str
    versions: tuple
    nodes: int
    backtracks: int


class ResolutionTooDeep(RuntimeError):
    """Raised when a scenario needs more search than the CI budget allows."""


class Solver:
    def __init__(self, universe, max_nodes=6000):
        self.universe = universe
        self.max_nodes = max_nodes
        self.nodes_explored = 0
        self.backtracks = 0

    def candidates(self, pkg, assignment, request):
        lo, hi = request.get(pkg, (0, MAX_VERSION))
        for owner, ver in enumerate(assignment):
            for dep, dlo, dhi in self.universe[owner][ver]:
                if dep == pkg:
                    lo, hi = max(lo, dlo), min(hi, dhi)
        return list(range(lo, hi + 1))

    def solve(self, request):
        n = len(self.universe)
        assignment = []
        stack = [self.candidates(0, assignment, request)]
        while stack:
            options = stack[-1]
            if len(assignment) == len(stack):
                assignment.pop()
            if not options:
                stack.pop()
                self.backtracks += 1  # ok: GIL002
                continue
            assignment.append(options.pop())
            self.nodes_explored += 1  # ok: GIL002
            if len(assignment) == n:
                return tuple(assignment)
            if self.nodes_explored > self.max_nodes:
                raise ResolutionTooDeep(f"gave up after {self.nodes_explored} nodes")
            stack.append(self.candidates(len(assignment), assignment, request))
        return None


class SolutionRegistry:
    def __init__(self):
        self._lock = threading.Lock()
        self._solutions = {}
        self.published = 0

    def publish(self, solution):
        self._lock.acquire()  # ok: GIL005
        try:
            if solution.scenario in self._solutions:  # ok: GIL003
                raise ValueError(f"duplicate scenario {solution.scenario}")
            self._solutions[solution.scenario] = solution
            self.published += 1  # ok: GIL002
        finally:
            self._lock.release()

    def items(self):
        with self._lock:
            return sorted(self._solutions.items())


class ResolverThread(threading.Thread):
    def __init__(self, universe, scenarios, registry, solver_options=None, **kwargs):
        super().__init__(**kwargs)
        self.solver_options = solver_options or {}
        self.universe = universe
        self.scenarios = scenarios
        self.registry = registry

    def run(self):
        global TOTAL_BACKTRACKS
        for name, request in self.scenarios:  # expect: GIL001
            solver = Solver(self.universe, **self.solver_options)
            try:
                versions = solver.solve(request)
            except ResolutionTooDeep as exc:
                log.debug("%s: %s", name, exc)
                versions = None
            TOTAL_BACKTRACKS += solver.backtracks  # expect: GIL002
            self.registry.publish(Solution(name, versions, solver.nodes_explored, solver.backtracks))


def make_scenarios(count, n_packages, seed=99):
    rng = random.Random(seed)
    scenarios = []
    for i in range(count):
        pins = {}
        for pkg in rng.sample(range(n_packages), 4):
            lo = rng.randint(0, MAX_VERSION - 1)
            pins[pkg] = (lo, min(MAX_VERSION, lo + rng.randint(0, 2)))
        scenarios.append((f"scenario-{i:03d}", pins))
    return scenarios


def resolve_all(universe, scenarios, workers=2, solver_options=None, **thread_kwargs):
    registry = SolutionRegistry()
    threads = [ResolverThread(universe, scenarios[i::workers], registry, solver_options,
                               name=f"resolver-{i}", **thread_kwargs)
               for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return registry


def main():
    logging.basicConfig(level=logging.INFO)
    universe = make_universe()
    scenarios = make_scenarios(40, len(universe))
    started = time.perf_counter()
    registry = resolve_all(universe, scenarios, workers=2, solver_options={"max_nodes": 6000},
                           daemon=False)
    elapsed = time.perf_counter() - started
    solved = [(k, s) for k, s in registry.items() if s.versions is not None]
    nodes = sum(s.nodes for _, s in registry.items())
    per_solution = sum(s.backtracks for _, s in registry.items())
    print(f"{len(solved)}/{len(scenarios)} scenarios resolvable, {nodes} nodes in {elapsed:.2f}s")
    print(f"backtracks: global counter = {TOTAL_BACKTRACKS}, sum of solutions = {per_solution}")
    if solved:
        name, sol = solved[0]
        print(f"{name}: " + " ".join(f"p{i}=={v}" for i, v in enumerate(sol.versions)))


if __name__ == "__main__":
    main()
