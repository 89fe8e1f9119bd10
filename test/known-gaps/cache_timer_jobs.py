"""Session cache maintenance: Timer threads fire jobs looked up by name in a
job table, with start delays taken from CONFIG."""
import threading

CONFIG = {
    "jobs": [("refresh", 0.0), ("evict", 0.0), ("compact", 0.005), ("stats", 0.01)],
    "sessions": 40,
    "index_entries": 200_000,
    "evict_before": 1020.0,
}

CACHE = {f"session:{i}": {"user": i, "expires": 1000.0 + i} for i in range(CONFIG["sessions"])}
CACHE_LOCK = threading.Lock()
INDEX = {}
REPORT = []


def refresh_sessions():
    for key in ("session:3", "session:41", "session:42"):
        if key not in CACHE:  # expect: GIL003
            CACHE[key] = {"user": int(key.split(":")[1]), "expires": 1100.0}


def evict_expired():
    for i in range(CONFIG["sessions"]):
        key = f"session:{i}"
        with CACHE_LOCK:
            if key in CACHE and CACHE[key]["expires"] < CONFIG["evict_before"]:  # ok: GIL003
                del CACHE[key]


def compact_index():
    buckets = {}
    for n in range(CONFIG["index_entries"]):  # expect: GIL001
        h = (n * 2654435761) & 0xFFFF
        buckets[h] = buckets.get(h, 0) + 1  # ok: GIL002
    INDEX["buckets"] = len(buckets)


def emit_stats():
    for metric in ("entries", "buckets"):  # ok: GIL001
        REPORT.append((metric, len(CACHE) if metric == "entries" else INDEX.get("buckets")))


JOB_TABLE = {
    "refresh": refresh_sessions,
    "evict": evict_expired,
    "compact": compact_index,
    "stats": emit_stats,
}


def main():
    timers = [threading.Timer(delay, JOB_TABLE[name]) for name, delay in CONFIG["jobs"]]
    for t in timers:
        t.start()
    for t in timers:
        t.join()
    print("sessions left:", len(CACHE), "index buckets:", INDEX.get("buckets"))
    print("stats report:", REPORT)


if __name__ == "__main__":
    main()
