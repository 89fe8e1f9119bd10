"""Heartbeat monitor for cluster nodes, written against the low-level _thread API."""
import _thread
import threading
import time

NODES = ("db-1", "db-2", "cache-1", "queue-1")
BEATS = 8
PERIOD = 0.01
STALE_AFTER = 0.5

state_lock = _thread.allocate_lock()
beats = {name: 0 for name in NODES}
last_seen = {}
finished = []
all_done = threading.Event()


def node_agent(name, period):
    for _ in range(BEATS):
        time.sleep(period)
        now = time.monotonic()
        state_lock.acquire()  # ok: GIL005
        beats[name] += 1  # ok: GIL002
        last_seen[name] = now
        state_lock.release()
    with state_lock:
        finished.append(name)
        if len(finished) == len(NODES):  # ok: GIL003
            all_done.set()


def main():
    started = time.monotonic()
    for i, name in enumerate(NODES):
        _thread.start_new_thread(node_agent, (name, PERIOD * (1 + i % 2)))
    if not all_done.wait(timeout=5):
        print("timed out waiting for agents")
    with state_lock:
        snapshot = dict(beats)
        seen = dict(last_seen)
    now = time.monotonic()
    for name in NODES:
        age = now - seen.get(name, started)
        state = "stale" if age > STALE_AFTER else "alive"
        print(f"{name:<8} beats={snapshot[name]} last={age * 1000:.0f} ms ago [{state}]")
    print(f"total beats = {sum(snapshot.values())} (expected {len(NODES) * BEATS})")


if __name__ == "__main__":
    main()
