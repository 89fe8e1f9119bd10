"""Steeplejack weather desk: decide which sites are safe to climb this morning.

An asyncio service polls the anemometer loggers on each job site (the logger dumps are
files on the van's laptop), smooths the gusts and posts a go / no-go for each crew.  A
plain thread drives the yard siren.
"""
import asyncio
import json
import os
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass, field

GUST_LIMIT_MPH = 38.0
SETTLE_S = 0.02

reads_lock = threading.Lock()
logger_reads = {"count": 0}


@dataclass
class Site:
    name: str
    height_m: float
    logger_path: str
    readings: list = field(default_factory=list)


def write_logger_dump(directory, name, base):
    path = os.path.join(directory, f"{name}.json")
    gusts = [base + ((i * 7) % 11) * 0.9 for i in range(24)]
    with open(path, "w") as fh:
        json.dump({"site": name, "gusts_mph": gusts}, fh)
    return path


def read_logger(path):
    """Read one anemometer logger over its serial bridge (slow, blocking)."""
    time.sleep(SETTLE_S)  # the serial bridge needs time to settle  # expect: GIL004 -- reached from a coroutine through a sync helper
    with open(path) as fh:
        data = json.load(fh)
    with reads_lock:
        logger_reads["count"] += 1  # ok: GIL002 — executor threads update it under reads_lock
    return data["gusts_mph"]


def smooth(gusts, window=4):
    out = []
    for i in range(len(gusts) - window + 1):  # ok: GIL001 — runs on the event loop, 24 samples
        out.append(sum(gusts[i:i + window]) / window)
    return out


async def poll_site_inline(site):
    """Old code path kept for the roof-top logger: reads it right on the loop."""
    gusts = read_logger(site.logger_path)  # (the blocking call is labelled in the helper) — sync helper sleeps on the event loop
    site.readings.extend(gusts)
    return max(smooth(gusts))


async def poll_site(site, loop):
    gusts = await loop.run_in_executor(None, read_logger, site.logger_path)  # ok: GIL004 — the helper runs in the default executor
    site.readings.extend(gusts)
    return max(smooth(gusts))


async def wait_for_lull(seconds):
    await asyncio.sleep(seconds)  # ok: GIL004 — asyncio.sleep yields to the loop


async def recheck_after_settle(site):
    time.sleep(SETTLE_S)  # expect: GIL004 — time.sleep inside async def blocks every other poll
    return statistics.median(site.readings[-8:])


class Siren(threading.Thread):
    """Sounds the yard siren in bursts when a site is stood down."""

    def __init__(self):
        super().__init__(name="siren", daemon=True)
        self.requests = []
        self.cv = threading.Condition()
        self.sounded = 0
        self.stopping = False

    def sound(self, site_name):
        with self.cv:
            self.requests.append(site_name)
            self.cv.notify()

    def stop(self):
        with self.cv:
            self.stopping = True
            self.cv.notify()

    def run(self):
        while True:
            with self.cv:
                while not self.requests and not self.stopping:
                    self.cv.wait()
                if not self.requests:
                    return
                site_name = self.requests.pop(0)
            for _ in range(2):
                time.sleep(0.005)  # ok: GIL004 — a plain thread, not a coroutine
            self.sounded += 1  # ok: GIL002 — only the siren thread writes it; main reads it after join()


async def morning_briefing(sites):
    loop = asyncio.get_running_loop()
    siren = Siren()
    siren.start()
    verdicts = {}
    roof, *others = sites
    verdicts[roof.name] = await poll_site_inline(roof)
    peaks = await asyncio.gather(*(poll_site(site, loop) for site in others))
    for site, peak in zip(others, peaks):
        verdicts[site.name] = peak
    await wait_for_lull(0.01)
    for site in sites:
        if verdicts[site.name] > GUST_LIMIT_MPH - 5:
            verdicts[site.name] = await recheck_after_settle(site)
    await asyncio.to_thread(time.sleep, 0.005)  # ok: GIL004 — time.sleep is passed to a worker thread, not called here
    for site in sites:
        if verdicts[site.name] > GUST_LIMIT_MPH:
            siren.sound(site.name)
    siren.stop()
    await asyncio.to_thread(siren.join)
    return verdicts, siren.sounded


def main():
    with tempfile.TemporaryDirectory(prefix="anemometer-") as tmp:
        specs = [("Town Hall", 52.0, 33.0), ("St Mary's", 61.0, 29.0),
                 ("Mill No. 3", 70.0, 36.5), ("Gasworks", 45.0, 22.0)]
        sites = [Site(name, h, write_logger_dump(tmp, name.replace(" ", "_"), base))
                 for name, h, base in specs]
        started = time.perf_counter()
        verdicts, sounded = asyncio.run(morning_briefing(sites))
        elapsed = time.perf_counter() - started
    for name, gust in verdicts.items():
        call = "STAND DOWN" if gust > GUST_LIMIT_MPH else "go"
        print(f"{name:<11} smoothed gust {gust:5.1f} mph -> {call}")
    print(f"logger reads: {logger_reads['count']}; siren bursts: {sounded}")
    print(f"briefing took {elapsed:.2f}s")


if __name__ == "__main__":
    main()
