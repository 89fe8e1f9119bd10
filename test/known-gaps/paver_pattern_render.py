"""Pattern previews for a paving showroom: herringbone, basketweave, stretcher bond.

Every customer enquiry asks for a preview of a laying pattern in a colour mix.
The previews are shaded cell by cell in a thread pool; the pattern tiles come
from a shared cache, and the first few previews go on the printed proof sheet.
"""
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

SHEET_LIMIT = 4
PALETTE = " .:-=+*#%@"

PATTERNS = {}


def pattern(name):
    def register(builder):
        PATTERNS[name] = builder
        return builder
    return register


@pattern("stretcher")
def stretcher_tile(size):
    brick = "A" * (2 * size - 1) + "|"
    return [brick * 2, (brick[size:] + brick + brick[:size])]


@pattern("basketweave")
def basketweave_tile(size):
    horiz = ("A" * (2 * size - 1) + "|")
    vert = ("B|" * size)
    return [horiz + vert, horiz + vert, vert + horiz, vert + horiz]


@pattern("herringbone")
def herringbone_tile(size):
    rows = []
    for r in range(2 * size):
        row = "".join("A" if (c - r) % (2 * size) < size else "B" for c in range(4 * size))
        rows.append(row)
    return rows


@dataclass
class Enquiry:
    client: str
    pattern: str
    size: int
    mix: tuple            # weights of the paver colours, e.g. (0.6, 0.4)
    width: int = 360
    height: int = 220


class TileCache:
    def __init__(self):
        self._lock = threading.Lock()
        self._tiles = {}
        self.hits = 0
        self.misses = 0

    def get(self, name, size):
        key = (name, size)
        self._lock.acquire()  # expect: GIL005 -- the size guard returns with the cache lock held
        if size <= 0:
            return None
        if key in self._tiles:  # ok: GIL003 -- the cache lock is held from the acquire() above
            self.hits += 1  # ok: GIL002 -- cache lock held
            tile = self._tiles[key]
        else:
            tile = PATTERNS[name](size)
            self._tiles[key] = tile
            self.misses += 1  # ok: GIL002 -- cache lock held
        self._lock.release()
        return tile


def colour_index(x, y, mix):
    # deterministic "random" pick of the paver colour from the mix weights
    h = ((x * 73856093) ^ (y * 19349663)) % 1000 / 1000.0
    acc = 0.0
    for i, w in enumerate(mix):
        acc += w
        if h < acc:
            return i
    return len(mix) - 1


def shade(x, y, tile, mix):
    ch = tile[y % len(tile)][x % len(tile[0])]
    if ch == "|":
        return 0                                  # joint
    base = 3 if ch == "A" else 5
    return base + 2 * colour_index(x // 4, y // 2, mix)


def render_preview(enquiry, tile):
    rows = ["".join(PALETTE[min(shade(x, y, tile, enquiry.mix), 9)] for x in range(enquiry.width))  # expect: GIL001 -- ~80k shaded cells per preview, 55-75 ms CPU per task
            for y in range(enquiry.height)]
    return rows


def tile_mix(tile):
    counts = {}
    for row in tile:  # ok: GIL001 -- a tile is at most a few dozen characters
        for ch in row:
            counts[ch] = counts.get(ch, 0) + 1  # ok: GIL002 -- counts is a local dict of this call
    return counts


proof_sheet = []
totals = {"cells": 0, "previews": 0}


def render_job(enquiry, cache):
    tile = cache.get(enquiry.pattern, enquiry.size)
    preview = render_preview(enquiry, tile)
    totals["cells"] = totals["cells"] + enquiry.width * enquiry.height  # expect: GIL002 -- shared totals, no lock
    if len(proof_sheet) < SHEET_LIMIT:  # expect: GIL003 -- several jobs can pass the test and overfill the sheet
        proof_sheet.append((enquiry.client, preview[:6]))
    checksum = zlib.crc32("\n".join(preview).encode())
    return enquiry.client, tile_mix(tile), checksum


def enquiries():
    book = [
        ("Hughes", "herringbone", 3, (0.7, 0.3)),
        ("Okafor", "basketweave", 2, (0.5, 0.5)),
        ("Lindqvist", "stretcher", 4, (1.0,)),
        ("Moreau", "herringbone", 3, (0.4, 0.4, 0.2)),
        ("Tanaka", "basketweave", 3, (0.6, 0.4)),
        ("Silva", "herringbone", 2, (0.8, 0.2)),
    ]
    return [Enquiry(*row) for row in book]


def main():
    cache = TileCache()
    jobs = enquiries()
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="render") as pool:
        results = list(pool.map(lambda e: render_job(e, cache), jobs))
    elapsed = time.perf_counter() - start

    print(f"rendered {len(results)} previews ({totals['cells']} cells) in {elapsed:.2f}s; "
          f"tile cache hits {cache.hits}, misses {cache.misses}")
    for client, mix, checksum in results:
        joints = mix.get("|", 0)
        print(f"  {client:<10} joints/tile {joints:3d} crc {checksum:08x}")
    print(f"proof sheet holds {len(proof_sheet)} previews (limit {SHEET_LIMIT})")
    for client, rows in proof_sheet:
        print(f"  -- {client}")
        print("     " + rows[0][:60])


if __name__ == "__main__":
    main()
