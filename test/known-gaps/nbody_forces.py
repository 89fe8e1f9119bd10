"""2-D gravitational N-body (300 softened particles): each step, two threads
accumulate pairwise forces for half of the particles each, then the main
thread does a leapfrog kick-drift."""
import functools
import math
import random
import threading
from dataclasses import dataclass, field

N_PARTICLES = 300        # 150 x 300 = 45,000 pair interactions per thread per step
STEPS = 3
DT = 0.001
SOFTENING = 1e-3


@dataclass
class Particle:
    x: float
    y: float
    vx: float = 0.0
    vy: float = 0.0
    mass: float = 1.0
    fx: float = 0.0
    fy: float = 0.0


@dataclass
class ParticleSystem:
    particles: list
    potential: float = 0.0
    steps: int = 0
    history: list = field(default_factory=list)


def accumulate_forces(system, lo, hi):
    ps = system.particles
    energy = 0.0
    for i in range(lo, hi):  # expect: GIL001
        p = ps[i]
        fx = fy = 0.0
        for q in ps:
            if q is p:
                continue
            dx, dy = q.x - p.x, q.y - p.y
            r2 = dx * dx + dy * dy + SOFTENING
            r = math.sqrt(r2)
            s = q.mass / (r2 * r)
            fx += dx * s
            fy += dy * s
            energy -= p.mass * q.mass / r
        p.fx += fx  # ok: GIL002
        p.fy += fy
    system.potential += 0.5 * energy  # expect: GIL002


def step(system):
    half = len(system.particles) // 2
    system.potential = 0.0
    for p in system.particles:
        p.fx = p.fy = 0.0
    workers = [threading.Thread(target=functools.partial(accumulate_forces, system, lo, hi))
               for lo, hi in ((0, half), (half, len(system.particles)))]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for p in system.particles:
        p.vx += p.fx / p.mass * DT
        p.vy += p.fy / p.mass * DT
        p.x += p.vx * DT
        p.y += p.vy * DT
    system.steps += 1  # ok: GIL002
    system.history.append(system.potential)


def main():
    rng = random.Random(5)
    system = ParticleSystem([Particle(rng.gauss(0, 1), rng.gauss(0, 1), mass=rng.uniform(0.5, 1.5))
                             for _ in range(N_PARTICLES)])
    for _ in range(STEPS):
        step(system)
    kinetic = sum(0.5 * p.mass * (p.vx ** 2 + p.vy ** 2) for p in system.particles)
    print(f"{system.steps} steps, potential per step: "
          + ", ".join(f"{u:.1f}" for u in system.history) + f"; kinetic {kinetic:.3f}")


if __name__ == "__main__":
    main()
