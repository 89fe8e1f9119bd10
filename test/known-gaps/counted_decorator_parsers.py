"""Access-log parsing helpers wrapped in call-counting decorators, called from worker threads."""
import functools
import threading

_stats_lock = threading.Lock()
LEVELS = ["INFO", "WARN", "ERROR", "DEBUG"]


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1  # expect: GIL002
        return fn(*args, **kwargs)

    wrapper.calls = 0
    return wrapper


def counted_locked(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with _stats_lock:
            wrapper.calls += 1  # ok: GIL002
        return fn(*args, **kwargs)

    wrapper.calls = 0
    return wrapper


@counted
def parse_level(line):
    return line.split(" ", 2)[1]


@counted_locked
def parse_latency(line):
    return int(line.rsplit("=", 1)[1])


def analyze(lines, results, slot):
    levels = {}
    latency_total = 0
    for line in lines:  # expect: GIL001
        level = parse_level(line)
        levels[level] = levels.get(level, 0) + 1  # ok: GIL002
        latency_total += parse_latency(line)  # ok: GIL002
    results[slot] = (levels, latency_total)


def make_lines(shard, n):
    return [
        f"2024-05-0{shard + 1}T12:00:{i % 60:02d} {LEVELS[(i * 7 + shard) % 4]} GET /api/v1/items latency_ms={i % 250}"
        for i in range(n)
    ]


def main():
    shards = [make_lines(s, 100_000) for s in range(4)]
    results = [None] * len(shards)
    workers = [threading.Thread(target=analyze, args=(lines, results, i)) for i, lines in enumerate(shards)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()

    merged, latency = {}, 0
    for levels, total in results:
        latency += total
        for level, n in levels.items():
            merged[level] = merged.get(level, 0) + n
    expected = sum(map(len, shards))
    print(f"levels = {merged}, mean latency = {latency / expected:.1f} ms")
    print(f"parse_level calls = {parse_level.calls} (expected {expected})")
    print(f"parse_latency calls = {parse_latency.calls} (expected {expected})")


if __name__ == "__main__":
    main()
