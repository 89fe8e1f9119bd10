"""Double round-robin for 20 teams; a threading.Timer runs 3_000 round-swap steps to cut home/away breaks."""
import random
import threading
import time

TEAMS = [f"T{n:02d}" for n in range(20)]
STEPS = 3_000


def circle_method(teams):
    n, fixed, rot = len(teams), teams[0], teams[1:]
    rounds = []
    for r in range(n - 1):
        order = [fixed] + rot
        pairs = [(order[i], order[n - 1 - i]) if r % 2 == 0 else (order[n - 1 - i], order[i])
                 for i in range(n // 2)]
        rounds.append(pairs)
        rot = rot[-1:] + rot[:-1]
    return rounds + [[(away, home) for home, away in rnd] for rnd in rounds]


def count_breaks(schedule):
    last, breaks = {}, 0
    for rnd in schedule:
        for home, away in rnd:
            for team, venue in ((home, "H"), (away, "A")):
                if last.get(team) == venue:
                    breaks += 1
                last[team] = venue
    return breaks


schedule = circle_method(TEAMS)
result = {}
done = threading.Event()


def optimise(seed=3):
    rng = random.Random(seed)
    best = count_breaks(schedule)
    result["initial"] = best
    improved = 0
    for _ in range(STEPS):  # expect: GIL001
        i, j = rng.sample(range(len(schedule)), 2)
        schedule[i], schedule[j] = schedule[j], schedule[i]
        cost = count_breaks(schedule)
        if cost <= best:
            best = cost
            improved += 1  # ok: GIL002
        else:
            schedule[i], schedule[j] = schedule[j], schedule[i]
    result["final"], result["accepted"] = best, improved
    done.set()


if __name__ == "__main__":
    began = time.perf_counter()
    timer = threading.Timer(0.01, optimise)
    timer.start()
    polls = 0
    while not done.wait(0.05):  # ok: GIL001
        polls += 1  # ok: GIL002
    timer.join()
    print(f"{len(TEAMS)} teams, {len(schedule)} rounds, {STEPS} swap steps in "
          f"{time.perf_counter() - began:.2f}s ({polls} progress polls)")
    print(f"breaks: {result['initial']} -> {result['final']} ({result['accepted']} swaps kept)")
