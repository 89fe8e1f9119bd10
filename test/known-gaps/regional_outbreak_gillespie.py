"""Stochastic (Gillespie) SIR outbreaks in several regions sharing a vaccine stockpile and ICU beds."""
import random
import threading

stockpile = {"doses": 3000}
icu_beds = 60
icu_lock = threading.Lock()
admissions = []


def request_doses(region, need):
    if stockpile["doses"] >= need:  # expect: GIL003
        stockpile["doses"] -= need  # expect: GIL002
        return need
    return 0


def admit_to_icu(region, patients):
    global icu_beds
    with icu_lock:
        if icu_beds >= patients:  # ok: GIL003
            icu_beds -= patients  # ok: GIL002
            admissions.append((region, patients))
            return True
    return False


class RegionOutbreak(threading.Thread):
    def __init__(self, name, population, beta, gamma, seed):
        super().__init__(name=name)
        self.population, self.beta, self.gamma = population, beta, gamma
        self.seed = seed
        self.summary = None

    def run(self):
        rng = random.Random(self.seed)
        n = self.population
        s, i, r = n - 5, 5, 0
        t, peak, doses = 0.0, 5, 0
        events, requested = 0, False
        while i > 0 and t < 200.0:  # expect: GIL001
            rate_inf = self.beta * s * i / n
            rate_rec = self.gamma * i
            total = rate_inf + rate_rec
            t += rng.expovariate(total)
            if rng.random() * total < rate_inf:
                s, i = s - 1, i + 1
            else:
                i, r = i - 1, r + 1
            events += 1  # ok: GIL002
            if not requested and i > 0.05 * n:
                requested = True
                doses = request_doses(self.name, n // 5)
                moved = min(doses, s)
                s, r = s - moved, r + moved
            peak = max(peak, i)
        icu = admit_to_icu(self.name, max(1, peak // 200))
        self.summary = (self.name, events, peak, r, doses, icu)


def main():
    specs = [("north", 4000, 0.30), ("south", 6000, 0.25), ("east", 3000, 0.40),
             ("west", 5000, 0.35), ("harbour", 2500, 0.50)]
    regions = [RegionOutbreak(name, pop, beta, 0.1, seed=k) for k, (name, pop, beta) in enumerate(specs)]
    for reg in regions:
        reg.start()
    for reg in regions:
        reg.join()
    print(f"{'region':>8} {'events':>7} {'peak':>5} {'removed':>8} {'doses':>6} icu")
    for name, events, peak, removed, doses, icu in (reg.summary for reg in regions):
        print(f"{name:>8} {events:7d} {peak:5d} {removed:8d} {doses:6d} {'yes' if icu else 'no'}")
    print(f"doses left {stockpile['doses']}, ICU beds left {icu_beds}, admissions {admissions}")


if __name__ == "__main__":
    main()
