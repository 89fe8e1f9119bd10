"""Nightly access-log digest.

Rotated nginx logs are inflated by a pool of threads (file reads and zlib leave the
GIL free), then parsed line by line in pure Python on the same pool (which does not).
"""
import functools
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor

LOG_FILES = [f"/var/log/nginx/access.log.{i}.gz" for i in range(1, 9)]
STATUS_CLASSES = ("2xx", "3xx", "4xx", "5xx")

status_totals = dict.fromkeys(STATUS_CLASSES, 0)
bytes_served = 0
totals_lock = threading.Lock()


def inflate_file(path):
    """Stream-decompress one .gz file in 1 MiB blocks."""
    inflater = zlib.decompressobj(31)
    parts = []
    with open(path, "rb") as fh:
        while True:  # ok: GIL001
            block = fh.read(1 << 20)
            if not block:
                break
            parts.append(inflater.decompress(block))
    parts.append(inflater.flush())
    return b"".join(parts).decode("utf-8", "replace")


def parse_line(line):
    """'1.2.3.4 - - [date] "GET /x HTTP/1.1" 200 512' -> (path, status, size)."""
    _, _, rest = line.partition('"')
    request, _, tail = rest.partition('"')
    words, fields = request.split(), tail.split()
    path = words[1] if len(words) > 1 else "-"
    status = int(fields[0]) if fields and fields[0].isdigit() else 0
    size = int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else 0
    return path, status, size


def tally_statuses(text):
    global bytes_served
    seen = dict.fromkeys(STATUS_CLASSES, 0)
    for line in text.splitlines():  # expect: GIL001
        _, status, size = parse_line(line)
        bucket = f"{status // 100}xx"
        seen[bucket] = seen.get(bucket, 0) + 1  # ok: GIL002
        bytes_served += size  # expect: GIL002
    with totals_lock:
        for bucket in STATUS_CLASSES:  # ok: GIL001
            status_totals[bucket] += seen[bucket]  # ok: GIL002
    return sum(seen.values())


def error_lines(text, min_status):
    return [line for line in text.splitlines() if parse_line(line)[1] >= min_status]  # expect: GIL001


def error_report(text, min_status=500):
    rows = error_lines(text, min_status)
    return len(rows), rows[:5]


def heartbeat(stop, every=2.0):
    while not stop.wait(every):  # ok: GIL001
        print(f"... {bytes_served} bytes tallied so far", flush=True)


def percentile(sorted_values, q):
    if not sorted_values:
        return 0
    return sorted_values[min(len(sorted_values) - 1, int(q * len(sorted_values)))]


def main():
    stop = threading.Event()
    beat = threading.Thread(target=heartbeat, args=(stop,), daemon=True)
    beat.start()
    with ThreadPoolExecutor(max_workers=4) as pool:
        texts = list(pool.map(inflate_file, LOG_FILES))
        lines = sum(pool.map(tally_statuses, texts))
        reports = list(pool.map(functools.partial(error_report, min_status=500), texts))
    stop.set()

    # Response-size percentiles: main thread only, after the pool is gone.
    sizes = []
    for text in texts:  # ok: GIL001
        for line in text.splitlines():
            sizes.append(parse_line(line)[2])
    sizes.sort()

    print(f"{lines} requests, {bytes_served} bytes, statuses {status_totals}")
    print(f"p50={percentile(sizes, 0.5)} p99={percentile(sizes, 0.99)}")
    for path, (count, sample) in zip(LOG_FILES, reports):
        print(f"{path}: {count} server errors", *sample[:1])


if __name__ == "__main__":
    main()
