"""AIS position pipeline: a radio-receiver thread feeds a geofence checker through a queue."""
import math
import queue
import random
import threading
import time


def ring(lat0, lon0, radius, vertices):
    return [(lat0 + radius * math.sin(2 * math.pi * k / vertices),
             lon0 + 1.6 * radius * math.cos(2 * math.pi * k / vertices)) for k in range(vertices)]


# Configuration built before any thread starts and only read afterwards.
CLOSED_AREAS = {f"box-{i}": ring(54.5 + 0.4 * i, 2.6 + 0.6 * i, 0.4, 400) for i in range(8)}
REGISTRY = {f"V{i:03d}": ("trawler" if i % 3 else "longliner") for i in range(40)}

positions = queue.Queue(maxsize=256)
violations = {}
received = 0


def ais_messages(n, seed):
    rng = random.Random(seed)
    for seq in range(n):
        yield f"V{rng.randrange(44):03d}", rng.uniform(54.0, 58.0), rng.uniform(2.0, 8.0), seq


def receiver(n_bursts, burst_size):
    global received
    feed = ais_messages(n_bursts * burst_size, seed=11)
    for _ in range(n_bursts):  # ok: GIL001
        time.sleep(0.004)                # wait for the next radio burst
        for _ in range(burst_size):
            positions.put(next(feed))
            received += 1  # ok: GIL002
    positions.put(None)


def inside(lat, lon, poly):
    hit = False
    j = len(poly) - 1
    for i in range(len(poly)):
        (yi, xi), (yj, xj) = poly[i], poly[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            hit = not hit
        j = i
    return hit


def geofence_checker():
    for vessel, lat, lon, seq in iter(positions.get, None):  # expect: GIL001
        if vessel not in REGISTRY:  # ok: GIL003
            continue
        for area, poly in CLOSED_AREAS.items():
            if inside(lat, lon, poly):
                violations[vessel] = violations.get(vessel, 0) + 1  # ok: GIL002


def progress_report():
    print(f"  [progress] {received} positions received, {len(violations)} vessels flagged")


if __name__ == "__main__":
    t0 = time.perf_counter()
    workers = [threading.Thread(target=receiver, args=(15, 80), name="radio"),
               threading.Thread(target=geofence_checker, name="geofence")]
    ticker = threading.Timer(0.15, progress_report)
    ticker.start()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    ticker.cancel()
    worst = sorted(violations.items(), key=lambda kv: -kv[1])[:5]
    print(f"{received} positions checked in {time.perf_counter() - t0:.2f}s")
    print(f"closed-area violations (top 5): {worst}")
    unregistered = [f"V{i:03d}" for i in range(44) if f"V{i:03d}" not in REGISTRY]
    print(f"unregistered vessels ignored: {unregistered}")
