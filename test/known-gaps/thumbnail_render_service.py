"""Tiny thumbnail service: coroutines accept jobs, rendering is pushed to threads."""
import asyncio
import threading
import time

STATS = {"rendered": 0, "pixels": 0, "rejected": 0}
stats_lock = threading.Lock()
RENDER_BUDGET_MS = 40


def downscale(pixels, factor):
    out = []
    for i in range(0, len(pixels) - factor + 1, factor):  # expect: GIL001
        block = pixels[i:i + factor]
        out.append(sum(block) // factor)
    return out


def render_job(job_id, width, height):
    pixels = [(x * 31 + job_id) % 256 for x in range(width * height)]  # expect: GIL001
    thumb = downscale(pixels, 4)
    STATS["rendered"] += 1  # expect: GIL002
    with stats_lock:
        STATS["pixels"] += len(thumb)  # ok: GIL002
    return job_id, len(thumb)


def validate(job):
    _, width, height = job
    return width * height <= 40_000


async def handle(job, results):
    if not validate(job):
        STATS["rejected"] += 1  # ok: GIL002
        return
    started = time.perf_counter()
    job_id, size = await asyncio.to_thread(render_job, *job)
    elapsed_ms = (time.perf_counter() - started) * 1000
    if elapsed_ms > RENDER_BUDGET_MS:
        time.sleep(0.01)  # expect: GIL004
    results[job_id] = size


async def intake(jobs, results):
    pending = []
    for job in jobs:
        pending.append(asyncio.create_task(handle(job, results)))
        await asyncio.sleep(0.002)  # ok: GIL004
    await asyncio.gather(*pending)


def main():
    jobs = [(i, 120 + i * 10, 90 + i * 5) for i in range(12)]
    jobs.append((99, 500, 500))
    results = {}
    t0 = time.perf_counter()
    asyncio.run(intake(jobs, results))
    print(f"rendered {len(results)} thumbnails in {time.perf_counter() - t0:.2f}s")
    print("stats:", STATS)


if __name__ == "__main__":
    main()
