"""Pedigree collapse: walk every ancestor of four probands in a synthetic family tree, one thread each."""
import random
import threading
import time

GENERATIONS = 20
PER_GENERATION = 4_000          # 80_000 people in the tree
SURNAMES = ["Berg", "Holm", "Lind", "Dahl", "Strand", "Nyberg", "Sjoberg", "Ek", "Lund", "Wik"]

surname_hits = {}               # shared: every proband thread tallies its ancestors' surnames here
collapse = {}


def build_tree(seed):
    rng = random.Random(seed)
    parents, surname = {}, {}
    previous, pid = [], 0
    for _gen in range(GENERATIONS):  # ok: GIL001
        current = []
        for _ in range(PER_GENERATION):
            surname[pid] = rng.choice(SURNAMES)
            if previous:
                parents[pid] = (rng.choice(previous), rng.choice(previous))
            current.append(pid)
            pid += 1
        previous = current
    return parents, surname, previous


def walk_pedigree(name, root, parents, surname):
    depth = {root: 0}
    frontier = [root]
    links = 0
    while frontier:  # expect: GIL001
        next_frontier = []
        for pid in frontier:
            for parent in parents.get(pid, ()):
                links += 1  # ok: GIL002
                if parent not in depth:  # ok: GIL003
                    depth[parent] = depth[pid] + 1
                    next_frontier.append(parent)
                    s = surname[parent]
                    surname_hits[s] = surname_hits.get(s, 0) + 1  # expect: GIL002
        frontier = next_frontier
    collapse[name] = (links, len(depth) - 1)  # ok: GIL002


if __name__ == "__main__":
    parents, surname, youngest = build_tree(1842)
    probands = {"Astrid": youngest[0], "Birger": youngest[1000], "Cecilia": youngest[2000],
                "Dag": youngest[3000]}
    start = time.perf_counter()
    threads = [threading.Thread(target=walk_pedigree, args=(name, pid, parents, surname), name=name)
               for name, pid in probands.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    for name, (links, distinct) in collapse.items():
        print(f"{name:8s} {links:7d} parent links, {distinct:6d} distinct ancestors")
    expected = sum(distinct for _links, distinct in collapse.values())
    print(f"surname hits = {sum(surname_hits.values())} (expected {expected})")
    print(f"walked in {elapsed:.3f}s")
