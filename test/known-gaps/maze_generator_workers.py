"""Maze generation service: request handling on a worker pool with a memo cache.

Clients ask for mazes by (width, height, seed); the same puzzle of the day is
requested by many clients at once, so generated mazes are memoised. Generation
uses the iterative recursive-backtracker (depth-first carving) on a grid of
wall bitmasks. Latency of every generation is recorded for the SLO dashboard.
"""
import functools
import logging
import random
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("maze.service")

N, S, E, W = 1, 2, 4, 8
DELTA = {N: (0, -1), S: (0, 1), E: (1, 0), W: (-1, 0)}
OPPOSITE = {N: S, S: N, E: W, W: E}


@dataclass(frozen=True)
class MazeSpec:
    width: int
    height: int
    seed: int

    @property
    def cache_key(self):
        return f"{self.width}x{self.height}#{self.seed}"


class LatencyRecorder:
    """Collects samples per operation; `with recorder:` holds its lock."""

    def __init__(self):
        self._lock = threading.Lock()
        self.samples = {}
        self.count = 0

    def __enter__(self):
        self._lock.acquire()
        return self

    def __exit__(self, exc_type, exc, tb):
        self._lock.release()
        return False

    def record(self, name, seconds):
        with self:
            self.count += 1  # ok: GIL002
            self.samples.setdefault(name, []).append(seconds)

    def p50_ms(self, name):
        with self:
            return statistics.median(self.samples[name]) * 1000


RECORDER = LatencyRecorder()


def timed(recorder):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                recorder.record(fn.__name__, time.perf_counter() - started)
        return wrapper
    return decorate


@timed(RECORDER)
def generate_maze(width, height, seed):
    rng = random.Random(seed)
    grid = [[0] * width for _ in range(height)]
    stack = [(rng.randrange(width), rng.randrange(height))]
    visited = {stack[0]}
    while stack:  # expect: GIL001
        x, y = stack[-1]
        options = []
        for direction, (dx, dy) in DELTA.items():
            nx, ny = x + dx, y + dy
            if 0 <= nx < width and 0 <= ny < height and (nx, ny) not in visited:
                options.append((direction, nx, ny))
        if not options:
            stack.pop()
            continue
        direction, nx, ny = rng.choice(options)
        grid[y][x] |= direction
        grid[ny][nx] |= OPPOSITE[direction]
        visited.add((nx, ny))
        stack.append((nx, ny))
    return grid


def render_ascii(grid):
    height, width = len(grid), len(grid[0])
    lines = ["+" + "--+" * width]
    for y in range(height):
        row, floor = "|", "+"
        for x in range(width):
            row += "  " + (" " if grid[y][x] & E else "|")
            floor += ("  " if grid[y][x] & S else "--") + "+"
        lines.extend([row, floor])
    return "\n".join(lines)


class MazeService:
    def __init__(self, generator=generate_maze):
        self._generate = generator
        self._cache = {}

    def get_maze(self, spec):
        key = spec.cache_key
        if key not in self._cache:  # expect: GIL003
            self._cache[key] = self._generate(spec.width, spec.height, spec.seed)
        return self._cache[key]

    def handle(self, request):
        spec = MazeSpec(**request["params"])
        grid = self.get_maze(spec)
        return {"client": request["client"], "key": spec.cache_key,
                "cells": len(grid) * len(grid[0])}


def request_stream(clients, puzzles):
    for i, client in enumerate(clients):
        yield {"client": client, "params": puzzles[i % len(puzzles)]}


def serve(service, requests, workers=4):
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="maze") as pool:
        futures = [pool.submit(service.handle, req) for req in requests]
        return [f.result() for f in futures]


def main():
    logging.basicConfig(level=logging.INFO)
    puzzles = [{"width": 110, "height": 110, "seed": 20240601},
               {"width": 90, "height": 140, "seed": 7}]
    clients = [f"client-{n}" for n in range(6)]
    service = MazeService()
    started = time.perf_counter()
    responses = serve(service, request_stream(clients, puzzles))
    elapsed = time.perf_counter() - started
    print(f"served {len(responses)} requests for {len(puzzles)} puzzles in {elapsed:.2f}s; "
          f"{RECORDER.count} generations (p50 {RECORDER.p50_ms('generate_maze'):.1f} ms)")
    small = generate_maze(8, 4, seed=1)
    print(render_ascii(small))


if __name__ == "__main__":
    main()
