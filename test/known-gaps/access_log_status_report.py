#!/usr/bin/env python3
"""Summarise HTTP status codes and bytes sent from an access log using a thread pool."""
import re
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

LOG_RE = re.compile(
    r'(?P<ip>\d{1,3}(?:\.\d{1,3}){3}) \S+ \S+ \[(?P<ts>[^\]]+)\] '
    r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/1\.[01]" (?P<status>\d{3}) (?P<size>\d+|-)'
)
PATHS = ["/", "/login", "/api/items", "/static/app.js", "/favicon.ico"]
STATUSES = ["200", "200", "200", "304", "404", "500"]

malformed = 0
malformed_lock = threading.Lock()


def format_line(i):
    size = "-" if i % 9 == 0 else str(512 + i % 4096)
    return (f'10.0.{i % 7}.{i % 251} - - [04/Dec/2024:10:{i % 60:02d}:00 +0000] '
            f'"GET {PATHS[i % len(PATHS)]} HTTP/1.1" {STATUSES[i % len(STATUSES)]} {size}')


def make_lines(n):
    lines = [format_line(i) for i in range(n)]  # ok: GIL001
    for i in range(0, n, 97):
        lines[i] = "garbage line " + str(i)
    return lines


def parse_chunk(lines):
    global malformed
    statuses = Counter()
    bytes_sent = 0
    for line in lines:  # expect: GIL001
        m = LOG_RE.match(line)
        if m is None:
            with malformed_lock:
                malformed += 1  # ok: GIL002
            continue
        statuses[m["status"]] += 1  # ok: GIL002
        size = m["size"]
        bytes_sent += 0 if size == "-" else int(size)  # ok: GIL002
    return statuses, bytes_sent


def chunked(seq, size):
    for start in range(0, len(seq), size):
        yield seq[start:start + size]


def main():
    lines = make_lines(6000)
    totals = Counter()
    total_bytes = 0
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="parser") as pool:
        for statuses, sent in pool.map(parse_chunk, chunked(lines, 500)):
            totals.update(statuses)
            total_bytes += sent  # ok: GIL002

    print(f"parsed {sum(totals.values())} lines, {malformed} malformed")
    for status, n in sorted(totals.items()):
        print(f"  {status}: {n}")
    print(f"total bytes sent: {total_bytes}")


if __name__ == "__main__":
    main()
