"""Roof course layout for a shingling job.

An asyncio job planner lays out the shingle courses for each roof face off the event loop
(asyncio.to_thread), compresses the scanned drawings in a worker thread, saves the plans,
and orders bundles from the yard with a retried coroutine.
"""
import asyncio
import functools
import logging
import os
import random
import tempfile
import time
import zlib
from dataclasses import dataclass

logging.basicConfig(level=logging.INFO, format="%(message)s")
log = logging.getLogger("shingler.layout")

JOB = {"trials": 14, "exposure_in": 5.0, "yard_walk_s": 0.01, "retries": 2}


def retry_async(times, pause=0.001):
    def decorate(coro_fn):
        @functools.wraps(coro_fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(times):
                try:
                    return await coro_fn(*args, **kwargs)
                except ConnectionError:
                    log.info("retry %s (%d)", coro_fn.__name__, attempt + 1)
                    await asyncio.sleep(pause)
            return await coro_fn(*args, **kwargs)
        return wrapper
    return decorate


@dataclass(frozen=True)
class RoofFace:
    name: str
    width_in: float
    rafter_in: float
    widths: tuple = (4.0, 5.0, 6.0, 8.0, 10.0)

    @property
    def courses(self):
        return int(self.rafter_in // JOB["exposure_in"])


def layout_courses(face, trials, seed=5):
    """Try many random course layouts; score how often joints line up between courses."""
    rng = random.Random(seed)
    best_score, best_layout = None, None
    for _ in range(trials):  # expect: GIL001
        layout = []
        for _course in range(face.courses):
            joints, x = [], 0.0
            while x < face.width_in:
                x += rng.choice(face.widths)
                joints.append(x)
            layout.append(joints)
        score = 0
        for upper, lower in zip(layout[1:], layout):
            for j in upper:
                for k in lower:
                    if abs(j - k) < 1.5:
                        score += 1
        if best_score is None or score < best_score:
            best_score, best_layout = score, layout
    return face.name, best_score, len(best_layout)


def pack_drawings(blobs):
    packed = []
    for blob in blobs:  # ok: GIL001
        packed.append(zlib.compress(blob, 6))
    return sum(len(p) for p in packed)


def _save_plan(path, text):
    with open(path, "w") as fh:
        fh.write(text)
    time.sleep(0.005)  # ok: GIL004


class JobPlanner:
    def __init__(self, faces, outdir, **job):
        self.faces = faces
        self.outdir = outdir
        self.job = job
        self.ordered = []

    @retry_async(times=JOB["retries"])
    async def order_bundles(self, face, squares):
        time.sleep(self.job["yard_walk_s"])  # expect: GIL004
        self.ordered.append((face.name, squares))
        return squares

    async def plan_face(self, face):
        name, score, courses = await asyncio.to_thread(layout_courses, face, self.job["trials"])
        path = os.path.join(self.outdir, f"{name.replace(' ', '_')}.plan")
        await asyncio.to_thread(_save_plan, path, f"{name}: {courses} courses, {score} near joints\n")
        squares = round(face.width_in * face.rafter_in / 14400.0, 2)
        await self.order_bundles(face, squares)
        return name, score, courses

    async def run(self, drawings):
        packed = asyncio.to_thread(pack_drawings, drawings)
        results = await asyncio.gather(*(self.plan_face(f) for f in self.faces), packed)
        return results[:-1], results[-1]


async def main():
    faces = [RoofFace("north face", 360.0, 150.0), RoofFace("south face", 360.0, 150.0),
             RoofFace("porch", 240.0, 90.0, widths=(3.0, 4.0, 6.0))]
    rng = random.Random(9)
    drawings = [rng.randbytes(256 * 1024) for _ in range(4)]
    with tempfile.TemporaryDirectory() as tmp:
        planner = JobPlanner(faces, tmp, **JOB)
        t0 = time.perf_counter()
        plans, packed_bytes = await planner.run(drawings)
        saved = sorted(os.listdir(tmp))
    for name, score, courses in plans:
        print(f"{name}: {courses} courses, {score} near joints")
    print(f"plans saved {saved}; drawings packed to {packed_bytes} bytes; ordered {planner.ordered}")
    print(f"planning took {(time.perf_counter() - t0) * 1000:.0f} ms")


if __name__ == "__main__":
    asyncio.run(main())
