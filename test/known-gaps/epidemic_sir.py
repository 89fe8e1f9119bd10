"""Agent-based SIR epidemic in a town of 20,000 people across 8 districts.
Each simulated day, two threads process half the population each."""
import random
import threading
from dataclasses import dataclass, field

POPULATION = 20_000
DISTRICTS = 8
CONTACTS = 6          # 10,000 people x 6 contacts = 60,000 draws per thread per day
BETA = 0.05
RECOVERY_DAYS = 5
DAYS = 4
WORKERS = 2


@dataclass
class Person:
    district: int
    state: str = "S"
    sick_days: int = 0


@dataclass
class Town:
    people: list
    new_cases: int = 0
    district_cases: list = field(default_factory=lambda: [0] * DISTRICTS)
    lock: threading.Lock = field(default_factory=threading.Lock)


def spread(town, states, lo, hi, seed):
    rng = random.Random(seed)
    n = len(states)
    infected = []
    for i in range(lo, hi):  # expect: GIL001
        if states[i] != "S":
            continue
        for _ in range(CONTACTS):
            if states[rng.randrange(n)] == "I" and rng.random() < BETA:
                infected.append(i)
                break
    per_district = [0] * DISTRICTS
    for i in infected:
        town.people[i].state = "I"
        per_district[town.people[i].district] += 1
    with town.lock:
        town.new_cases += len(infected)  # ok: GIL002
    for d in range(DISTRICTS):  # ok: GIL001
        town.district_cases[d] += per_district[d]  # expect: GIL002


def main():
    rng = random.Random(2024)
    town = Town([Person(rng.randrange(DISTRICTS)) for _ in range(POPULATION)])
    for p in rng.sample(town.people, 50):
        p.state = "I"
    chunk = POPULATION // WORKERS
    for day in range(DAYS):
        states = [p.state for p in town.people]
        threads = [threading.Thread(target=spread,
                                    args=(town, states, w * chunk, (w + 1) * chunk, day * 10 + w))
                   for w in range(WORKERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for p, before in zip(town.people, states):
            if before == "I":
                p.sick_days += 1
                if p.sick_days >= RECOVERY_DAYS:
                    p.state = "R"
        sick = sum(1 for p in town.people if p.state == "I")
        print(f"day {day + 1}: {sick} infected, {town.new_cases} cumulative new cases")
    print("cases by district:", town.district_cases)


if __name__ == "__main__":
    main()
