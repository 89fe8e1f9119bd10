"""Severe-weather alert service for a regional station network.

The service polls the latest observation each station wrote to the shared
mount, raises heat alerts, decorates each alert with a radar tile and, once a
polling round is complete, refreshes the interpolated heat-index grid that the
public map is drawn from.
"""
from __future__ import annotations

import asyncio
import json
import logging
import math
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("wx.alerts")

GRID_SHAPE = {"rows": 150, "cols": 150}
HEAT_ALERT_C = 32.0

grid_lock = threading.Lock()
heat_index_grid: list[list[float]] = []


@dataclass
class StationFeed:
    station_id: str
    path: str
    row: float
    col: float
    observations: list[dict] = field(default_factory=list)

    @property
    def latest(self) -> dict | None:
        return self.observations[-1] if self.observations else None


def read_cached_observation(path: str, *, nfs_latency: float = 0.003) -> dict:
    """Read the last observation a station logger wrote to the NFS mount."""
    time.sleep(nfs_latency)  # expect: GIL004
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def fetch_radar_tile(station_id: str, zoom: int = 6) -> bytes:
    """Blocking client for the radar tile service (stubbed with its latency)."""
    time.sleep(0.015)  # ok: GIL004
    return f"{station_id}:{zoom}".encode() * 64


def heat_index(temp_c: float, humidity: float) -> float:
    """Rothfusz regression, in Celsius."""
    t = temp_c * 9 / 5 + 32
    hi = (-42.379 + 2.04901523 * t + 10.14333127 * humidity - 0.22475541 * t * humidity
          - 6.83783e-3 * t * t - 5.481717e-2 * humidity * humidity
          + 1.22874e-3 * t * t * humidity + 8.5282e-4 * t * humidity * humidity
          - 1.99e-6 * t * t * humidity * humidity)
    return (hi - 32) * 5 / 9


def recompute_heat_index_grid(samples: list[tuple[float, float, float, float]], rows: int, cols: int) -> None:
    """Inverse-distance interpolation of station heat indices onto the map grid."""
    if not grid_lock.acquire(timeout=1.0):  # ok: GIL005
        log.warning("grid refresh skipped: previous refresh still running")
        return
    try:
        fresh = []
        for r in range(rows):  # expect: GIL001
            line = []
            for c in range(cols):
                num = den = 0.0
                for s_row, s_col, temp, rh in samples:
                    w = 1.0 / (math.hypot(r - s_row, c - s_col) + 0.5) ** 2
                    num += w * heat_index(temp, rh)
                    den += w
                line.append(num / den)
            fresh.append(line)
        heat_index_grid[:] = fresh
    finally:
        grid_lock.release()


class AlertService:
    def __init__(self, feeds: list[StationFeed], *, rounds: int = 4, poll_interval: float = 0.01) -> None:
        self.feeds = feeds
        self.rounds = rounds
        self.poll_interval = poll_interval
        self.alerts: list[dict] = []
        self._refresh: threading.Timer | None = None

    def _evaluate(self, feed: StationFeed, obs: dict) -> None:
        feed.observations.append(obs)
        hi = heat_index(obs["temp_c"], obs["rh"])
        if hi >= HEAT_ALERT_C and not any(a["station"] == feed.station_id for a in self.alerts):
            self.alerts.append({"station": feed.station_id, "heat_index": round(hi, 1)})

    async def poll_station(self, feed: StationFeed) -> None:
        for _ in range(self.rounds):
            obs = read_cached_observation(feed.path)
            self._evaluate(feed, obs)
            await asyncio.sleep(self.poll_interval)  # ok: GIL004

    async def attach_radar(self, alert: dict) -> None:
        tile = await asyncio.to_thread(fetch_radar_tile, alert["station"])
        alert["radar_bytes"] = len(tile)

    def schedule_grid_refresh(self, delay: float = 0.0) -> threading.Timer:
        samples = [(f.row, f.col, f.latest["temp_c"], f.latest["rh"]) for f in self.feeds if f.latest]
        self._refresh = threading.Timer(delay, recompute_heat_index_grid, args=(samples,), kwargs=GRID_SHAPE)
        self._refresh.daemon = True
        self._refresh.start()
        return self._refresh

    async def run(self) -> list[dict]:
        await asyncio.gather(*(self.poll_station(f) for f in self.feeds))
        refresh = self.schedule_grid_refresh()
        await asyncio.gather(*(self.attach_radar(a) for a in self.alerts))
        await asyncio.to_thread(refresh.join)
        return self.alerts


def write_fixture_feeds(directory: str) -> list[StationFeed]:
    feeds = []
    for n in range(6):
        path = os.path.join(directory, f"station_{n}.json")
        with open(path, "w", encoding="utf-8") as fh:
            json.dump({"temp_c": 27.0 + 1.6 * n, "rh": 55.0 + 4 * n, "ts": 1_700_000_000 + n}, fh)
        feeds.append(StationFeed(f"WX{n:02d}", path, row=20.0 + 21 * n, col=140.0 - 23 * n))
    return feeds


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    with tempfile.TemporaryDirectory(prefix="wx-alerts-") as tmp:
        service = AlertService(write_fixture_feeds(tmp))
        started = time.perf_counter()
        alerts = asyncio.run(service.run())
        print(f"{len(alerts)} heat alerts in {time.perf_counter() - started:.2f}s")
        for alert in alerts:
            print("  ", alert)
        flat = [v for row in heat_index_grid for v in row]
        print(f"grid {len(heat_index_grid)}x{len(heat_index_grid[0])}: "
              f"min {min(flat):.1f} C, max {max(flat):.1f} C")
