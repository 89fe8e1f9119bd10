"""Cut a multispectral satellite scene into web-map tiles coloured by NDVI.

Stage 1 renders each 256x256 tile: per-pixel gain correction of the red band,
NDVI from red and near-infrared, and a lookup into the vegetation palette.
Stage 2 deflates the rendered tiles for the tile store.  Both stages run on
thread pools, as the tiling service has always done.
"""
from __future__ import annotations

import functools
import logging
import random
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Dict, Iterable, Iterator, List, Sequence, Tuple, TypeVar

log = logging.getLogger("tiles.render")

T = TypeVar("T")
TILE = 256
PALETTE_STEPS = 16
RENDER_OPTIONS = {"gain": 1.08, "offset": -3}

_stats_lock = threading.Lock()
STATS: Dict[str, float] = {"tiles": 0, "cpu_s": 0.0}


@dataclass(frozen=True)
class Scene:
    scene_id: str
    width: int
    height: int
    red: bytes
    nir: bytes


@dataclass(frozen=True)
class TileJob:
    key: str
    size: int
    red: bytes
    nir: bytes


@dataclass(frozen=True)
class RenderedTile:
    key: str
    pixels: bytes


def instrumented(fn):
    """Account the CPU time a tile took to the service statistics."""
    @functools.wraps(fn)
    def wrapper(job: TileJob, **kwargs) -> RenderedTile:
        started = time.thread_time()
        result = fn(job, **kwargs)
        spent = time.thread_time() - started
        with _stats_lock:
            STATS["tiles"] += 1  # ok: GIL002
            STATS["cpu_s"] += spent
        return result
    return wrapper


def synthetic_scene(width: int, height: int, seed: int = 4) -> Scene:
    rng = random.Random(seed)
    red = rng.randbytes(width * height)
    nir = bytes(min(255, (b * 3) // 2 + 20) for b in rng.randbytes(width * height))
    return Scene("S2B_MSIL2A_20240611", width, height, red, nir)


def iter_tiles(scene: Scene, size: int = TILE) -> Iterator[TileJob]:
    for ty in range(0, scene.height, size):  # ok: GIL001
        for tx in range(0, scene.width, size):
            rows = range(ty, min(ty + size, scene.height))
            red = b"".join(scene.red[r * scene.width + tx: r * scene.width + tx + size] for r in rows)
            nir = b"".join(scene.nir[r * scene.width + tx: r * scene.width + tx + size] for r in rows)
            yield TileJob(f"{scene.scene_id}/12/{tx // size}/{ty // size}", size, red, nir)


@instrumented
def render_tile(job: TileJob, gain: float = 1.0, offset: int = 0) -> RenderedTile:
    out = bytearray(len(job.red))
    for i, (red, nir) in enumerate(zip(job.red, job.nir)):  # expect: GIL001
        r = red * gain + offset
        total = nir + r
        ndvi = (nir - r) / total if total > 0 else 0.0
        out[i] = max(0, min(PALETTE_STEPS - 1, int((ndvi + 1.0) * PALETTE_STEPS / 2)))
    return RenderedTile(job.key, bytes(out))


def chunked(items: Iterable[T], n: int) -> Iterator[List[T]]:
    batch: List[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == n:
            yield batch
            batch = []
    if batch:
        yield batch


def pack_tiles(tiles: Sequence[RenderedTile], level: int = 9) -> List[Tuple[str, bytes]]:
    packed = []
    for tile in tiles:  # ok: GIL001
        packed.append((tile.key, zlib.compress(tile.pixels, level)))
    return packed


class TileStore:
    def __init__(self) -> None:
        self._blobs: Dict[str, bytes] = {}

    def put_many(self, items: Iterable[Tuple[str, bytes]]) -> None:
        self._blobs.update(items)

    @property
    def size_bytes(self) -> int:
        return sum(len(b) for b in self._blobs.values())

    def __len__(self) -> int:
        return len(self._blobs)


def build_tileset(scene: Scene, renderers: int = 4, packers: int = 2) -> TileStore:
    render = functools.partial(render_tile, **RENDER_OPTIONS)
    with ThreadPoolExecutor(max_workers=renderers, thread_name_prefix="render") as pool:
        rendered = list(pool.map(render, iter_tiles(scene)))
    log.info("rendered %d tiles", len(rendered))

    store = TileStore()
    with ThreadPoolExecutor(max_workers=packers, thread_name_prefix="pack") as pool:
        futures = [pool.submit(pack_tiles, batch, level=9) for batch in chunked(rendered, 3)]
        for fut in futures:
            store.put_many(fut.result())
    return store


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    t0 = time.perf_counter()
    scene = synthetic_scene(1024, 768)
    t1 = time.perf_counter()
    tiles = build_tileset(scene)
    t2 = time.perf_counter()
    raw = scene.width * scene.height
    print(f"{len(tiles)} tiles, {tiles.size_bytes} bytes stored ({raw} raw pixels)")
    print(f"render CPU {STATS['cpu_s']:.2f}s over {STATS['tiles']:.0f} tiles; "
          f"scene {t1 - t0:.2f}s, tiling {t2 - t1:.2f}s")
