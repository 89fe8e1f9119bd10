#!/usr/bin/env python3
"""Chooses an opening move for subtraction Nim (take 1-3 from one heap, the
player taking the last counter wins) by scoring each candidate move with a
full negamax search on a thread pool."""
from concurrent.futures import ThreadPoolExecutor, as_completed

MAX_TAKE = 3
nodes_searched = 0
best = {"score": -2, "move": None}


def negamax(heaps, memo):
    """+1 if the player to move wins with perfect play, else -1."""
    global nodes_searched
    nodes_searched += 1  # expect: GIL002
    key = tuple(heaps)
    if key in memo:  # ok: GIL003
        return memo[key]
    result = -1
    for idx in range(len(heaps) * MAX_TAKE):  # expect: GIL001
        heap, take = divmod(idx, MAX_TAKE)
        take += 1
        if take > heaps[heap]:
            continue
        child = list(heaps)
        child[heap] -= take
        if negamax(child, memo) == -1:
            result = 1
            break
    memo[key] = result
    return result


def score_move(heaps, move):
    heap, take = move
    after = list(heaps)
    after[heap] -= take
    score = -negamax(after, {})
    if score > best["score"]:  # expect: GIL003
        best["score"] = score
        best["move"] = move
    return move, score


def main():
    heaps = [5, 7, 9, 6]
    candidates = []
    for heap, size in enumerate(heaps):
        for take in range(1, min(MAX_TAKE, size) + 1):
            candidates.append((heap, take))

    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(score_move, heaps, m) for m in candidates]
        scored = dict(f.result() for f in as_completed(futures))

    winners = sorted(m for m, s in scored.items() if s == 1)
    print(f"heaps {heaps}: {len(candidates)} candidate moves, {nodes_searched} nodes searched")
    print(f"winning moves (heap, take): {winners or 'none - position is lost'}")
    print(f"first best move recorded: {best['move']} (score {best['score']})")


if __name__ == "__main__":
    main()
