"""Hive scale collector: reads the weight logs of the apiary's hive scales and books
the honey flow into the harvest ledger.

The scale gateways expose their logs as URLs (file:// URLs on the local spool here).
Collection is asyncio; the ledger is a plain locked structure updated from worker threads.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("beekeeper.scales")

COLLECTOR = {"flow_alert_kg": 1.5, "direct_gateways": {"gw-old"}, "readings": 24}


@dataclass(frozen=True)
class Scale:
    hive: str
    gateway: str
    uri: str


def fetch_scale_log(uri: str) -> list[dict]:
    rows = []
    with urllib.request.urlopen(uri, timeout=2) as resp:  # ok: GIL004
        for raw in resp:  # ok: GIL001
            raw = raw.strip()
            if raw:
                rows.append(json.loads(raw))
    return rows


class HarvestLedger:
    def __init__(self):
        self._ledger_lock = threading.Lock()
        self._entries: list[dict] = []
        self.total_kg = 0.0

    def book_harvest(self, hive: str, kg: float) -> dict:
        self._ledger_lock.acquire()  # expect: GIL005
        for entry in self._entries:
            if entry["hive"] == hive:
                entry["kg"] += kg  # ok: GIL002
                return entry
        entry = {"hive": hive, "kg": kg}
        self._entries.append(entry)
        self._ledger_lock.release()
        self.total_kg += kg  # expect: GIL002
        return entry

    def snapshot(self) -> list[dict]:
        with self._ledger_lock:
            return [dict(e) for e in self._entries]


class ScaleCollector:
    def __init__(self, scales: list[Scale], ledger: HarvestLedger, config: dict):
        self.scales = scales
        self.ledger = ledger
        self.config = config
        self.alerts: dict[str, float] = {}
        self.read_count = 0

    async def read_log(self, scale: Scale) -> list[dict]:
        if scale.gateway in self.config["direct_gateways"]:
            with urllib.request.urlopen(scale.uri, timeout=2) as resp:  # expect: GIL004
                return [json.loads(line) for line in resp.read().splitlines() if line.strip()]
        return await asyncio.to_thread(fetch_scale_log, scale.uri)

    async def collect(self, scale: Scale) -> float:
        rows = await self.read_log(scale)
        self.read_count += 1  # ok: GIL002
        gain = round(rows[-1]["kg"] - rows[0]["kg"], 2)
        if gain > self.config["flow_alert_kg"] and scale.hive not in self.alerts:  # ok: GIL003
            self.alerts[scale.hive] = gain
            await asyncio.sleep(0.001)  # let the alert go out before booking
        if gain > 0:
            await asyncio.to_thread(self.ledger.book_harvest, scale.hive, gain)
        return gain

    async def run(self) -> dict[str, float]:
        gains = await asyncio.gather(*(self.collect(s) for s in self.scales))
        return {s.hive: g for s, g in zip(self.scales, gains)}


def write_spool(folder: str, hives: dict[str, str], readings: int) -> list[Scale]:
    scales = []
    for n, (hive, gateway) in enumerate(hives.items()):
        path = Path(folder) / f"{hive}.jsonl"
        start_kg = 38.0 + n * 1.7
        with open(path, "w", encoding="utf-8") as fh:
            for i in range(readings):
                kg = start_kg + i * (0.02 + 0.03 * (n % 3)) - (0.4 if i == readings // 2 else 0.0)
                fh.write(json.dumps({"t": 1_700_000_000 + 3600 * i, "kg": round(kg, 3)}) + "\n")
        scales.append(Scale(hive, gateway, path.resolve().as_uri()))
    return scales


async def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    start = time.perf_counter()
    hives = {"Heather-1": "gw-north", "Heather-2": "gw-north", "Lime-1": "gw-old",
             "Borage-1": "gw-south", "Borage-2": "gw-south", "Clover-1": "gw-old"}
    with tempfile.TemporaryDirectory(prefix="scales-") as folder:
        scales = write_spool(folder, hives, COLLECTOR["readings"])
        ledger = HarvestLedger()
        collector = ScaleCollector(scales, ledger, COLLECTOR)
        gains = await collector.run()
    for hive, gain in gains.items():
        print(f"{hive:10s} gain {gain:+6.2f} kg")
    print(f"booked {len(ledger.snapshot())} hives, {ledger.total_kg:.2f} kg; alerts {sorted(collector.alerts)}")
    print(f"logs read: {collector.read_count}; spool {'removed' if not os.path.exists(folder) else 'kept'}")
    print(f"wall: {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
