"""Direct-summation 2-D n-body stepper: pair forces are split across a thread pool."""
import math
import random
import threading
from concurrent.futures import ThreadPoolExecutor

G = 1.0
SOFTENING = 0.05
N_BODIES = 36
STEPS = 10
DT = 0.01
WORKERS = 4

stats = {"pairs": 0, "steps": 0}
energy_lock = threading.Lock()
potential = [0.0]


def make_bodies(n, seed=7):
    rng = random.Random(seed)
    return [[rng.uniform(-1, 1), rng.uniform(-1, 1), 0.0, 0.0, rng.uniform(0.5, 1.5)] for _ in range(n)]


def pair_chunk(bodies, pairs, start, stop):
    """Accumulate forces for pairs[start:stop] into private buffers."""
    fx = [0.0] * len(bodies)
    fy = [0.0] * len(bodies)
    pot = 0.0
    for k in range(start, stop):  # expect: GIL001
        i, j = pairs[k]
        bi, bj = bodies[i], bodies[j]
        dx = bj[0] - bi[0]
        dy = bj[1] - bi[1]
        r2 = dx * dx + dy * dy + SOFTENING
        r = math.sqrt(r2)
        f = G * bi[4] * bj[4] / (r2 * r)
        fx[i] += f * dx  # ok: GIL002
        fy[i] += f * dy
        fx[j] -= f * dx
        fy[j] -= f * dy
        pot -= G * bi[4] * bj[4] / r
    stats["pairs"] += stop - start  # expect: GIL002
    with energy_lock:
        potential[0] += pot  # ok: GIL002
    return fx, fy


def step(pool, bodies, pairs):
    n = len(bodies)
    size = math.ceil(len(pairs) / WORKERS)
    bounds = [(lo, min(lo + size, len(pairs))) for lo in range(0, len(pairs), size)]
    potential[0] = 0.0
    futures = [pool.submit(pair_chunk, bodies, pairs, lo, hi) for lo, hi in bounds]
    ax = [0.0] * n
    ay = [0.0] * n
    for fut in futures:
        fx, fy = fut.result()
        ax = [a + b for a, b in zip(ax, fx)]
        ay = [a + b for a, b in zip(ay, fy)]
    kinetic = 0.0
    for b, fxi, fyi in zip(bodies, ax, ay):  # ok: GIL001
        b[2] += fxi / b[4] * DT
        b[3] += fyi / b[4] * DT
        b[0] += b[2] * DT
        b[1] += b[3] * DT
        kinetic += 0.5 * b[4] * (b[2] ** 2 + b[3] ** 2)
    stats["steps"] += 1  # ok: GIL002
    return kinetic + potential[0]


def main():
    bodies = make_bodies(N_BODIES)
    pairs = [(i, j) for i in range(N_BODIES) for j in range(i + 1, N_BODIES)]
    energies = []
    with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="forces") as pool:
        for _ in range(STEPS):
            energies.append(step(pool, bodies, pairs))
    drift = abs(energies[-1] - energies[0]) / abs(energies[0])
    print(f"bodies={N_BODIES} steps={stats['steps']} pair evaluations={stats['pairs']}")
    print(f"E0={energies[0]:.5f} E_end={energies[-1]:.5f} relative drift={drift:.2e}")
    cx = sum(b[0] * b[4] for b in bodies) / sum(b[4] for b in bodies)
    print(f"centre of mass x={cx:+.4f}")


if __name__ == "__main__":
    main()
