"""Copper plate engraving studio: proofing the hatching of a plate before cutting.

The plate is split into tiles; each tile's cross-hatching is rendered to a
greyscale bitmap by a pass chosen from a registry ("hatch", "crosshatch"),
the rendering tasks run in a ThreadPoolExecutor, and a packer thread
compresses the finished tiles into the proof archive with zlib.
"""
from __future__ import annotations

import logging
import math
import os
import queue
import tempfile
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Callable, Dict, List

log = logging.getLogger("engraver.proof")

PLATE = {
    "tile_px": 288,
    "tiles": [("hatch", 0.6, 5.0), ("hatch", 1.1, 4.0), ("crosshatch", 0.4, 6.0),
              ("crosshatch", 0.9, 7.0)],
    "burr_width": 1.2,
    "workers": 2,
}

RENDER_STATS = {"pixels": 0, "tiles": 0, "dark": 0}
STATS_LOCK = threading.Lock()


@dataclass
class Tile:
    index: int
    kind: str
    angle: float
    spacing: float
    bitmap: bytes = b""

    @property
    def darkness(self) -> float:
        return self.bitmap.count(0) / max(1, len(self.bitmap))


PASSES: Dict[str, Callable[..., bytes]] = {}


def register_pass(name: str):
    def deco(fn):
        PASSES[name] = fn
        return fn
    return deco


def _line_depth(x: int, y: int, ca: float, sa: float, spacing: float) -> float:
    d = (x * ca + y * sa) % spacing
    return spacing / 2 - abs(d - spacing / 2)


@register_pass("hatch")
def render_hatch(size: int, angle: float, spacing: float, burr: float = 1.0) -> bytes:
    ca, sa = math.cos(angle), math.sin(angle)
    rows = []
    for y in range(size):  # expect: GIL001
        row = bytearray(size)
        for x in range(size):
            row[x] = 0 if _line_depth(x, y, ca, sa, spacing) < burr else 255
        rows.append(bytes(row))
    return b"".join(rows)


@register_pass("crosshatch")
def render_crosshatch(size: int, angle: float, spacing: float, burr: float = 1.0) -> bytes:
    ca, sa = math.cos(angle), math.sin(angle)
    cb, sb = math.cos(angle + math.pi / 2), math.sin(angle + math.pi / 2)
    return bytes(  # expect: GIL001
        0 if min(_line_depth(i % size, i // size, ca, sa, spacing),
                 _line_depth(i % size, i // size, cb, sb, spacing)) < burr else 255
        for i in range(size * size)
    )


class ProofRenderer:
    def __init__(self, config: dict, out_dir: str):
        self.config = config
        self.out_dir = out_dir
        self.done: "queue.Queue[Tile | None]" = queue.Queue()
        self.tiles_packed = 0
        self._packer = threading.Thread(target=self._pack_loop, name="packer")

    def _render(self, tile: Tile, **kwargs) -> Tile:
        render = PASSES[tile.kind]
        tile.bitmap = render(self.config["tile_px"], tile.angle, tile.spacing, **kwargs)
        dark = tile.bitmap.count(0)
        RENDER_STATS["dark"] += dark  # expect: GIL002
        with STATS_LOCK:
            RENDER_STATS["pixels"] += len(tile.bitmap)  # ok: GIL002
            RENDER_STATS["tiles"] += 1  # ok: GIL002
        self.done.put(tile)
        return tile

    def _pack_loop(self) -> None:
        path = os.path.join(self.out_dir, "proof.z")
        packed = 0
        with open(path, "wb") as fh:
            while True:  # ok: GIL001
                tile = self.done.get()
                if tile is None:
                    break
                blob = zlib.compress(tile.bitmap, 6)
                fh.write(len(blob).to_bytes(4, "big") + blob)
                packed += 1  # ok: GIL002
        self.tiles_packed = packed

    def run(self) -> List[Tile]:
        tiles = [Tile(i, kind, a, s) for i, (kind, a, s) in enumerate(self.config["tiles"])]
        self._packer.start()
        with ThreadPoolExecutor(max_workers=self.config["workers"]) as pool:
            futures = [pool.submit(self._render, t, burr=self.config["burr_width"]) for t in tiles]
            wait(futures)
            rendered = [f.result() for f in futures]
        self.done.put(None)
        self._packer.join()
        return rendered


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        renderer = ProofRenderer(PLATE, tmp)
        start = time.perf_counter()
        tiles = renderer.run()
        elapsed = time.perf_counter() - start
        size = os.path.getsize(os.path.join(tmp, "proof.z"))
    for t in tiles:
        print(f"tile {t.index} {t.kind:10s} angle={t.angle:.1f} darkness={t.darkness:.3f}")
    print(f"stats: {RENDER_STATS}; packed {renderer.tiles_packed} tiles into {size} bytes")
    print(f"proof rendered in {elapsed:.3f}s")


if __name__ == "__main__":
    main()
