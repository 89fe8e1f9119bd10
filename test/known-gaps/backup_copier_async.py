#!/usr/bin/env python3
"""Asyncio backup job: copy a generated tree into a dated backup folder."""
import asyncio
import filecmp
import os
import shutil
import tempfile
import threading
import time

MAX_PARALLEL = 4


def seed(src):
    for i in range(24):
        d = os.path.join(src, f"project{i % 3}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"src_{i}.py"), "w") as fh:
            fh.write(f"# module {i}\n" + "x = 1\n" * (50 + i * 7))


def settle_disk():
    """Give slow USB targets a moment before verifying."""
    time.sleep(0.002)  # expect: GIL004


def verify(src, dst):
    settle_disk()
    return filecmp.cmp(src, dst, shallow=False)


async def copy_one(src, dst, sem, report):
    async with sem:
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        await asyncio.to_thread(shutil.copy2, src, dst)
        if not verify(src, dst):
            report["mismatch"] += 1  # ok: GIL002
            return
        report["copied"] += 1  # ok: GIL002
        report["bytes"] += os.path.getsize(dst)  # ok: GIL002
        if report["copied"] % 8 == 0:
            time.sleep(0.01)  # expect: GIL004
        await asyncio.sleep(0)  # ok: GIL004


async def heartbeat(report, done):
    while not done.is_set():
        print(f"  .. {report['copied']} copied")
        await asyncio.sleep(0.02)  # ok: GIL004


async def run_backup(src, dst_root):
    stamp = time.strftime("%Y%m%d")
    dst = os.path.join(dst_root, f"backup-{stamp}")
    report = {"copied": 0, "bytes": 0, "mismatch": 0}
    sem = asyncio.Semaphore(MAX_PARALLEL)
    done = asyncio.Event()
    hb = asyncio.create_task(heartbeat(report, done))
    jobs = []
    for dirpath, _dirs, names in os.walk(src):
        for n in names:
            s = os.path.join(dirpath, n)
            jobs.append(copy_one(s, os.path.join(dst, os.path.relpath(s, src)), sem, report))
    await asyncio.gather(*jobs)
    await asyncio.to_thread(time.sleep, 0.01)  # ok: GIL004
    done.set()
    await hb
    return report


def main():
    with tempfile.TemporaryDirectory() as src, tempfile.TemporaryDirectory() as dst:
        seed(src)
        watchdog = threading.Timer(2.5, lambda: print("backup is taking too long"))
        watchdog.start()
        try:
            report = asyncio.run(run_backup(src, dst))
        finally:
            watchdog.cancel()
        print(f"copied {report['copied']} files ({report['bytes']} bytes), "
              f"{report['mismatch']} mismatches")


if __name__ == "__main__":
    main()
