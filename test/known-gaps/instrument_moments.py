"""Instrument readings: three analysis threads over the same 300,000 values, in C builtins or in bytecode."""
import math
import random
import threading
import time
from functools import partial

N_READINGS = 300_000
CENTER, SPREAD = 20.0, 3.5

RESULTS = {}
results_lock = threading.Lock()
processed = 0


def make_export(n, seed):
    rng = random.Random(seed)
    return "\n".join(f"{rng.gauss(CENTER, SPREAD):.4f}" for _ in range(n))


def parse(text):
    return list(map(float, text.split()))  # ok: GIL001


def summary_c(name, text):
    values = parse(text)
    ordered = sorted(values)  # ok: GIL001
    total = math.fsum(values)  # ok: GIL001
    with results_lock:
        RESULTS[name] = {"mean": total / len(values), "median": ordered[len(ordered) // 2],
                         "p99": ordered[int(len(ordered) * 0.99)]}


def summary_moments(name, text):
    global processed
    values = parse(text)
    mean = sum(values) / len(values)  # ok: GIL001
    m2 = m3 = m4 = 0.0
    for v in values:  # expect: GIL001
        d = v - mean
        d2 = d * d
        m2 += d2  # ok: GIL002
        m3 += d2 * d
        m4 += d2 * d2
    n = len(values)
    with results_lock:
        RESULTS[name] = {"sd": math.sqrt(m2 / n), "skew": (m3 / n) / (m2 / n) ** 1.5,
                         "kurtosis": (m4 / n) / (m2 / n) ** 2}
    processed += n  # expect: GIL002


def outliers(name, text, center, spread):
    global processed
    values = parse(text)
    flagged = [i for i, v in enumerate(values) if abs(v - center) > 4 * spread]  # expect: GIL001
    with results_lock:
        RESULTS[name] = {"outliers": len(flagged), "first": flagged[:3]}
    processed += len(values)  # expect: GIL002


if __name__ == "__main__":
    text = make_export(N_READINGS, 17)
    jobs = [partial(summary_c, "order", text), partial(summary_moments, "moments", text),
            partial(outliers, "outliers", text, CENTER, SPREAD)]
    threads = [threading.Thread(target=job) for job in jobs]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"analysed {processed} readings in {time.perf_counter() - started:.2f}s")
    for name, summary in RESULTS.items():
        print(f"  {name}: " + ", ".join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}"
                                        for k, v in summary.items()))
