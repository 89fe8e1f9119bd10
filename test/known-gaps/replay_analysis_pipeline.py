"""Analyse recorded match tracking data: distance covered and sprints per player."""
import functools
import math
import random
import threading
from concurrent.futures import ThreadPoolExecutor

FPS = 25
frames_processed = 0
report = {}
report_lock = threading.Lock()


def synth_track(seed, frames=20000):
    """Fake optical-tracking trace (x, y in metres); built on the main thread."""
    rng = random.Random(seed)
    x, y = 52.5, 34.0
    track = []
    for _ in range(frames):  # ok: GIL001
        x = min(105.0, max(0.0, x + rng.gauss(0, 0.12)))
        y = min(68.0, max(0.0, y + rng.gauss(0, 0.12)))
        track.append((x, y))
    return track


def distance_covered(track):
    total = 0.0
    for (x0, y0), (x1, y1) in zip(track, track[1:]):  # expect: GIL001
        total += math.hypot(x1 - x0, y1 - y0)  # ok: GIL002
    return total


def sprint_frames(track, threshold=7.0):
    speeds = [math.hypot(b[0] - a[0], b[1] - a[1]) * FPS for a, b in zip(track, track[1:])]  # expect: GIL001
    return len([s for s in speeds if s > threshold])  # expect: GIL001


def analyse(player, track, half):
    global frames_processed
    dist = distance_covered(track)
    sprints = sprint_frames(track)
    frames_processed += len(track)  # expect: GIL002
    with report_lock:
        entry = report.setdefault(player, {"km": 0.0, "sprint_s": 0.0, "halves": []})
        entry["km"] += dist / 1000  # ok: GIL002
        entry["sprint_s"] += sprints / FPS
        entry["halves"].append(half)
    return player, half


def main():
    squad = ["Keeper", "LeftBack", "Pivot", "Winger", "Striker"]
    jobs = []
    for i, player in enumerate(squad):
        for half in (1, 2):
            jobs.append(functools.partial(analyse, player, synth_track(i * 10 + half), half))
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(job) for job in jobs]
        done = [f.result() for f in futures]
    print(f"analysed {len(done)} player-halves, {frames_processed} frames")
    for player in squad:
        e = report[player]
        print(f"{player:<9} {e['km']:6.2f} km  sprinting {e['sprint_s']:5.1f}s  halves={sorted(e['halves'])}")


if __name__ == "__main__":
    main()
