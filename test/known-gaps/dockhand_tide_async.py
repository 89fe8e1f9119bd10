"""Tide watch of a cargo dock.

An asyncio loop reads the tide gauges (a property that polls the gauge's serial
line), feeds the readings through an asyncio.Queue to the alert checker, and posts
harbor-master notices.  The four-week tide tables for every berth are computed from
harmonic constituents in worker processes; the berth plan is loaded in a thread.
"""
import asyncio
import math
import mimetypes
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from urllib.request import build_opener, install_opener, urlopen

BERTHS = {
    "north-quay": {"datum": 2.1, "constituents": [(1.20, 12.42, 0.3), (0.45, 12.00, 1.1),
                                                   (0.25, 12.66, 2.0), (0.15, 23.93, 0.7),
                                                   (0.12, 25.82, 1.4), (0.05, 6.21, 0.2)]},
    "south-quay": {"datum": 1.8, "constituents": [(1.05, 12.42, 0.5), (0.40, 12.00, 1.3),
                                                   (0.22, 12.66, 2.2), (0.18, 23.93, 0.9),
                                                   (0.10, 25.82, 1.6), (0.06, 6.21, 0.4)]},
}
WATCH = {"days": 28, "step_min": 1, "readings": 6, "poll_s": 0.004, "surge_m": 3.2}

TABLES_BUILT = 0
ALERTS = {}


def alert(name):
    def deco(fn):
        ALERTS[name] = fn
        return fn
    return deco


@alert("surge")
def surge(reading, limits):
    return reading["level"] > limits["surge_m"]


@alert("low_water")
def low_water(reading, limits):
    return reading["level"] < 0.6


def tide_table(berth, cfg, days, step_min):
    """High and low waters over the period; runs in a worker process."""
    global TABLES_BUILT
    highs, lows = [], []
    prev2 = prev = None
    for minute in range(0, days * 24 * 60, step_min):  # ok: GIL001 -- runs in ProcessPoolExecutor worker processes
        hours = minute / 60.0
        level = cfg["datum"] + sum(a * math.cos(2 * math.pi * hours / p + ph)
                                   for a, p, ph in cfg["constituents"])
        if prev2 is not None and prev2 < prev > level:
            highs.append((minute, round(prev, 2)))
        if prev2 is not None and prev2 > prev < level:
            lows.append((minute, round(prev, 2)))
        prev2, prev = prev, level
    TABLES_BUILT += 1  # ok: GIL002 -- each worker process has its own copy of the global; no threads share it
    return berth, highs, lows


class TideGauge:
    def __init__(self, berth, cfg, poll_s):
        self.berth, self.cfg, self.poll_s = berth, cfg, poll_s
        self.ticks = 0

    def _read_raw(self):
        time.sleep(self.poll_s)  # expect: GIL004 -- the level property is read by the watch_gauge coroutine on the loop thread
        self.ticks += 1
        return self.ticks

    @property
    def level(self):
        t = self._read_raw()
        return round(self.cfg["datum"] + 1.3 * math.sin(t / 2.0), 2)


class RadarGauge(TideGauge):
    """A radar gauge pushes readings into a buffer; reading it does not wait."""

    def _read_raw(self):
        self.ticks += 1  # ok: GIL002 -- gauges are only read by coroutines on the loop thread
        return self.ticks + 0.5


GAUGE_TYPES = {"north-quay": TideGauge, "south-quay": RadarGauge}


def fetch_notice(url):
    with urlopen(url) as resp:  # expect: GIL004 -- called directly from the post_notices coroutine, blocking the loop
        return resp.read().decode()


def load_berth_plan(url):
    with urlopen(url) as resp:  # ok: GIL004 -- only run through asyncio.to_thread
        return [line.split(":") for line in resp.read().decode().splitlines()]


async def watch_gauge(gauge, readings, out):
    for _ in range(readings):
        await out.put({"berth": gauge.berth, "level": gauge.level})
        await asyncio.sleep(0)  # ok: GIL004 -- awaited asyncio.sleep


async def check_alerts(inbox, limits, expected):
    raised = []
    for _ in range(expected):
        reading = await inbox.get()
        raised += [(name, reading["berth"]) for name, test in ALERTS.items() if test(reading, limits)]
    return raised


async def post_notices(urls):
    return [fetch_notice(u) for u in urls]


async def main(tmp):
    start = time.perf_counter()
    paths = {}
    for name, text in {"notice1": "Dredging at north quay 06:00-09:00",
                       "notice2": "Pilot boarding moved to buoy 4",
                       "plan": "north-quay:Maren\nsouth-quay:Kestrel"}.items():
        paths[name] = os.path.join(tmp, name + ".txt")
        with open(paths[name], "w") as f:
            f.write(text)
    loop = asyncio.get_running_loop()
    gauges = [GAUGE_TYPES[b](b, cfg, WATCH["poll_s"]) for b, cfg in BERTHS.items()]
    inbox = asyncio.Queue()
    with ProcessPoolExecutor(max_workers=2) as pool:
        tables = [loop.run_in_executor(pool, tide_table, b, cfg, WATCH["days"], WATCH["step_min"])
                  for b, cfg in BERTHS.items()]
        plan = asyncio.to_thread(load_berth_plan, "file://" + paths["plan"])
        watchers = [watch_gauge(g, WATCH["readings"], inbox) for g in gauges]
        checker = check_alerts(inbox, WATCH, WATCH["readings"] * len(gauges))
        notices = post_notices(["file://" + paths["notice1"], "file://" + paths["notice2"]])
        results = await asyncio.gather(plan, checker, notices, *tables, *watchers)
    berth_plan, raised, posted = results[0], results[1], results[2]
    for berth, highs, lows in results[3:3 + len(BERTHS)]:
        print(f"{berth}: {len(highs)} high waters (first {highs[0]}), {len(lows)} low waters")
    print("berth plan:", berth_plan)
    print("alerts:", sorted(set(raised)))
    print("notices:", posted)
    print(f"tide watch took {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    mimetypes.init()  # file: URLs are typed from the MIME table; load it once
    install_opener(build_opener())  # one shared opener (and TLS context) for every fetch
    with tempfile.TemporaryDirectory() as tmpdir:
        asyncio.run(main(tmpdir))
