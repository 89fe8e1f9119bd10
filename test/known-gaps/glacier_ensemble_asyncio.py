"""Asyncio orchestrator for a glacier mass-balance ensemble.

For every ensemble member the orchestrator downloads its climate forcing,
runs a stochastic surface mass-balance model with perturbed degree-day
factors, and archives the result as JSON.  Model runs go to a thread pool via
run_in_executor; archiving goes through asyncio.to_thread.
"""
import asyncio
import functools
import json
import os
import random
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

MEMBERS = 4


def run_member(seed, years=1200):
    """Cumulative specific mass balance (m w.e.) of one ensemble member."""
    rng = random.Random(seed)
    ddf = 0.004 + rng.random() * 0.004
    balance = 0.0
    for year in range(years):  # expect: GIL001
        for day in range(365):
            t = -4.0 + 12.0 * rng.random()
            if t > 0:
                balance -= ddf * t
            else:
                balance += 0.0025 * rng.random()
    return seed, balance / years


async def download_forcing(member):
    """Fetch the downscaled forcing file of one member from the data portal."""
    time.sleep(0.04)  # expect: GIL004
    return {"member": member, "scenario": "SSP2-4.5", "grid": "1km"}


async def wait_for_quota():
    await asyncio.sleep(0.02)  # ok: GIL004


def archive(directory, member, payload):
    path = os.path.join(directory, f"member-{member:02d}.json")
    with open(path, "w") as fh:
        json.dump(payload, fh)
    time.sleep(0.01)  # ok: GIL004
    return path


async def run_ensemble(directory):
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=MEMBERS)
    forcings = []
    for member in range(MEMBERS):
        await wait_for_quota()
        forcings.append(await download_forcing(member))
    runs = [loop.run_in_executor(pool, functools.partial(run_member, f["member"] * 101))
            for f in forcings]
    results = await asyncio.gather(*runs)
    pool.shutdown()
    paths = []
    for forcing, (seed, mb) in zip(forcings, results):
        payload = dict(forcing, seed=seed, mass_balance=round(mb, 4))
        paths.append(await asyncio.to_thread(archive, directory, forcing["member"], payload))
    return results, paths


if __name__ == "__main__":
    workdir = tempfile.mkdtemp(prefix="ensemble-")
    started = time.perf_counter()
    try:
        results, paths = asyncio.run(run_ensemble(workdir))
        for seed, mb in results:
            print(f"seed {seed:4d}: mean annual balance {mb:+.3f} m w.e.")
        print(f"archived {len(paths)} members in {time.perf_counter() - started:.2f}s")
    finally:
        shutil.rmtree(workdir)
