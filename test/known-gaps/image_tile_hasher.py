#!/usr/bin/env python3
"""Deduplicate synthetic image tiles with an average-hash computed on worker threads."""
import random
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed

TILE = 32
seen = {}            # average hash -> first tile id that produced it
duplicates = []
dup_count = 0
groups = {}
groups_lock = threading.Lock()


def make_tiles(n, seed=3):
    rng = random.Random(seed)
    originals = [bytes(rng.randrange(256) for _ in range(TILE * TILE)) for _ in range(n // 2)]
    tiles = []
    for i in range(n):
        src = originals[i % len(originals)]
        if i >= len(originals):
            # re-encoded copy: only the low bit of the last pixel differs
            src = src[:-1] + bytes([src[-1] ^ 1])
        tiles.append(src)
    return tiles


def average_hash(pixels):
    mean = sum(pixels) / len(pixels)
    bits = 0
    for p in pixels:  # expect: GIL001
        bits = (bits << 1) | (p > mean)
    return bits


def index_tile(tile_id, pixels):
    global dup_count
    h = average_hash(pixels)
    if h not in seen:  # expect: GIL003
        seen[h] = tile_id
        return tile_id, h, False
    duplicates.append((tile_id, seen[h]))
    dup_count += 1  # expect: GIL002
    return tile_id, h, True


def group_tile(tile_id, pixels):
    h = average_hash(pixels)
    with groups_lock:
        if h in groups:  # ok: GIL003
            groups[h].append(tile_id)
        else:
            groups[h] = [tile_id]
    return h


def main():
    tiles = make_tiles(60)
    flagged = 0
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="ahash") as pool:
        futs = [pool.submit(index_tile, i, t) for i, t in enumerate(tiles)]
        for fut in as_completed(futs):
            _tile_id, _h, is_dup = fut.result()
            if is_dup:
                flagged += 1  # ok: GIL002
        list(pool.map(group_tile, range(len(tiles)), tiles))
    multi = {h: ids for h, ids in groups.items() if len(ids) > 1}
    print("tiles: %d, unique hashes: %d" % (len(tiles), len(seen)))
    print("duplicates flagged: %d (counter says %d)" % (flagged, dup_count))
    print("groups with copies: %d" % len(multi))


if __name__ == "__main__":
    main()
