"""Quilt layout scorer.

Block patterns register themselves by name, blocks are built from the quilt config
and every block is scored by a callable LayoutJob in a thread pool. Fabric usage is
tallied on a shared inventory as the jobs run; previews are cached per pattern.
"""
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field

QUILT_CONFIG = {
    "name": "harvest sampler",
    "workers": 4,
    "strip_factor": 30,
    "blocks": [
        {"pattern": "log_cabin", "size": 48, "fabrics": ["indigo", "cream", "rust"]},
        {"pattern": "nine_patch", "size": 9, "fabrics": ["cream", "sage"]},
        {"pattern": "log_cabin", "size": 48, "fabrics": ["rust", "sage", "indigo"]},
        {"pattern": "pinwheel", "size": 40, "fabrics": ["indigo", "cream"]},
        {"pattern": "nine_patch", "size": 9, "fabrics": ["rust", "cream"]},
    ],
}

PATTERNS = {}
PREVIEW_CACHE = {}


def pattern(name):
    """Class decorator: make a block pattern available to the config loader."""
    def register(cls):
        PATTERNS[name] = cls
        cls.pattern_name = name
        return cls
    return register


@dataclass
class FabricInventory:
    used: dict = field(default_factory=dict)
    placed: int = 0
    log: list = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @contextmanager
    def locked(self):
        with self._lock:
            yield self


class BlockPattern:
    pattern_name = "base"

    def __init__(self, size, fabrics, strip_factor):
        self.size = size
        self.fabrics = list(fabrics)
        self.strip_factor = strip_factor

    @classmethod
    def from_config(cls, spec, strip_factor):
        return PATTERNS[spec["pattern"]](spec["size"], spec["fabrics"], strip_factor)

    def cells(self):
        for row in range(self.size):
            for col in range(self.size):
                yield row, col

    def score_layout(self):
        score = 0
        for row, col in self.cells():  # ok: GIL001 -- only small nine-patch blocks use this default: 81 cells
            score += (row * 3 + col) % len(self.fabrics)
        return score

    @property
    def seam_allowance(self):
        return round(self.size * 0.25 / 4, 2)


@pattern("nine_patch")
class NinePatch(BlockPattern):
    pass


@pattern("log_cabin")
class LogCabin(BlockPattern):
    def strips(self):
        count = self.size * self.strip_factor
        return [(i * 7919) % 101 for i in range(count)]

    def score_layout(self):
        strips = self.strips()
        contrast = 0
        for i, a in enumerate(strips):  # expect: GIL001 -- 1440 strips compared pairwise (~1M steps) inside a pool thread
            for b in strips[i:]:
                contrast += (a - b) * (a - b) % 17
        return contrast


@pattern("pinwheel")
class Pinwheel(BlockPattern):
    def score_layout(self):
        n = self.size * self.strip_factor * 3 // 4
        return sum((x * y) % 7 for x in range(n) for y in range(n))  # expect: GIL001 -- 900x900 blade grid summed in a pool thread


class LayoutJob:
    """One block to score; instances are submitted to the pool as plain callables."""

    def __init__(self, index, block, inventory):
        self.index = index
        self.block = block
        self.inventory = inventory

    def __call__(self):
        score = self._evaluate()
        self._record_usage()
        return self.index, self.block.pattern_name, score

    def _evaluate(self):
        preview = self._preview()
        return self.block.score_layout() + len(preview)

    def _preview(self):
        key = (self.block.pattern_name, self.block.size)
        if key not in PREVIEW_CACHE:  # expect: GIL003 -- the two log_cabin jobs share a key; both can miss and render
            PREVIEW_CACHE[key] = self._render_preview()
        return PREVIEW_CACHE[key]

    def _render_preview(self):
        edge = "".join(f[0].upper() for f in self.block.fabrics)
        return [edge * 2 for _ in range(4)]

    def _record_usage(self):
        inv = self.inventory
        for fabric in self.block.fabrics:  # ok: GIL001 -- two or three fabrics per block
            inv.used[fabric] = inv.used.get(fabric, 0) + self.block.size  # expect: GIL002 -- inventory shared by all pool tasks, no lock
        with inv.locked() as guarded:
            guarded.placed += 1  # ok: GIL002 -- inventory lock held through the locked() contextmanager
            guarded.log.append((self.index, self.block.seam_allowance))


def build_jobs(config, inventory):
    factor = config["strip_factor"]
    blocks = [BlockPattern.from_config(spec, factor) for spec in config["blocks"]]
    return [LayoutJob(i, block, inventory) for i, block in enumerate(blocks)]


def run_layout(config):
    inventory = FabricInventory()
    jobs = build_jobs(config, inventory)
    totals = {}
    order = []
    with ThreadPoolExecutor(max_workers=config["workers"]) as pool:
        futures = [pool.submit(job) for job in jobs]
        for fut in as_completed(futures):
            index, name, score = fut.result()
            totals[name] = totals.get(name, 0) + score  # ok: GIL002 -- main thread only, inside the as_completed loop
            order.append(index)
    return inventory, totals, order


def main():
    inventory, totals, order = run_layout(QUILT_CONFIG)
    print(f"quilt: {QUILT_CONFIG['name']}")
    for name in sorted(totals):
        print(f"  {name:<10} score {totals[name]}")
    print(f"  finished order: {order}")
    print(f"  blocks placed: {inventory.placed}, fabric yards: {sorted(inventory.used.items())}")
    print(f"  cached previews: {len(PREVIEW_CACHE)}")


if __name__ == "__main__":
    main()
