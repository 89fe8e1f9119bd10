"""Coaching study for a chess club: how many knight walks of a given length start from each
square. Dashboard numbers are computed on a thread pool (with done-callbacks keeping a tally),
the deep full-board tables in worker processes, while a round clock thread ticks."""
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

KNIGHT = [(1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2)]
stats = {"walks": 0, "jobs": 0}
clock_ticks = []


def knight_walks(start, depth):
    frontier = {start: 1}
    for _ in range(depth):  # expect: GIL001
        nxt = {}
        for (x, y), ways in frontier.items():
            for dx, dy in KNIGHT:
                nx, ny = x + dx, y + dy
                if 0 <= nx < 8 and 0 <= ny < 8:
                    nxt[(nx, ny)] = nxt.get((nx, ny), 0) + ways  # ok: GIL002
        frontier = nxt
    return start, sum(frontier.values())


def board_table(depth):
    table = {}
    for sq in range(64):  # ok: GIL001
        start, walks = knight_walks((sq // 8, sq % 8), depth)
        table[start] = walks % 1_000_003
    return depth, table


def record(fut):
    start, walks = fut.result()
    stats["walks"] += walks % 1000  # expect: GIL002
    stats["jobs"] += 1  # expect: GIL002


def round_clock(stop, period):
    while not stop.wait(period):  # ok: GIL001
        clock_ticks.append(time.monotonic())


def main():
    stop = threading.Event()
    clock = threading.Thread(target=round_clock, args=(stop, 0.01), daemon=True)
    clock.start()
    starts = [(x, y) for x in range(4) for y in range(4)]
    with ProcessPoolExecutor(max_workers=2) as procs:
        deep = [procs.submit(board_table, d) for d in (12, 14)]
        with ThreadPoolExecutor(max_workers=4) as pool:
            for sq in starts:
                pool.submit(knight_walks, sq, 300).add_done_callback(record)
        tables = [f.result() for f in deep]
    stop.set()
    clock.join()
    print(f"dashboard: {stats['jobs']} squares, walk checksum {stats['walks']}")
    for depth, table in tables:
        best = max(table, key=table.get)
        print(f"depth {depth}: most walks from {best} ({table[best]} mod p)")
    print(f"clock ticked {len(clock_ticks)} times")


if __name__ == "__main__":
    main()
