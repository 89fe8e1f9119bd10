"""Async builder for regional avalanche bulletins.

For each warning region the service loads field observations, waits for the
snow-model run, renders the bulletin and archives it. The renderer and the
archiver are pushed to worker threads; the observation loader is legacy
synchronous code that is still called straight from the coroutine.
"""
import asyncio
import os
import tempfile
import time

REGIONS = ["Davos", "Engadin", "Goms", "Lower Valais", "Central Switzerland"]


def load_observations(region):
    """Legacy synchronous client for the field-observation database."""
    time.sleep(0.03)  # expect: GIL004
    return {"region": region, "whumpfs": len(region) % 3, "cracks": len(region) % 2, "new_snow_cm": 25}


def render_bulletin(region, obs):
    """Slow template renderer (PDF in production)."""
    time.sleep(0.04)  # ok: GIL004
    level = 2 + (obs["whumpfs"] > 0) + (obs["new_snow_cm"] > 30)
    return f"{region}: danger level {level}, new snow {obs['new_snow_cm']} cm\n".encode()


def archive(path, payload):
    with open(path, "wb") as fh:
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())
    time.sleep(0.01)  # ok: GIL004
    return len(payload)


async def wait_for_model_run(marker_path):
    """Poll until the snow-cover model has written its completion marker."""
    while not os.path.exists(marker_path):
        time.sleep(0.005)  # expect: GIL004
        await asyncio.sleep(0)  # let the other tasks run


async def publish_model_marker(marker_path):
    await asyncio.sleep(0.02)  # ok: GIL004
    with open(marker_path, "w") as fh:
        fh.write("SNOWPACK run complete\n")


async def build_bulletin(region, archive_dir):
    obs = load_observations(region)
    text = await asyncio.to_thread(render_bulletin, region, obs)
    loop = asyncio.get_running_loop()
    path = os.path.join(archive_dir, region.replace(" ", "_") + ".txt")
    size = await loop.run_in_executor(None, archive, path, text)
    return region, size


async def main():
    with tempfile.TemporaryDirectory() as archive_dir:
        marker = os.path.join(archive_dir, "model.done")
        start = time.perf_counter()
        writer = asyncio.create_task(publish_model_marker(marker))
        await asyncio.sleep(0)
        await wait_for_model_run(marker)
        await writer
        results = await asyncio.gather(*(build_bulletin(r, archive_dir) for r in REGIONS))
        elapsed = time.perf_counter() - start
        for region, size in results:
            print(f"archived {region:<20} {size:4d} bytes")
        print(f"{len(results)} bulletins in {elapsed:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
