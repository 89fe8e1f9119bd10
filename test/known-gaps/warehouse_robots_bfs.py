"""Warehouse picking robots.

Each Robot thread plans a shortest path across the 80 x 80 floor grid with a
breadth-first search (6,400 cells, 4 neighbours each), then drives it one
cell per 1 ms motor step, reserving cells in the shared traffic map as it
goes, and finally docks at the single charger.
"""
import threading
import time
from collections import deque

GRID = 80
STEP_TIME = 0.001             # 1 ms per cell moved
MOVES = ((1, 0), (-1, 0), (0, 1), (0, -1))
RACKS = {(x, y) for x in range(5, GRID - 5, 6) for y in range(4, GRID - 4)
         if y % 20 != 0}      # rack rows with cross-aisles every 20 cells

reservations = {}             # cell -> robot name, shared by all robots
charger_lock = threading.Lock()
charger = {"free": True, "queue": []}


class Robot(threading.Thread):
    def __init__(self, name, start, goal):
        super().__init__(name=name)
        self.start_cell, self.goal = start, goal
        self.route = []

    def plan_path(self):
        parent = {self.start_cell: None}
        frontier = deque([self.start_cell])
        while frontier:  # expect: GIL001
            x, y = frontier.popleft()
            for dx, dy in MOVES:
                nxt = (x + dx, y + dy)
                if (0 <= nxt[0] < GRID and 0 <= nxt[1] < GRID
                        and nxt not in RACKS and nxt not in parent):
                    parent[nxt] = (x, y)
                    frontier.append(nxt)
        path, node = [], self.goal
        while node is not None:
            path.append(node)
            node = parent[node]
        return path[::-1]

    def run(self):
        self.route = self.plan_path()
        for cell in self.route:  # ok: GIL001
            if cell not in reservations:  # expect: GIL003
                reservations[cell] = self.name
            time.sleep(STEP_TIME)
        with charger_lock:
            if charger["free"]:  # ok: GIL003
                charger["free"] = False
                docked = True
            else:
                charger["queue"].append(self.name)
                docked = False
        print(f"{self.name}: {len(self.route) - 1} moves, docked={docked}")


def main():
    robots = [Robot("R1", (0, 0), (GRID - 1, GRID - 1)),
              Robot("R2", (GRID - 1, 0), (0, GRID - 1)),
              Robot("R3", (0, GRID // 2), (GRID - 1, GRID // 2))]
    for r in robots:
        r.start()
    for r in robots:
        r.join()
    claimed = {}
    for cell, owner in reservations.items():
        claimed[owner] = claimed.get(owner, 0) + 1
    print("cells reserved:", claimed, "charger queue:", charger["queue"])


if __name__ == "__main__":
    main()
