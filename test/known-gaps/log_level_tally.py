"""Tally log levels: lines are generated per host first, then four pool workers count them."""
import random
from concurrent.futures import ThreadPoolExecutor

HOSTS = ["api-1", "api-2", "db-1", "cache-1", "worker-1", "worker-2"]
LINES_PER_HOST = 60_000
LEVELS = ["DEBUG", "INFO", "INFO", "INFO", "WARN", "ERROR"]
WORKERS = 4

level_counts = {}
bytes_scanned = 0


def generate_lines(seed):
    rng = random.Random(seed)
    lines = []
    for host in HOSTS:  # ok: GIL001
        for i in range(LINES_PER_HOST):
            level = LEVELS[rng.randrange(len(LEVELS))]
            lines.append(f"2024-05-01T10:{i % 60:02d}:{i % 17:02d} {host} {level} req={i} status=ok")
    return lines


def parse_level(line):
    stamp, host, level, rest = line.split(" ", 3)
    return level


def tally(chunk):
    global bytes_scanned
    for line in chunk:  # expect: GIL001
        level = parse_level(line)
        level_counts[level] = level_counts.get(level, 0) + 1  # expect: GIL002
        bytes_scanned += len(line)  # expect: GIL002
    return len(chunk)


if __name__ == "__main__":
    lines = generate_lines(7)
    size = len(lines) // WORKERS
    chunks = []
    for w in range(WORKERS):
        chunks.append(lines[w * size:(w + 1) * size])
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = [pool.submit(tally, chunk) for chunk in chunks]
        handled = sum(f.result() for f in futures)
    print(f"handled {handled} lines, {bytes_scanned} bytes")
    for level in sorted(level_counts):
        print(f"  {level:<5} {level_counts[level]}")
    print(f"counted = {sum(level_counts.values())} (expected {handled})")
