#!/usr/bin/env python3
"""RTS move orders: planner threads run BFS on the tile map and hand paths back through a queue."""
import collections
import queue
import threading

TILES = [
    "................",
    "..####......#...",
    ".....#......#...",
    ".....#..######..",
    "..........#.....",
    ".######...#..##.",
    "..........#.....",
    "....#...........",
]
H, W = len(TILES), len(TILES[0])

claimed_goals = set()
claim_lock = threading.Lock()


def claim_goal(goal):
    with claim_lock:
        r, c = goal
        if goal in claimed_goals:  # ok: GIL003
            goal = (r, c - 1) if c > 0 and TILES[r][c - 1] == "." else (r, c + 1)
        claimed_goals.add(goal)
        return goal


def bfs(start, goal):
    prev = {start: None}
    frontier = collections.deque([start])
    while frontier:  # expect: GIL001
        cur = frontier.popleft()
        if cur == goal:
            break
        r, c = cur
        for nxt in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):  # expect: GIL001
            nr, nc = nxt
            if 0 <= nr < H and 0 <= nc < W and TILES[nr][nc] == "." and nxt not in prev:
                prev[nxt] = cur
                frontier.append(nxt)
    if goal not in prev:
        return None
    path, node = [], goal
    while node is not None:  # expect: GIL001
        path.append(node)
        node = prev[node]
    return path[::-1]


class Planner(threading.Thread):
    def __init__(self, requests, results, name):
        super().__init__(name=name, daemon=True)
        self.requests, self.results = requests, results
        self.planned = 0

    def run(self):
        while True:  # ok: GIL001
            job = self.requests.get()
            if job is None:
                return
            unit, start, goal = job
            goal = claim_goal(goal)
            self.results.put((unit, goal, bfs(start, goal)))
            self.planned += 1  # ok: GIL002


def main():
    requests, results = queue.Queue(), queue.Queue()
    planners = [Planner(requests, results, f"planner-{i}") for i in range(3)]
    for p in planners:
        p.start()
    orders = [("marine-1", (0, 0), (7, 15)), ("marine-2", (0, 1), (7, 15)),
              ("tank-1", (6, 0), (0, 15)), ("scout-1", (4, 4), (2, 14)),
              ("worker-1", (7, 0), (2, 6)), ("worker-2", (7, 1), (4, 9))]
    for order in orders:
        requests.put(order)
    for _ in planners:
        requests.put(None)
    for p in planners:
        p.join()
    while not results.empty():
        unit, goal, path = results.get()
        steps = "unreachable" if path is None else f"{len(path) - 1} steps"
        print(f"{unit:9s} -> {goal}: {steps}")
    print("paths per planner:", {p.name: p.planned for p in planners})


if __name__ == "__main__":
    main()
