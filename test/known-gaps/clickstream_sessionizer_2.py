#!/usr/bin/env python3
"""Sessionize click events per user shard and load session rows into an in-memory sqlite DB."""
import random
import sqlite3
import threading

GAP = 1800
CUTOFF = 1_700_050_000


def make_shards(n_shards=4, users_per_shard=40, events_per_user=60, seed=9):
    rng = random.Random(seed)
    shards = []
    for s in range(n_shards):
        events = []
        for u in range(users_per_shard):
            ts = 1_700_000_000 + rng.randint(0, 40_000)
            for _ in range(events_per_user):
                ts += rng.choice([5, 30, 120, 600, 2400, 7200])
                events.append((f"s{s}u{u:03d}", ts))
        shards.append(events)  # already ordered by (user, ts)
    return shards


def run_job(shards):
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.execute("CREATE TABLE sessions (user TEXT, session INT, started INT, clicks INT)")
    lock = threading.Lock()
    sessions_total = 0
    late_events = 0

    def sessionize(events):
        nonlocal sessions_total, late_events
        rows, prev_user, prev_ts, sid = [], None, 0, 0
        for user, ts in events:  # expect: GIL001
            if ts > CUTOFF:
                late_events += 1  # expect: GIL002
            if user != prev_user or ts - prev_ts > GAP:
                sid += 1  # ok: GIL002
                rows.append([user, sid, ts, 0])
            rows[-1][3] += 1  # ok: GIL002
            prev_user, prev_ts = user, ts
        with lock:
            conn.executemany("INSERT INTO sessions VALUES (?, ?, ?, ?)", rows)
            sessions_total += len(rows)  # ok: GIL002

    threads = [threading.Thread(target=lambda ev=ev: sessionize(ev), name=f"shard-{i}")
               for i, ev in enumerate(shards)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    avg_clicks, longest = conn.execute("SELECT AVG(clicks), MAX(clicks) FROM sessions").fetchone()
    conn.close()
    return sessions_total, late_events, avg_clicks, longest


def main():
    shards = make_shards()
    sessions, late, avg_clicks, longest = run_job(shards)
    total = sum(len(s) for s in shards)
    print(f"events={total} sessions={sessions} late={late} "
          f"avg_clicks={avg_clicks:.2f} longest_session={longest}")


if __name__ == "__main__":
    main()
