"""Three solver threads share a lazily loaded maze; `if _maze is None:` lets every thread load it."""
import collections
import os
import random
import tempfile
import threading
import time

CELLS = 100                          # 100x100 cells -> a 201x201 character grid
MAZE_PATH = os.path.join(tempfile.gettempdir(), "r24a_maze.txt")
STARTS = [(1, 1), (199, 1), (1, 199)]
GOALS = [(199, 199), (101, 101), (199, 101), (101, 199)]

_maze = None
loads = 0


def write_maze(path, seed=5):
    """Binary-tree maze: every cell opens north or east."""
    rng = random.Random(seed)
    grid = [["#"] * (2 * CELLS + 1) for _ in range(2 * CELLS + 1)]
    for cy in range(CELLS):  # ok: GIL001
        for cx in range(CELLS):
            x, y = 2 * cx + 1, 2 * cy + 1
            grid[y][x] = "."
            north, east = cy > 0, cx < CELLS - 1
            if north and (not east or rng.random() < 0.5):
                grid[y - 1][x] = "."
            elif east:
                grid[y][x + 1] = "."
    with open(path, "w") as fh:
        fh.write("\n".join("".join(row) for row in grid) + "\n")


def get_maze():
    global _maze, loads
    if _maze is None:  # expect: GIL003
        time.sleep(0.02)  # the maze file lives on a slow network share
        with open(MAZE_PATH) as fh:
            _maze = [line.rstrip("\n") for line in fh]
        loads += 1  # expect: GIL002
    return _maze


def bfs(grid, start, goal):
    dist = {start: 0}
    frontier = collections.deque([start])
    while frontier:
        x, y = frontier.popleft()
        if (x, y) == goal:
            return dist[(x, y)]
        for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            if grid[ny][nx] == "." and (nx, ny) not in dist:  # ok: GIL003
                dist[(nx, ny)] = dist[(x, y)] + 1
                frontier.append((nx, ny))
    return -1


def solve_from(start, answers):
    grid = get_maze()
    for goal in GOALS:  # expect: GIL001
        answers[(start, goal)] = bfs(grid, start, goal)  # ok: GIL002


if __name__ == "__main__":
    write_maze(MAZE_PATH)
    answers = {}
    threads = [threading.Thread(target=solve_from, args=(s, answers)) for s in STARTS]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"solved {len(answers)} routes in {time.perf_counter() - began:.2f}s")
    print(f"maze loads = {loads} (expected 1)")
    for (start, goal), steps in sorted(answers.items())[:4]:
        print(f"  {start} -> {goal}: {steps} steps")
    os.remove(MAZE_PATH)
