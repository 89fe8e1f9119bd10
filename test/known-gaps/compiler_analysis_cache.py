"""Analysis manager caching dominator trees for optimisation passes on three pool threads: get()
computes under lock.acquire(), and if the computation raises the lock is never released."""
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

FUNCTIONS = 12
BLOCKS = 6_000                            # basic blocks per function


def make_cfg(seed):
    rng = random.Random(seed)
    succ = {b: [] for b in range(BLOCKS)}
    for b in range(BLOCKS - 1):  # ok: GIL001
        succ[b].append(b + 1)
        if rng.random() < 0.4:
            succ[b].append(rng.randrange(max(0, b - 30), min(BLOCKS, b + 30)))
    return succ


def reverse_postorder(succ):
    order, seen, stack = [], {0}, [(0, iter(succ[0]))]
    while stack:
        nxt = next(stack[-1][1], None)
        if nxt is None:
            order.append(stack.pop()[0])
        elif nxt not in seen:
            seen.add(nxt)
            stack.append((nxt, iter(succ[nxt])))
    if len(seen) != len(succ):
        raise ValueError(f"{len(succ) - len(seen)} unreachable blocks")
    preds = {b: [] for b in succ}
    for b, targets in succ.items():
        for t in targets:
            preds[t].append(b)
    return order[::-1], preds


def compute_dominators(succ):
    rpo, preds = reverse_postorder(succ)
    index = {b: i for i, b in enumerate(rpo)}
    idom = {0: 0}
    changed = True
    while changed:  # expect: GIL001
        changed = False
        for b in rpo[1:]:
            new = None
            for p in preds[b]:
                if p not in idom:
                    continue
                if new is None:
                    new = p
                    continue
                x, y = p, new
                while x != y:
                    while index[x] > index[y]:
                        x = idom[x]
                    while index[y] > index[x]:
                        y = idom[y]
                new = x
            if idom.get(b) != new:
                idom[b], changed = new, True
    return idom


class AnalysisManager:
    def __init__(self, cfgs):
        self.cfgs = cfgs
        self.lock = threading.Lock()
        self.dominators = {}
        self.hits = 0
        self.misses = 0

    def get(self, fn):
        self.lock.acquire()  # expect: GIL005
        if fn in self.dominators:  # ok: GIL003
            self.hits += 1  # ok: GIL002
        else:
            self.dominators[fn] = compute_dominators(self.cfgs[fn])
            self.misses += 1  # ok: GIL002
        tree = self.dominators[fn]
        self.lock.release()
        return tree

    def invalidate(self, fn):
        self.lock.acquire()  # ok: GIL005
        try:
            self.dominators.pop(fn, None)
        finally:
            self.lock.release()


def optimise(manager, fn):
    doms = manager.get(fn)                 # loop-invariant code motion needs dominators
    depth = max(len(dominator_chain(doms, b)) for b in range(0, BLOCKS, 500))  # ok: GIL001
    manager.get(fn)                        # global value numbering: cached
    return fn, depth


def dominator_chain(idom, b):
    chain = [b]
    while chain[-1] != 0:
        chain.append(idom[chain[-1]])
    return chain


if __name__ == "__main__":
    manager = AnalysisManager({f"f{i}": make_cfg(i) for i in range(FUNCTIONS)})
    pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="opt")
    start = time.perf_counter()
    try:
        results = list(pool.map(lambda fn: optimise(manager, fn), manager.cfgs))
    finally:
        pool.shutdown(wait=True)
    manager.invalidate("f0")
    print(f"dominator depth per function: {dict(results)}")
    print(f"analysis cache: {manager.misses} computed, {manager.hits} hits (expected {FUNCTIONS} each)")
    print(f"optimised in {time.perf_counter() - start:.3f}s")
