"""Dry-stone wall planner.

A long field boundary is split into sections.  For every section a planner lays
courses greedily (largest stones at the foot, through-stones every few courses),
scoring many candidate layouts, and then draws the stone it needs from the shared
quarry yard.  Sections are planned concurrently in a thread pool.
"""
import functools
import logging
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

log = logging.getLogger("drystone.planner")

WALL = {
    "sections": 4,
    "section_length_cm": 300,
    "courses": 9,
    "candidates": 20,
    "stones_per_section": 180,
    "through_every": 3,
    "yard": {"footing": 140, "walling": 520, "through": 30, "cope": 70},
}

_tls = threading.local()


@dataclass(frozen=True)
class Stone:
    length: int
    height: int
    kind: str


@dataclass
class SectionPlan:
    section: int
    courses: list = field(default_factory=list)
    gaps: int = 0
    drawn: dict = field(default_factory=dict)


class QuarryYard:
    """Stone piles by kind; every planner draws from the same yard."""

    def __init__(self, piles: dict):
        self.piles = dict(piles)
        self.shortfalls: list[tuple[str, int]] = []

    def draw(self, kind: str, need: int) -> int:
        if self.piles.get(kind, 0) >= need:  # expect: GIL003
            time.sleep(0.0005)  # loading the barrow
            self.piles[kind] -= need  # expect: GIL002
            return need
        self.shortfalls.append((kind, need))
        return 0


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            log.debug("%s took %.1f ms", fn.__name__, (time.perf_counter() - start) * 1000)
    return wrapper


def stones_for(section: int, count: int) -> list:
    rng = random.Random(section)
    kinds = ("footing", "walling", "walling", "walling", "through", "cope")
    return [Stone(rng.randint(15, 60), rng.randint(8, 25), rng.choice(kinds)) for _ in range(count)]


def lay_course(stones: list, length: int, offset: int) -> tuple:
    used, run, gaps = [], 0, 0
    for i in range(len(stones)):
        stone = stones[(i + offset) % len(stones)]
        if run + stone.length <= length:
            used.append(stone)
            run += stone.length
        elif length - run < 10:
            break
        else:
            gaps += 1
    return used, gaps


@timed
def plan_section(section: int, yard: QuarryYard, *, length: int, courses: int,
                 candidates: int, stones: int, through_every: int) -> SectionPlan:
    _tls.courses_laid = getattr(_tls, "courses_laid", 0)
    pile = sorted(stones_for(section, stones), key=lambda s: (-s.height, -s.length))
    plan = SectionPlan(section)
    for c in range(courses):  # expect: GIL001
        best, best_gaps = None, None
        for attempt in range(candidates):
            for shift in range(0, len(pile), 3):
                used, gaps = lay_course(pile, length, shift + attempt)
                if best_gaps is None or gaps < best_gaps:
                    best, best_gaps = used, gaps
        if (c + 1) % through_every == 0:
            best = best[:-1] + [Stone(length // 2, 20, "through")]
        plan.courses.append(best)
        plan.gaps += best_gaps
        _tls.courses_laid += 1  # ok: GIL002
    needs: dict[str, int] = {}
    for course in plan.courses:
        for stone in course:
            needs[stone.kind] = needs.get(stone.kind, 0) + 1
    for kind, need in sorted(needs.items()):
        plan.drawn[kind] = yard.draw(kind, need)
    return plan


def plan_wall(config: dict) -> tuple:
    yard = QuarryYard(config["yard"])
    task = functools.partial(plan_section, yard=yard, length=config["section_length_cm"],
                             courses=config["courses"], candidates=config["candidates"],
                             stones=config["stones_per_section"], through_every=config["through_every"])
    plans = []
    with ThreadPoolExecutor(max_workers=config["sections"], thread_name_prefix="waller") as pool:
        futures = [pool.submit(task, s) for s in range(config["sections"])]
        for fut in as_completed(futures):
            plans.append(fut.result())
    return sorted(plans, key=lambda p: p.section), yard


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    started = time.perf_counter()
    plans, yard = plan_wall(WALL)
    for plan in plans:
        stones = sum(len(c) for c in plan.courses)
        print(f"section {plan.section}: {len(plan.courses)} courses, {stones} stones, "
              f"gaps {plan.gaps}, drawn {plan.drawn}")
    print(f"yard left: {yard.piles}; shortfalls: {yard.shortfalls}")
    print(f"planned in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
