"""Log analysis: generator stages feed each shard's worker; per-shard results are merged under a lock."""
import re
import threading
from collections import Counter

LINES_PER_SHARD = 150_000
LEVELS = ("DEBUG", "INFO", "WARN", "ERROR")
PATTERN = re.compile(r"^(\S+) (\w+) \[(\w+)\] took (\d+)ms$")

totals = Counter()
slowest = {"ms": 0, "service": None}
merge_lock = threading.Lock()


def synth_lines(shard, n):
    for i in range(n):
        yield f"2024-05-0{shard + 1}T12:{i % 60:02d} {LEVELS[i % 4]} [svc{i % 7}] took {i * 31 % 997}ms"


def parse(lines):
    for line in lines:
        m = PATTERN.match(line)
        if m:
            yield m.group(2), m.group(3), int(m.group(4))


def only(levels, records):
    return (rec for rec in records if rec[0] in levels)


def analyze_shard(shard):
    counts = Counter()
    worst, worst_svc = 0, None
    records = only({"WARN", "ERROR"}, parse(synth_lines(shard, LINES_PER_SHARD)))
    for level, service, ms in records:  # expect: GIL001
        counts[(level, service)] += 1  # ok: GIL002
        if ms > worst:  # ok: GIL003
            worst, worst_svc = ms, service
    with merge_lock:
        totals.update(counts)
        if worst > slowest["ms"]:  # ok: GIL003
            slowest["ms"], slowest["service"] = worst, worst_svc


if __name__ == "__main__":
    workers = [threading.Thread(target=analyze_shard, args=(shard,), name=f"shard-{shard}")
               for shard in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for (level, service), n in sorted(totals.items())[:4]:
        print(f"{level:5} {service}: {n}")
    print(f"warn+error lines = {sum(totals.values())} (expected {3 * LINES_PER_SHARD // 2})")
    print(f"slowest: {slowest['service']} at {slowest['ms']} ms")
