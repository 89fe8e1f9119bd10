# Models a log-ingest service that builds metric-recording closures with factory functions.
import threading

LOG_LINES = [
    "GET /api/users 200 12ms",
    "POST /api/orders 201 40ms",
    "GET /api/users 500 3ms",
    "GET /health 200 1ms",
    "DELETE /api/orders 404 5ms",
] * 40


def make_counter():
    """Return (increment, read) closures over a private count."""
    count = 0

    def increment(n=1):
        nonlocal count
        count += n  # expect: GIL002

    def read():
        return count

    return increment, read


def make_latency_recorder():
    """Return a recorder that sums latencies under its own lock."""
    total_ms = 0
    lock = threading.Lock()

    def record(ms):
        nonlocal total_ms
        with lock:
            total_ms += ms  # ok: GIL002

    def total():
        return total_ms

    return record, total


def make_error_budget(allowed):
    """Return a spender that admits at most `allowed` server errors before paging."""
    remaining = allowed
    pages = []

    def spend(line):
        nonlocal remaining
        if remaining > 0:  # expect: GIL003
            remaining -= 1  # expect: GIL002
        else:
            pages.append(line)

    return spend, pages


def make_status_tally():
    """Each caller gets a fresh dict; meant for one worker at a time."""
    tally = {}

    def bump(status):
        tally[status] = tally.get(status, 0) + 1  # ok: GIL002

    return bump, tally


def ingest(lines, on_request, on_latency, on_status, on_error):
    for line in lines:  # ok: GIL001
        method, path, status, latency = line.split()
        on_request()
        on_latency(int(latency.rstrip("ms")))
        on_status(status)
        if status.startswith("5"):
            on_error(line)


def main():
    shared_increment, shared_read = make_counter()
    record_latency, total_latency = make_latency_recorder()
    spend_budget, pages = make_error_budget(25)

    shards = [LOG_LINES[i::4] for i in range(4)]
    tallies = []
    threads = []
    for shard in shards:
        bump, tally = make_status_tally()
        tallies.append(tally)
        t = threading.Thread(target=ingest, args=(shard, shared_increment, record_latency, bump, spend_budget))
        threads.append(t)
        t.start()
    for t in threads:
        t.join()

    merged = {}
    for tally in tallies:
        for status, n in tally.items():
            merged[status] = merged.get(status, 0) + n
    print("requests:", shared_read())
    print("latency total:", total_latency())
    print("status:", dict(sorted(merged.items())), "pages:", len(pages))


if __name__ == "__main__":
    main()
