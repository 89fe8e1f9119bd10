"""Lattice random walkers with a small drift; estimates the diffusion coefficient."""
import functools
import math
import random
import threading

N_WALKERS = 16
STEPS = 5000
DRIFT = 0.002

histogram = {}  # radial shell -> number of walkers ending there
walkers_done = 0
msd_lock = threading.Lock()
msd_total = 0.0
final_positions = [None] * N_WALKERS
all_done = threading.Event()


def walk(idx, steps, drift, seed):
    global walkers_done, msd_total
    rng = random.Random(seed)
    x = y = 0
    for _ in range(steps):  # expect: GIL001
        r = rng.random()
        if r < 0.25 + drift:
            x += 1
        elif r < 0.5:
            x -= 1
        elif r < 0.75:
            y += 1
        else:
            y -= 1
    final_positions[idx] = (x, y)
    shell = int(math.hypot(x, y) // 25)
    histogram[shell] = histogram.get(shell, 0) + 1  # expect: GIL002
    with msd_lock:
        msd_total += x * x + y * y  # ok: GIL002
    walkers_done += 1  # expect: GIL002


def progress_monitor(total):
    while not all_done.wait(0.05):  # ok: GIL001
        print(f"  ... {walkers_done}/{total} walkers finished")


def main():
    monitor = threading.Thread(target=progress_monitor, args=(N_WALKERS,), daemon=True)
    monitor.start()
    threads = []
    for i in range(N_WALKERS):
        target = functools.partial(walk, i, STEPS, DRIFT)
        t = threading.Thread(target=target, kwargs={"seed": 1000 + i}, name=f"walker-{i}")
        threads.append(t)
        t.start()
    for t in threads:
        t.join()
    all_done.set()
    monitor.join()

    msd = msd_total / N_WALKERS
    mean_x = sum(p[0] for p in final_positions) / N_WALKERS
    print(f"walkers={N_WALKERS} steps={STEPS} finished={walkers_done}")
    print(f"<r^2>={msd:.1f}  D~{msd / (4 * STEPS):.3f}  mean drift x={mean_x:.1f}")
    for shell in sorted(histogram):
        print(f"  r in [{shell * 25:3d},{shell * 25 + 25:3d}): {'#' * histogram[shell]}")


if __name__ == "__main__":
    main()
