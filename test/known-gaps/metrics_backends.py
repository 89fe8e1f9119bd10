# Models a metrics exporter that picks aggregation backends by name and runs them on threads or worker processes.
import math
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

exported = {"series": 0, "points": 0}
export_lock = threading.Lock()


def p95_backend(samples):
    ordered = sorted(samples)
    return ordered[len(ordered) * 95 // 100]


def ewma_backend(samples, alpha=0.05):
    level = samples[0]
    for value in samples:  # expect: GIL001
        level = alpha * value + (1 - alpha) * level
    return round(level, 3)


def spectrum_backend(samples):
    n = len(samples)
    peak, peak_bin = 0.0, 0
    for k in range(1, n // 2):  # ok: GIL001
        re = im = 0.0
        for t, x in enumerate(samples):
            angle = 2 * math.pi * k * t / n
            re += x * math.cos(angle)
            im -= x * math.sin(angle)
        power = re * re + im * im
        if power > peak:
            peak, peak_bin = power, k
    return peak_bin


THREAD_BACKENDS = {"p95": p95_backend, "ewma": ewma_backend}
PROCESS_BACKENDS = {"spectrum": spectrum_backend}


def export_series(name, samples):
    value = THREAD_BACKENDS[name](samples)
    exported["series"] += 1  # expect: GIL002
    with export_lock:
        exported["points"] += len(samples)  # ok: GIL002
    return name, value


def synthesize(n):
    return [50 + 20 * math.sin(i / 7.0) + (i * 7919 % 13) for i in range(n)]  # ok: GIL001


def main():
    long_series = synthesize(300_000)
    short_series = long_series[:400]
    with ThreadPoolExecutor(max_workers=2) as threads, ProcessPoolExecutor(max_workers=1) as procs:
        spectral = procs.submit(PROCESS_BACKENDS["spectrum"], short_series)
        results = list(threads.map(export_series, ["p95", "ewma", "p95"], [long_series] * 3))
        peak = spectral.result()
    print("thread backends:", results)
    print("spectrum peak bin:", peak)
    print("exported:", exported)


if __name__ == "__main__":
    main()
