"""Search clay-body blends for the tile works' three products.

Every product has a scorer, registered by name, that says how far a blend's
fired properties are from what the product needs. A blend is four raw
materials in whole-percent steps; the search space is split in two halves by
the share of red marl, and each (product, half) is one task on a thread pool.
"""
import contextlib
import functools
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed

RAW = {   # per 100% of the body: shrinkage %, water absorption %, green strength, fired density, iron %
    "red_marl": {"shrink": 8.2, "absorb": 7.5, "strength": 14.0, "density": 2.05, "iron": 6.5, "stock_t": 140},
    "fireclay": {"shrink": 6.0, "absorb": 10.5, "strength": 11.0, "density": 1.95, "iron": 1.2, "stock_t": 60},
    "sand": {"shrink": 0.5, "absorb": 14.0, "strength": 3.0, "density": 1.70, "iron": 0.4, "stock_t": 90},
    "grog": {"shrink": 0.0, "absorb": 11.0, "strength": 5.0, "density": 1.85, "iron": 2.0, "stock_t": 35},
}
PRODUCTS = {
    "plain_tile": {"step": 2, "shrink": 6.2, "absorb": 9.0, "min_strength": 10.5},
    "ridge_tile": {"step": 2, "shrink": 5.6, "absorb": 9.8, "min_strength": 9.5},
    "bonnet_hip": {"step": 2, "shrink": 5.0, "absorb": 10.4, "min_strength": 9.0},
}
HALVES = [(0, 20), (20, 101)]      # red marl share ranges (percent) holding about half the blends each

SCORERS = {}
evaluated = 0        # blends looked at, all tasks together


def scorer(product):
    def deco(fn):
        SCORERS[product] = functools.partial(fn, PRODUCTS[product])
        return fn
    return deco


@scorer("plain_tile")
@scorer("ridge_tile")
def dense_tile(spec, props):
    penalty = 0.0 if props["strength"] >= spec["min_strength"] else 50.0
    colour = 0.0 if props["iron"] >= 3.0 else 3.0 - props["iron"]     # the reds must fire red
    return abs(props["shrink"] - spec["shrink"]) * 2 + abs(props["absorb"] - spec["absorb"]) + colour + penalty


@scorer("bonnet_hip")
def hand_made(spec, props):
    # hand-pressed fittings tolerate more absorption but must not crack: weigh shrinkage heavily
    penalty = 0.0 if props["strength"] >= spec["min_strength"] else 50.0
    return abs(props["shrink"] - spec["shrink"]) * 4 + 0.5 * abs(props["absorb"] - spec["absorb"]) + penalty


class Blend:
    NAMES = tuple(RAW)

    @staticmethod
    def properties(mix):
        out = {"shrink": 0.0, "absorb": 0.0, "strength": 0.0, "density": 0.0, "iron": 0.0}
        for name, pct in zip(Blend.NAMES, mix):
            raw = RAW[name]
            for key in out:
                out[key] += raw[key] * pct / 100.0  # ok: GIL002 -- out is a fresh local dict per call
        return out

    @classmethod
    def describe(cls, mix):
        return ", ".join(f"{n} {p}%" for n, p in zip(cls.NAMES, mix) if p)


def candidate_mixes(step, marl_range):
    """Generator: (marl, fireclay, sand, grog) in `step` percent increments summing to 100."""
    lo, hi = marl_range
    for marl in range(lo - lo % step, min(hi, 101), step):
        for fire in range(0, 101 - marl, step):
            for sand in range(0, 101 - marl - fire, step):
                yield marl, fire, sand, 100 - marl - fire - sand


class BestBoard:
    def __init__(self):
        self.best = {p: (float("inf"), None) for p in PRODUCTS}
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def locked(self):
        self._lock.acquire()  # ok: GIL005 -- the contextmanager releases in finally whatever the with-body does
        try:
            yield self.best
        finally:
            self._lock.release()

    def offer(self, product, score, mix):
        with self.locked() as best:
            if score < best[product][0]:  # ok: GIL003 -- compared and replaced under the board lock
                best[product] = (score, mix)


def _search(product, marl_range):
    score_of = SCORERS[product]
    step = PRODUCTS[product]["step"]
    best_score, best_mix, seen = float("inf"), None, 0
    for mix in candidate_mixes(step, marl_range):  # expect: GIL001 -- thousands of blends, each scored in pure Python, per pool task
        seen += 1
        score = score_of(Blend.properties(mix))
        if score < best_score:
            best_score, best_mix = score, mix
    return best_score, best_mix, seen


def optimise_body(product, marl_range, board):
    global evaluated
    score, mix, seen = _search(product, marl_range)
    evaluated += seen  # expect: GIL002 -- module-level tally bumped by every search task with no lock
    board.offer(product, score, mix)
    return product, marl_range, seen


def check_stock(tonnes_needed):
    short = []
    for name, raw in RAW.items():  # ok: GIL001 -- four raw materials, a comparison each
        if raw["stock_t"] < tonnes_needed * 0.25:
            short.append(name)
    return "stock", short


def main():
    board = BestBoard()
    tasks = [functools.partial(optimise_body, product, half, board)
             for product in PRODUCTS for half in HALVES]
    tasks.append(functools.partial(check_stock, 180))
    shortages = []
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [pool.submit(task) for task in tasks]
        for fut in as_completed(futures):
            result = fut.result()
            if result[0] == "stock":
                shortages = result[1]
            else:
                product, half, seen = result
                print(f"searched {product} marl {half[0]}-{half[1] - 1}%: {seen} blends")
    print(f"{evaluated} blends evaluated in all")
    for product, (score, mix) in board.best.items():
        print(f"{product:>11}: score {score:5.2f} -> {Blend.describe(mix)}")
    print("short of:", shortages or "nothing")


if __name__ == "__main__":
    main()
