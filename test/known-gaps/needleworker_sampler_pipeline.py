"""Floss estimator for cross-stitch samplers.

Each chart is decoded through a generator pipeline (rows -> run-length expansion
-> classification) and the stitches are tallied per floss colour.  Charts are
mapped over a thread pool; the per-colour totals of the whole order are shared.
"""
import functools
import logging
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Dict, Iterable, Iterator, NamedTuple, Tuple

log = logging.getLogger("needleworker.sampler")
logging.basicConfig(level=logging.ERROR)

OPTIONS = {"workers": 3, "skein_stitches": 1600}
PALETTE = {"a": "DMC-310", "b": "DMC-321", "c": "DMC-699", "d": "DMC-797", "e": "DMC-444",
           ".": "blank"}

floss_totals: Dict[str, int] = {}
stage_counts: Dict[str, int] = {}
stage_lock = threading.Lock()


class Stitch(NamedTuple):
    x: int
    y: int
    floss: str


@dataclass
class ChartSpec:
    name: str
    width: int
    height: int
    seed: int
    palette: Dict[str, str] = field(default_factory=lambda: dict(PALETTE))

    @property
    def area(self) -> int:
        return self.width * self.height


def stage(name: str):
    """Count the items a pipeline stage yields; merge the count once at the end."""

    def decorate(gen_fn):
        @functools.wraps(gen_fn)
        def wrapper(*args, **kwargs):
            produced = 0
            for item in gen_fn(*args, **kwargs):
                produced += 1
                yield item
            with stage_lock:
                stage_counts[name] = stage_counts.get(name, 0) + produced  # ok: GIL002

        return wrapper

    return decorate


@stage("rows")
def generate_rows(spec: ChartSpec) -> Iterator[Tuple[int, str]]:
    """Synthesize the run-length encoded rows of a chart."""
    rng = random.Random(spec.seed)
    symbols = sorted(spec.palette)
    for y in range(spec.height):
        remaining, parts = spec.width, []
        while remaining:
            run = min(remaining, rng.randint(1, 9))
            parts.append(f"{run}{rng.choice(symbols)}")
            remaining -= run
        yield y, "".join(parts)


@stage("cells")
def expand_runs(rows: Iterable[Tuple[int, str]]) -> Iterator[Tuple[int, int, str]]:
    for y, encoded in rows:
        x, digits = 0, ""
        for ch in encoded:
            if ch.isdigit():
                digits += ch
                continue
            for _ in range(int(digits)):
                yield x, y, ch
                x += 1
            digits = ""


@stage("stitches")
def classify(cells: Iterable[Tuple[int, int, str]], palette: Dict[str, str]) -> Iterator[Stitch]:
    for x, y, symbol in cells:
        floss = palette.get(symbol, "unknown")
        if floss != "blank":
            yield Stitch(x, y, floss)


def tally_chart(spec: ChartSpec, skein_stitches: int = 1600, **_ignored) -> Dict[str, int]:
    local_counts: Dict[str, int] = {}
    stitches = classify(expand_runs(generate_rows(spec)), palette=spec.palette)
    for stitch in stitches:  # expect: GIL001
        if stitch.floss not in local_counts:  # ok: GIL003
            local_counts[stitch.floss] = 0
        local_counts[stitch.floss] += 1  # ok: GIL002
    for floss, count in local_counts.items():  # ok: GIL001
        floss_totals[floss] = floss_totals.get(floss, 0) + count  # expect: GIL002
    skeins = {floss: -(-count // skein_stitches) for floss, count in local_counts.items()}
    log.info("%s needs %s", spec.name, skeins)
    return skeins


def order_charts() -> Iterator[ChartSpec]:
    names = ("alphabet", "strawberry-border", "house-and-tree", "verse-band", "peacock")
    for i, name in enumerate(names):
        yield ChartSpec(name, width=160 + 10 * i, height=320, seed=1000 + i)


def main() -> None:
    specs = list(order_charts())
    task = functools.partial(tally_chart, **OPTIONS)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=OPTIONS["workers"], thread_name_prefix="chart") as pool:
        per_chart = dict(zip((s.name for s in specs), pool.map(task, specs)))
    elapsed = time.perf_counter() - started
    for name, skeins in per_chart.items():
        print(f"{name:>18}: {sum(skeins.values())} skeins")
    stitched = sum(floss_totals.values())
    print(f"{stitched} stitches over {len(floss_totals)} colours in {elapsed:.2f}s")
    print("stage counts:", dict(sorted(stage_counts.items())))


if __name__ == "__main__":
    main()
