"""Bootstrap 95% confidence intervals for the mean latency of several services, resampled in a thread pool."""
import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

RESAMPLES = 400
SAMPLE_SIZE = 2_000
PROFILES = {"auth": (2.8, 0.4), "search": (3.4, 0.7), "checkout": (3.9, 0.5), "media": (4.2, 0.9)}

LATENCIES = {}


def samples_for(service):
    if service not in LATENCIES:  # expect: GIL003
        mu, sigma = PROFILES[service]
        rng = random.Random(service)
        LATENCIES[service] = [rng.lognormvariate(mu, sigma) for _ in range(SAMPLE_SIZE)]  # ok: GIL001
    return LATENCIES[service]


def bootstrap_ci(service, seed, level=0.95):
    data = samples_for(service)
    rng = random.Random(seed)
    means = [statistics.fmean(rng.choices(data, k=len(data))) for _ in range(RESAMPLES)]  # expect: GIL001
    means.sort()
    lo = means[int((1 - level) / 2 * RESAMPLES)]
    hi = means[int((1 + level) / 2 * RESAMPLES) - 1]
    return service, seed, statistics.fmean(data), lo, hi


if __name__ == "__main__":
    jobs = [("search", 1), ("search", 2), ("auth", 1), ("checkout", 1), ("media", 1), ("auth", 2)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=3) as pool:
        rows = list(pool.map(lambda job: bootstrap_ci(*job), jobs))
    for service, seed, mean, lo, hi in rows:
        print(f"{service:>9} seed {seed}: mean {mean:7.2f} ms, 95% CI [{lo:7.2f}, {hi:7.2f}]")
    print(f"{len(jobs) * RESAMPLES} resamples in {time.perf_counter() - started:.2f}s")
