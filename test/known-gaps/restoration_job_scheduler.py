"""Conservation workshop scheduler.

Restoration jobs are fired from timers; each job needs the single photo
bench (a lock), despeckles the artefact's scan line and records the
outcome in the workshop log.
"""
import functools
import random
import threading
import time

bench_lock = threading.Lock()
log_lock = threading.Lock()
workshop_log = []
log_entries = 0
stats = {"restored": 0}
BENCH_HUMIDITY = 48.0


def log(msg):
    global log_entries
    log_entries = log_entries + 1  # expect: GIL002
    with log_lock:
        workshop_log.append(f"{time.strftime('%H:%M:%S')} {msg}")


def despeckle(scanline):
    cleaned = list(scanline)
    for i in range(1, len(scanline) - 1):  # expect: GIL001
        a, b, c = scanline[i - 1], scanline[i], scanline[i + 1]
        cleaned[i] = max(min(a, b), min(max(a, b), c))
    return cleaned


def restore(job):
    if not bench_lock.acquire(timeout=1.0):  # expect: GIL005
        log(f"{job['id']}: bench busy, skipped")
        return
    if job["fragile"] and BENCH_HUMIDITY > 55.0:
        log(f"{job['id']}: deferred, bench too humid for a fragile piece")
        return
    cleaned = despeckle(job["scan"])
    noise = sum(abs(x - y) for x, y in zip(job["scan"], cleaned))  # expect: GIL001
    stats["restored"] += 1  # ok: GIL002
    bench_lock.release()
    log(f"{job['id']}: restored, removed noise {noise}")


def main():
    rng = random.Random(3)
    jobs = []
    for n in range(6):
        scan = [rng.randint(0, 255) for _ in range(30000)]  # ok: GIL001
        jobs.append({"id": f"RJ-{n:02d}", "fragile": n % 3 == 0, "scan": scan})
    timers = [
        threading.Timer(0.02 * n, functools.partial(restore, job))
        for n, job in enumerate(jobs)
    ]
    log("scheduler started")
    for t in timers:
        t.start()
    for t in timers:
        t.join()
    for line in workshop_log:
        print(line)
    print(f"restored {stats['restored']} of {len(jobs)} jobs, {log_entries} log entries")


if __name__ == "__main__":
    main()
