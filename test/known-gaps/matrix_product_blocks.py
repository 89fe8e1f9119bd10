#!/usr/bin/env python3
"""Row-block matrix product on a thread pool, with a checksum registry for each finished block."""
import hashlib
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from operator import mul


def make_matrix(rows, cols, seed):
    rng = random.Random(seed)
    return [[rng.uniform(-1.0, 1.0) for _ in range(cols)] for _ in range(rows)]


def transpose(m):
    return [list(col) for col in zip(*m)]


def multiply(a, b, block_rows=15, workers=4):
    bt = transpose(b)
    flops = 0
    registry = {}
    reg_lock = threading.Lock()

    def register(idx, block):
        payload = repr(block).encode()
        reg_lock.acquire()  # expect: GIL005
        if idx in registry:  # ok: GIL003
            return False
        registry[idx] = hashlib.sha1(payload).hexdigest()[:10]
        reg_lock.release()
        return True

    def block_product(idx, rows):
        nonlocal flops
        block = [[sum(map(mul, r, c)) for c in bt] for r in rows]  # expect: GIL001
        flops += 2 * len(rows) * len(bt) * len(b)  # expect: GIL002
        register(idx, block)
        return block

    blocks = [a[i:i + block_rows] for i in range(0, len(a), block_rows)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        parts = list(pool.map(lambda item: block_product(*item), enumerate(blocks)))
    product = [row for part in parts for row in part]
    return product, flops, registry


def spot_check(a, b, product, rng, trials=20):
    worst = 0.0
    for _ in range(trials):
        i, j = rng.randrange(len(a)), rng.randrange(len(b[0]))
        expected = sum(a[i][k] * b[k][j] for k in range(len(b)))
        worst = max(worst, abs(expected - product[i][j]))
    return worst


if __name__ == "__main__":
    A = make_matrix(90, 70, 1)
    B = make_matrix(70, 60, 2)
    C, flops, reg = multiply(A, B)
    print(f"C is {len(C)}x{len(C[0])}, {flops} flops")
    print("max spot-check error: %.2e" % spot_check(A, B, C, random.Random(9)))
    for idx in sorted(reg):
        print(f"block {idx}: sha1 {reg[idx]}")
