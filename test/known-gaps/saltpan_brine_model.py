"""Brine evaporation model for the concentrator ponds of a salt works.

One BrineWorker thread per pond simulates a season of evaporation, archives
the hourly series compressed to disk and records the brine it will transfer
to the crystallisers.  Flow meters allow three concurrent readers.
"""
import json
import logging
import math
import os
import tempfile
import threading
import time
import zlib
from dataclasses import dataclass

log = logging.getLogger("saltpan.brine")

SEASON = {"days": 45, "hours_per_day": 24, "substeps": 40, "chunk_bytes": 256 * 1024}

METER_SLOTS = threading.Semaphore(3)  # the SCADA bus takes three meter reads at once
transfer_totals = {"brine_m3": 0.0, "salt_t": 0.0}

AUDIT_GUARD = threading.BoundedSemaphore(1)
audit = {"ponds": 0, "bytes": 0}


@dataclass
class PondSpec:
    name: str
    area_m2: float
    depth_m: float
    salinity_gl: float


class EvaporationModel:
    """Penman-style evaporation with a diurnal cycle (deliberately simple)."""

    def __init__(self, wind_ms: float = 3.0, humidity: float = 0.55, **extra) -> None:
        self.wind_ms = wind_ms
        self.humidity = humidity
        self.extra = extra

    def rate_mm_h(self, hour: int, salinity: float) -> float:
        radiation = max(0.0, math.sin(math.pi * (hour - 6) / 12))
        return (0.35 * radiation + 0.04 * self.wind_ms) * (1 - self.humidity) * (1 - salinity / 400)

    def simulate(self, pond: PondSpec, days: int, hours: int, substeps: int) -> list:
        depth = pond.depth_m
        salt_kg = pond.salinity_gl * pond.area_m2 * depth
        series = []
        for day in range(days):  # expect: GIL001
            for hour in range(hours):
                for _ in range(substeps):
                    salinity = salt_kg / (pond.area_m2 * depth)
                    depth -= self.rate_mm_h(hour, salinity) / 1000 / substeps
                    depth = max(depth, 0.02)
                series.append(round(salt_kg / (pond.area_m2 * depth), 2))
        return series


class SeasonalModel(EvaporationModel):
    """Adds a rain correction on top of the base model."""

    def __init__(self, rain_days=(), **kwargs) -> None:
        super().__init__(**kwargs)
        self.rain_days = set(rain_days)

    def simulate(self, pond: PondSpec, days: int, hours: int, substeps: int) -> list:
        series = super().simulate(pond, days, hours, substeps)
        for day in sorted(self.rain_days):  # ok: GIL001
            start = day * hours
            series[start:start + hours] = [round(v * 0.97, 2) for v in series[start:start + hours]]
        return series


def record_transfer(brine_m3: float, salt_t: float) -> None:
    with METER_SLOTS:
        time.sleep(0.002)  # meter read
        transfer_totals["brine_m3"] += brine_m3  # expect: GIL002
        transfer_totals["salt_t"] = transfer_totals["salt_t"] + salt_t  # expect: GIL002
    with AUDIT_GUARD:
        audit["ponds"] += 1  # ok: GIL002


class BrineWorker(threading.Thread):
    def __init__(self, pond: PondSpec, model: EvaporationModel, outdir: str, **kwargs) -> None:
        super().__init__(name=f"brine-{pond.name}", **kwargs)
        self.pond = pond
        self.model = model
        self.outdir = outdir
        self.result = None

    def run(self) -> None:
        series = self.model.simulate(self.pond, SEASON["days"], SEASON["hours_per_day"], SEASON["substeps"])
        written = self.archive(series)
        final = series[-1]
        brine = self.pond.area_m2 * 0.05
        record_transfer(brine, brine * final / 1000)
        self.result = (final, written)

    def archive(self, series: list) -> int:
        raw = json.dumps(series).encode() * 40
        written = 0
        path = os.path.join(self.outdir, f"{self.pond.name}.z")
        with open(path, "wb") as fh:
            for off in range(0, len(raw), SEASON["chunk_bytes"]):  # ok: GIL001
                blob = zlib.compress(raw[off:off + SEASON["chunk_bytes"]], 6)
                fh.write(blob)
                written += len(blob)
        with AUDIT_GUARD:
            audit["bytes"] = audit["bytes"] + written  # ok: GIL002
        return written


PONDS = [
    PondSpec("C1", 42_000, 0.45, 120.0),
    PondSpec("C2", 38_000, 0.40, 150.0),
    PondSpec("C3", 51_000, 0.50, 95.0),
    PondSpec("C4", 29_000, 0.35, 180.0),
]


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    model = SeasonalModel(rain_days=(3, 17, 30), wind_ms=4.2, humidity=0.5)
    with tempfile.TemporaryDirectory() as outdir:
        workers = [BrineWorker(p, model, outdir) for p in PONDS]
        t0 = time.perf_counter()
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        elapsed = time.perf_counter() - t0
    for w in workers:
        final, written = w.result
        print(f"{w.pond.name}: final salinity {final} g/l, archive {written} bytes")
    print(f"transfer: {round(transfer_totals['brine_m3'], 1)} m3 brine, {round(transfer_totals['salt_t'], 1)} t salt")
    print(f"audit: {audit}; took {elapsed:.2f}s")


if __name__ == "__main__":
    main()
