"""AI director: scores candidate patrol routes for NPCs on a worker pool."""
import functools
import threading
from concurrent.futures import ThreadPoolExecutor

GRID = 96
TERRAIN = [[(x * 7 + y * 13) % 5 + 1 for x in range(GRID)] for y in range(GRID)]

best_routes = {}
best_lock = threading.Lock()
routes_scored = 0


def build_route(seed, length):
    """Deterministic random walk over the grid (done up front by the director)."""
    x, y = seed % GRID, (seed * 5) % GRID
    route = []
    for step in range(length):  # ok: GIL001
        state = (seed * 1103515245 + step * 12345) & 0x7FFFFFFF
        x = (x + (state % 3) - 1) % GRID
        y = (y + ((state >> 3) % 3) - 1) % GRID
        route.append((x, y))
    return route


def route_cost(route, climb_penalty):
    cost = 0
    prev = None
    for x, y in route:  # expect: GIL001
        h = TERRAIN[y][x]
        cost += h
        if prev is not None and h > prev:
            cost += (h - prev) * climb_penalty
        prev = h
    return cost


def evaluate(job, climb_penalty):
    global routes_scored
    npc, route = job
    cost = route_cost(route, climb_penalty)
    routes_scored += 1  # expect: GIL002
    with best_lock:
        current = best_routes.get(npc)
        if current is None or cost < current[0]:  # ok: GIL003
            best_routes[npc] = (cost, len(route))
    return npc, cost


def main():
    npcs = ["guard", "scout", "merchant", "wolf"]
    jobs = []
    for i in range(16):
        jobs.append((npcs[i % len(npcs)], build_route(i + 1, 10000)))

    scorer = functools.partial(evaluate, climb_penalty=3)
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="ai") as pool:
        results = list(pool.map(scorer, jobs))

    worst = max(results, key=lambda r: r[1])
    for npc in npcs:
        cost, length = best_routes[npc]
        print(f"{npc:>9}: best cost {cost} over {length} cells")
    print(f"scored={routes_scored} worst={worst}")


if __name__ == "__main__":
    main()
