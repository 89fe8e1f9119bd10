"""Agent-based wolf/deer model on a 100 x 100 savanna. A simulation thread
advances the world, a sampler records populations, and a ranger thread culls
wolves above a quota."""
import random
import threading
import time
from dataclasses import dataclass, field

WIDTH = 100.0
DEER_START, DEER_CAP = 2000, 3000
WOLVES_START, WOLF_QUOTA = 150, 120
STEPS = 40                 # 40 steps x ~2000 deer moves = ~80,000 agent updates
SAMPLES = 15


@dataclass
class Animal:
    x: float
    y: float
    energy: float = 10.0


@dataclass
class Savanna:
    seed: int
    deer: list = field(default_factory=list)
    wolves: list = field(default_factory=list)
    culled: int = 0

    def __post_init__(self):
        self.rng = random.Random(self.seed)
        r = self.rng.random
        self.deer = [Animal(r() * WIDTH, r() * WIDTH) for _ in range(DEER_START)]
        self.wolves = [Animal(r() * WIDTH, r() * WIDTH) for _ in range(WOLVES_START)]

    def advance(self, steps):
        rng = self.rng
        for _ in range(steps):  # expect: GIL001
            for d in self.deer:
                d.x = (d.x + rng.uniform(-1, 1)) % WIDTH
                d.y = (d.y + rng.uniform(-1, 1)) % WIDTH
            if len(self.deer) < DEER_CAP:
                fawns = [Animal(d.x, d.y) for d in self.deer if rng.random() < 0.03]
                self.deer.extend(fawns)
            survivors, pups = [], []
            for w in self.wolves:
                w.energy -= 1
                if self.deer and rng.random() < 0.00015 * len(self.deer):  # ok: GIL003
                    self.deer.pop(rng.randrange(len(self.deer)))
                    w.energy += 4
                if w.energy > 20:
                    w.energy /= 2
                    pups.append(Animal(w.x, w.y, w.energy))
                if w.energy > 0:
                    survivors.append(w)
            self.wolves = survivors + pups


def ranger(world, stop):
    while not stop.is_set():
        if len(world.wolves) > WOLF_QUOTA:  # expect: GIL003
            world.wolves.pop()
            world.culled += 1  # ok: GIL002
        time.sleep(0.002)


def sampler(world, history):
    for _ in range(SAMPLES):  # ok: GIL001
        history.append((len(world.deer), len(world.wolves)))
        time.sleep(0.003)


def main():
    world = Savanna(seed=11)
    history = []
    stop = threading.Event()
    sim = threading.Thread(target=world.advance, args=(STEPS,))
    watch = threading.Thread(target=sampler, args=(world, history))
    guard = threading.Thread(target=ranger, args=(world, stop), daemon=True)
    for t in (sim, watch, guard):
        t.start()
    sim.join()
    watch.join()
    stop.set()
    guard.join()
    print(f"deer {len(world.deer)}, wolves {len(world.wolves)}, culled {world.culled}")
    print("samples:", history[:5], "...")


if __name__ == "__main__":
    main()
