"""Precompute small lookup tables in background threads while the main thread loads settings."""
import math
import threading
import time

tables = {}


def gaussian_kernel(radius, sigma):
    span = range(-radius, radius + 1)
    raw = [[math.exp(-(x * x + y * y) / (2 * sigma * sigma)) for x in span] for y in span]  # ok: GIL001
    total = sum(map(sum, raw))
    tables["gauss"] = [[v / total for v in row] for row in raw]  # ok: GIL002


def popcount_table(bits):
    tables["popcount"] = [bin(i).count("1") for i in range(1 << bits)]  # ok: GIL001


def small_primes(limit):
    found = []
    for n in range(2, limit):  # ok: GIL001
        if all(n % p for p in found if p * p <= n):
            found.append(n)
    tables["primes"] = found


def watch_settings(stop, interval):
    checks = 0
    while not stop.wait(interval):  # ok: GIL001
        checks += 1  # ok: GIL002
    tables["settings_checks"] = checks


stop = threading.Event()
workers = [
    threading.Thread(target=gaussian_kernel, args=(2, 1.0)),
    threading.Thread(target=small_primes, args=(200,)),
    threading.Thread(target=watch_settings, args=(stop, 0.01), daemon=True),
]
timer = threading.Timer(0.02, popcount_table, args=(8,))
for w in workers:
    w.start()
timer.start()
settings = dict(line.split("=", 1) for line in ("theme=dark", "kernel_radius=2"))
time.sleep(0.05)
stop.set()
for w in workers + [timer]:
    w.join()
print(f"settings: {settings}; tables: {sorted(tables)}; {len(tables['primes'])} primes below 200")
