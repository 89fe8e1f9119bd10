#!/usr/bin/env python3
"""Tune a 'hold at N' strategy for the dice game Pig with Monte Carlo playouts on a thread pool."""
import functools
import random
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed

TARGET = 50
OPPONENT_HOLD = 20

progress = {"playouts": 0, "tasks": 0}
log_lock = threading.Lock()
finished = []
tls = threading.local()


def thread_rng():
    if not hasattr(tls, "rng"):
        tls.rng = random.Random(threading.get_ident())
        tls.games = 0
    return tls.rng


def take_turn(rng, hold_at, banked):
    turn_total = 0
    while turn_total < hold_at and banked + turn_total < TARGET:  # expect: GIL001
        roll = rng.randint(1, 6)
        if roll == 1:
            return 0
        turn_total += roll
    return turn_total


def play_game(rng, hold_a, hold_b):
    scores = [0, 0]
    holds = (hold_a, hold_b)
    player = rng.randint(0, 1)
    while max(scores) < TARGET:  # expect: GIL001
        scores[player] += take_turn(rng, holds[player], scores[player])  # ok: GIL002
        player ^= 1
    return 0 if scores[0] >= TARGET else 1


def evaluate(hold_at, games):
    rng = thread_rng()
    wins = 0
    for _ in range(games):  # expect: GIL001
        wins += play_game(rng, hold_at, OPPONENT_HOLD) == 0
        tls.games += 1  # ok: GIL002
    progress["playouts"] += games  # expect: GIL002
    with log_lock:
        finished.append(hold_at)
        progress["tasks"] += 1  # ok: GIL002
    return hold_at, wins / games


def main():
    candidates = range(10, 32, 2)
    run = functools.partial(evaluate, games=300)
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="playout") as pool:
        futures = [pool.submit(run, h) for h in candidates]
        results = dict(f.result() for f in as_completed(futures))
    for hold_at in candidates:
        bar = "#" * int(results[hold_at] * 40)
        print(f"hold at {hold_at:2d}: {results[hold_at]:.3f} {bar}")
    best = max(results, key=results.get)
    print(f"best threshold {best} vs opponent holding at {OPPONENT_HOLD}; "
          f"{progress['playouts']} playouts in {progress['tasks']} tasks")


if __name__ == "__main__":
    main()
