"""Parallel prefix sum of a big list: scan blocks in threads, then add block offsets."""
import itertools
import time
from concurrent.futures import ThreadPoolExecutor

N = 2_000_000
BLOCKS = 4


def scan_block(block):
    out = []
    running = 0
    for x in block:  # expect: GIL001
        running += x  # ok: GIL002
        out.append(running)
    return out


def add_offset(block, offset):
    for i in range(len(block)):  # expect: GIL001
        block[i] += offset  # ok: GIL002
    return block


if __name__ == "__main__":
    values = [(i * 7919) % 10 for i in range(N)]
    size = N // BLOCKS
    blocks = [values[k * size:(k + 1) * size] for k in range(BLOCKS)]

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=BLOCKS) as pool:
        scanned = list(pool.map(scan_block, blocks))
        offsets = [0]
        for s in scanned[:-1]:
            offsets.append(offsets[-1] + s[-1])
        fixed = list(pool.map(lambda pair: add_offset(*pair), zip(scanned, offsets)))
    elapsed = time.perf_counter() - start

    result = [x for block in fixed for x in block]
    reference = list(itertools.accumulate(values))
    print(f"prefix sum of {N} values in {elapsed:.2f}s; matches reference: {result == reference}")
    print(f"last value {result[-1]}")
