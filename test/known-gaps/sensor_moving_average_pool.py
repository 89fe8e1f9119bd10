"""Nightly summary of vibration sensors: moving averages and dropout accounting.

Each channel's recording is summarised on a thread pool (simple and
exponential moving averages over a generator pipeline, with dropout counts
per failure kind).  The expensive despiking median filter runs on a process
pool.  The report lists channels whose SMA drifted past the alarm level.
"""
import functools
import itertools
import logging
import math
import random
import statistics
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("vibration")

SETTINGS = {"window": 25, "oversample": 7, "alpha": 0.05, "alarm_g": 1.35, "clip_g": 50.0, "samples": 40_000}
dropouts = {}


@dataclass
class ChannelSummary:
    channel: str
    sma_peak: float
    ema_last: float
    valid: int
    seconds: float = 0.0

    @property
    def alarm(self):
        return self.sma_peak > SETTINGS["alarm_g"]


def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        summary = fn(*args, **kwargs)
        summary.seconds = time.perf_counter() - t0
        return summary
    return wrapper


def cleaned(samples):
    """Drop invalid readings, counting them by kind."""
    for value in samples:
        if value is None:
            dropouts["missing"] = dropouts.get("missing", 0) + 1  # expect: GIL002
            continue
        if math.isnan(value) or abs(value) > SETTINGS["clip_g"]:
            dropouts["invalid"] = dropouts.get("invalid", 0) + 1  # expect: GIL002
            continue
        yield abs(value)


def rolling_mean(values, window):
    buf, total = deque(), 0.0
    for v in values:
        buf.append(v)
        total += v
        if len(buf) > window:
            total -= buf.popleft()
        yield total / len(buf)


def ema(values, alpha):
    avg = None
    for v in values:
        avg = v if avg is None else avg + alpha * (v - avg)
        yield avg


@timed
def summarize_channel(channel, samples, *, window, alpha):
    peak, last_ema, valid = 0.0, 0.0, 0
    for_sma, for_ema = itertools.tee(cleaned(samples))
    pairs = zip(rolling_mean(for_sma, window), ema(for_ema, alpha))
    for valid, (sma, smoothed) in enumerate(pairs, 1):  # expect: GIL001
        if sma > peak:
            peak = sma
        last_ema = smoothed
    return ChannelSummary(channel, peak, last_ema, valid)


def despike(samples, k=9):
    """Running median of k; pure Python, heavy, so it goes to processes."""
    out, half = [], k // 2
    clean = [s for s in samples if s is not None and not math.isnan(s)]
    for i in range(half, len(clean) - half):  # ok: GIL001
        out.append(statistics.median(clean[i - half:i + half + 1]))
    return len(out), max(out)


def record(channel_seed, n):
    rng = random.Random(channel_seed)
    base = 0.8 + 0.1 * channel_seed
    data = []
    for i in range(n):
        r = rng.random()
        if r < 0.002:
            data.append(None)
        elif r < 0.003:
            data.append(float("nan"))
        else:
            data.append(base + 0.3 * math.sin(i / 50) + rng.gauss(0, 0.2))
    return data


def main():
    SETTINGS["window"] += SETTINGS["oversample"]  # ok: GIL002
    recordings = {f"bearing-{i}": record(i, SETTINGS["samples"]) for i in range(6)}
    task = functools.partial(summarize_channel, window=SETTINGS["window"], alpha=SETTINGS["alpha"])

    started = time.perf_counter()
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="sma")
    summaries = list(pool.map(task, recordings.keys(), recordings.values()))
    pool.shutdown()
    t_threads = time.perf_counter() - started

    with ProcessPoolExecutor(max_workers=2) as procs:
        worst = ("bearing-0", "bearing-5")
        spikes = dict(zip(worst, procs.map(despike, [recordings[name] for name in worst])))
    t_total = time.perf_counter() - started
    return summaries, spikes, t_threads, t_total


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    summaries, spikes, t_threads, t_total = main()
    for s in summaries:
        log.info("%-10s peak SMA %.3f g, EMA %.3f g, %d valid%s (%.0f ms)", s.channel, s.sma_peak,
                 s.ema_last, s.valid, "  ALARM" if s.alarm else "", s.seconds * 1000)
    log.info("dropouts %s; despiked %s; threads %.2f s, total %.2f s", dropouts, spikes, t_threads, t_total)
