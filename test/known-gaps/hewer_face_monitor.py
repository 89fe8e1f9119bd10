"""Face monitor for the hewers' cutting tallies (asyncio).

One coroutine per coal face polls the face gauge, fetches the overman's tally
sheet and keeps a running count of readings.  At the end of the shift the cut
lengths of every face are summarised in a worker thread of a small pool.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Dict, List

log = logging.getLogger("hewer.monitor")

FACES = ("Busty 1s", "Busty 2s", "Brockwell 4w")
POLL = {"rounds": 3, "gap_s": 0.005, "gauge_s": 0.004, "sheet_s": 0.01}
SUMMARY = {"samples": 220_000, "stall_width_m": 4.5}


def validate_poll(poll: Dict[str, float]) -> Dict[str, float]:
    """Reject settings that would make a poll round longer than the gap allows."""
    missing = {"rounds", "gap_s", "gauge_s", "sheet_s"} - poll.keys()
    if missing:
        raise KeyError(f"poll settings missing: {sorted(missing)}")
    return dict(poll)


def traced(fn):
    """Synchronous tracing decorator: logs the call and its duration."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        log.debug("%s(%s) %.1f ms", fn.__name__, args, (time.perf_counter() - t0) * 1e3)
        return result
    return wrapper


@traced
def read_gauge(face: str, settle_s: float) -> float:
    """Read the face-advance gauge over the serial line (blocks while it settles)."""
    time.sleep(settle_s)  # expect: GIL004
    return round(0.3 + 0.01 * len(face), 3)


def fetch_tally_sheet(face: str, delay_s: float) -> Dict[str, int]:
    """Fetch the overman's tally sheet from the lamp cabin (slow, blocking)."""
    time.sleep(delay_s)  # ok: GIL004
    return {"tubs": 20 + len(face), "dirt": len(face) % 3}


def summarise_cuts(face: str, samples: int, stall_width_m: float) -> Dict[str, float]:
    total = 0.0
    longest = 0.0
    buckets = [0] * 10
    for i in range(samples):  # expect: GIL001
        cut = ((i * 2654435761) % 1000) / 1000 * stall_width_m
        total += cut
        if cut > longest:
            longest = cut
        buckets[int(cut / stall_width_m * 9.999)] += 1
    return {"face": face, "mean": total / samples, "longest": longest, "mode_bucket": buckets.index(max(buckets))}


@dataclass
class FaceState:
    name: str
    advances: List[float] = field(default_factory=list)
    sheets: List[Dict[str, int]] = field(default_factory=list)


class FaceMonitor:
    def __init__(self, faces, poll: Dict[str, float]) -> None:
        self.faces = {name: FaceState(name) for name in faces}
        self.poll = validate_poll(poll)
        self.readings = 0
        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="summary")

    async def poll_face(self, face: FaceState) -> None:
        for _ in range(int(self.poll["rounds"])):
            face.advances.append(read_gauge(face.name, self.poll["gauge_s"]))
            sheet = await asyncio.to_thread(fetch_tally_sheet, face.name, self.poll["sheet_s"])
            face.sheets.append(sheet)
            self.readings += 1  # ok: GIL002
            await asyncio.sleep(self.poll["gap_s"])  # ok: GIL004

    async def end_of_shift(self, **summary_opts) -> List[Dict[str, float]]:
        loop = asyncio.get_running_loop()
        jobs = [
            loop.run_in_executor(self.pool, functools.partial(summarise_cuts, name, **summary_opts))
            for name in self.faces
        ]
        return list(await asyncio.gather(*jobs))

    async def run_shift(self, **summary_opts) -> List[Dict[str, float]]:
        await asyncio.gather(*(self.poll_face(f) for f in self.faces.values()))
        try:
            return await self.end_of_shift(**summary_opts)
        finally:
            self.pool.shutdown(wait=True)


def report(monitor: FaceMonitor, summaries: List[Dict[str, float]]) -> None:
    print(f"readings taken: {monitor.readings}")
    for s in summaries:
        face = monitor.faces[s["face"]]
        tubs = sum(sh["tubs"] - sh["dirt"] for sh in face.sheets)
        print(f"  {s['face']:<13} mean cut {s['mean']:.2f} m, longest {s['longest']:.2f} m, "
              f"clean tubs {tubs}, last advance {face.advances[-1]}")


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    monitor = FaceMonitor(FACES, POLL)
    t0 = time.perf_counter()
    summaries = asyncio.run(monitor.run_shift(**SUMMARY))
    report(monitor, summaries)
    print(f"shift monitored in {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
