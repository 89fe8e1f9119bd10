"""Ring-of-contacts epidemic (SIR) simulation stepped by a thread pool, one shard per worker.

Each step reads the current generation and writes the next one (double buffering); a
vaccination campaign runs beside the steps in its own thread, and a sampler records the
curve for plotting. A parameter sweep at the end uses processes.
"""
import concurrent.futures as cf
import random
import threading
import time

SUSCEPTIBLE, INFECTED, RECOVERED, IMMUNE = 0, 1, 2, 3
_tls = threading.local()


def thread_rng():
    if not hasattr(_tls, "rng"):  # ok: GIL003
        _tls.rng = random.Random(threading.get_ident())
        _tls.draws = 0
    _tls.draws += 1  # ok: GIL002
    return _tls.rng


class World:
    def __init__(self, size, beta, gamma, seeds=20):
        self.cur = [SUSCEPTIBLE] * size
        self.nxt = [SUSCEPTIBLE] * size
        for i in random.sample(range(size), seeds):
            self.cur[i] = INFECTED
        self.beta, self.gamma = beta, gamma
        self.lock = threading.Lock()
        self.step = 0
        self.new_cases = 0
        self.peak = 0


def advance_shard(world, lo, hi):
    rng = thread_rng()
    cur, nxt, n = world.cur, world.nxt, len(world.cur)
    infected_here = 0
    for i in range(lo, hi):  # expect: GIL001
        s = cur[i]
        if s == SUSCEPTIBLE and INFECTED in (cur[i - 1], cur[(i + 1) % n]) and rng.random() < world.beta:
            s = INFECTED
            infected_here += 1  # ok: GIL002
        elif s == INFECTED and rng.random() < world.gamma:
            s = RECOVERED
        nxt[i] = s  # ok: GIL002
    world.new_cases += infected_here  # expect: GIL002
    with world.lock:
        world.peak = max(world.peak, infected_here)  # ok: GIL002
    return infected_here


class Vaccinator(threading.Thread):
    def __init__(self, world, doses, seed):
        super().__init__(name="vaccinator")
        self.world, self.doses, self.seed = world, doses, seed
        self.given = 0

    def run(self):
        rng = random.Random(self.seed)
        for _ in range(self.doses):  # expect: GIL001
            i = rng.randrange(len(self.world.cur))
            if self.world.cur[i] == SUSCEPTIBLE:  # expect: GIL003
                self.world.cur[i] = IMMUNE
                self.given += 1  # ok: GIL002


def start_sampler(world, stop, every=0.02):
    curve = []

    def sample():
        while not stop.is_set():  # ok: GIL001
            curve.append((world.step, world.new_cases))
            time.sleep(every)

    threading.Thread(target=sample, daemon=True).start()
    return curve


def estimate_r0(beta, trials=200_000):
    rng, total = random.Random(beta), 0
    for _ in range(trials):  # ok: GIL001
        total += (rng.random() < beta) + (rng.random() < beta)
    return beta, total / trials


def simulate(size=200_000, steps=40, workers=4):
    world = World(size, beta=0.35, gamma=0.1)
    bounds = [(k * size // workers, (k + 1) * size // workers) for k in range(workers)]
    stop = threading.Event()
    curve = start_sampler(world, stop)
    campaign = Vaccinator(world, doses=60_000, seed=7)
    campaign.start()
    with cf.ThreadPoolExecutor(max_workers=workers) as pool:
        for _ in range(steps):
            world.new_cases = 0
            list(pool.map(lambda b: advance_shard(world, *b), bounds))
            world.cur, world.nxt = world.nxt, world.cur
            world.step += 1  # ok: GIL002
    campaign.join()
    stop.set()
    return world, curve, campaign.given


if __name__ == "__main__":
    world, curve, given = simulate()
    print(f"peak new cases per shard: {world.peak}, doses given: {given}, samples: {len(curve)}")
    with cf.ProcessPoolExecutor() as procs:
        for beta, r0 in procs.map(estimate_r0, [0.1, 0.2, 0.35, 0.5]):
            print(f"beta={beta}: R0 ~ {r0:.2f}")
