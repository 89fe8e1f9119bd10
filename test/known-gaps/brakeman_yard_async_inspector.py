"""Async hump-yard inspector.

Cuts of wagons are pushed over the hump; before releasing them the inspector
fetches the yard's retarder settings (a file:// URL published by the yard
office), reads each wagon card from a slow card reader on a worker thread and
simulates the roll-out of every cut on a thread pool.
"""
import asyncio
import functools
import json
import logging
import pathlib
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("brakeman.hump")

PHYSICS = {
    "release_speed": 2.2,
    "track_m": 320.0,
    "gradient": -0.004,
    "rolling_resistance": 0.0018,
    "dt": 0.002,
}


@dataclass
class Cut:
    number: int
    wagons: int
    tonnes: float
    track: str


@dataclass
class Outcome:
    cut: int
    distance_m: float
    speed_ms: float


def read_wagon_card(cut: Cut) -> dict:
    time.sleep(0.002)  # ok: GIL004
    return {"cut": cut.number, "wagons": cut.wagons, "tonnes": cut.tonnes, "track": cut.track}


def simulate_hump(cuts: list, retarder: dict, **physics) -> list:
    g = 9.81
    dt = physics["dt"]
    outcomes = []
    for cut in cuts:  # expect: GIL001
        v, x = physics["release_speed"], 0.0
        squeeze = retarder.get(cut.track, 0.0) * (cut.tonnes / 80.0)
        while x < physics["track_m"] and v > 0.05:
            a = -g * (physics["gradient"] + physics["rolling_resistance"])
            if 40.0 < x < 60.0:
                a -= squeeze
            v += a * dt
            x += v * dt
        outcomes.append(Outcome(cut.number, x, v))
    return outcomes


class HumpInspector:
    def __init__(self, settings_url: str, pool: ThreadPoolExecutor) -> None:
        self.settings_url = settings_url
        self.pool = pool
        self.assigned: dict[str, list] = {}
        self.cards: list = []

    async def fetch_retarders(self) -> dict:
        with urllib.request.urlopen(self.settings_url) as resp:  # expect: GIL004
            return json.load(resp)

    async def read_cards(self, cuts: list) -> None:
        loop = asyncio.get_running_loop()
        cards = await asyncio.gather(*(loop.run_in_executor(None, read_wagon_card, c) for c in cuts))
        for card in cards:
            self.assign(card["track"], card["cut"])
        self.cards.extend(cards)

    def assign(self, track: str, cut: int) -> None:
        if track not in self.assigned:  # ok: GIL003
            self.assigned[track] = []
        self.assigned[track].append(cut)

    async def roll_out(self, cuts: list, retarder: dict) -> list:
        loop = asyncio.get_running_loop()
        halves = [cuts[0::2], cuts[1::2]]
        jobs = [
            loop.run_in_executor(self.pool, functools.partial(simulate_hump, half, retarder, **PHYSICS))
            for half in halves
        ]
        results = await asyncio.gather(*jobs)
        return sorted((o for part in results for o in part), key=lambda o: o.cut)


def publish_settings(directory: str) -> str:
    path = pathlib.Path(directory, "retarders.json")
    path.write_text(json.dumps({"A": 0.05, "B": 0.08, "C": 0.02, "D": 0.11}))
    return path.as_uri()


async def inspect(settings_url: str, cuts: list) -> list:
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="hump") as pool:
        inspector = HumpInspector(settings_url, pool)
        retarder = await inspector.fetch_retarders()
        await inspector.read_cards(cuts)
        outcomes = await inspector.roll_out(cuts, retarder)
    for track, numbers in sorted(inspector.assigned.items()):
        log.info("track %s receives cuts %s", track, numbers)
    return outcomes


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    cuts = [Cut(n, 1 + n % 4, 30.0 + 12.5 * (n % 5), "ABCD"[n % 4]) for n in range(1, 13)]
    with tempfile.TemporaryDirectory(prefix="hump-") as tmp:
        url = publish_settings(tmp)
        started = time.perf_counter()
        outcomes = asyncio.run(inspect(url, cuts))
        elapsed = time.perf_counter() - started
    stalled = [o.cut for o in outcomes if o.distance_m < PHYSICS["track_m"]]
    print(f"{len(outcomes)} cuts rolled out, stalled before clearance: {stalled}")
    print(f"longest roll {max(o.distance_m for o in outcomes):.0f} m; inspected in {elapsed:.2f}s")


if __name__ == "__main__":
    main()
