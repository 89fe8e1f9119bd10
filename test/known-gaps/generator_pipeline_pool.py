"""Access-log report: a generator pipeline in the main thread feeds a thread pool.

The program writes an 80_000-line access log ("ip status bytes") into a
temporary directory. read_lines() -> parse() -> chunked() are generators; the
main thread drives them while handing 20_000-record chunks to a 4-thread pool
(Executor.map submits every chunk from the calling thread). Each pool task
tallies status codes and bytes per /24 subnet for its chunk in a Python loop.

Lessons: the tally loop run by the pool tasks is CPU-bound (several ms of
bytecode per chunk), so the pool adds no speed; the generator pipeline runs in
the main thread only; merging the partial tallies happens in the main thread
as results come back, so its `+=` needs no lock; the per-task counters are local.
"""
import collections
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor

LINES = 80_000
CHUNK = 20_000


def read_lines(path):
    with open(path) as fh:
        for line in fh:
            yield line.rstrip("\n")


def parse(lines):
    for line in lines:
        ip, status, size = line.split()
        yield ip, int(status), int(size)


def chunked(records, size):
    chunk = []
    for record in records:  # ok: GIL001
        chunk.append(record)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def tally(chunk):
    by_status = collections.Counter()
    bytes_by_subnet = collections.defaultdict(int)
    for ip, status, size in chunk:  # expect: GIL001
        by_status[status] += 1  # ok: GIL002
        bytes_by_subnet[ip.rpartition(".")[0]] += size
    return by_status, bytes_by_subnet


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        log_path = os.path.join(tmp, "access.log")
        with open(log_path, "w") as fh:
            for n in range(LINES):
                status = (200, 200, 200, 304, 404, 500)[n % 6]
                fh.write(f"10.0.{n % 13}.{n % 251} {status} {(n * 37) % 9_000}\n")

        status_totals = collections.Counter()
        subnet_totals = collections.defaultdict(int)
        with ThreadPoolExecutor(max_workers=4) as pool:
            records = parse(read_lines(log_path))
            for by_status, bytes_by_subnet in pool.map(tally, chunked(records, CHUNK)):
                status_totals.update(by_status)
                for subnet, nbytes in bytes_by_subnet.items():
                    subnet_totals[subnet] += nbytes  # ok: GIL002

    print(f"requests = {sum(status_totals.values())} (expected {LINES})")
    print(f"by status = {dict(sorted(status_totals.items()))}")
    busiest = max(subnet_totals, key=subnet_totals.get)
    print(f"busiest subnet = {busiest}.0/24 with {subnet_totals[busiest]} bytes")
