"""Runs a legacy thread-based downloader beside an asyncio progress reporter."""
import asyncio
import threading
import time

progress_lock = threading.Lock()
progress = {"done": 0}
failures = []


def record(url, ok):
    progress_lock.acquire()  # expect: GIL005
    if not ok:
        failures.append(url)
        return
    progress["done"] += 1  # ok: GIL002
    progress_lock.release()


def download_all(urls):
    for url in urls:  # ok: GIL001
        time.sleep(0.05)  # ok: GIL004
        record(url, ok=not url.endswith(".tmp"))


async def report(stop):
    while not stop.is_set():
        progress_lock.acquire()  # expect: GIL004
        try:
            done = progress["done"]
        finally:
            progress_lock.release()
        print(f"progress: {done} files")
        await asyncio.sleep(0.1)  # ok: GIL004


async def main(urls):
    worker, helper = (threading.Thread(target=download_all, args=(part,)) for part in (urls[:10], urls[10:]))
    worker.start()
    helper.start()
    stop = asyncio.Event()
    reporter = asyncio.create_task(report(stop))
    await asyncio.to_thread(helper.join)  # ok: GIL004
    worker.join()  # expect: GIL004
    stop.set()
    await reporter
    print(f"finished: {progress}, failures: {failures}")


asyncio.run(main([f"https://cdn.example.invalid/img{i}.png" for i in range(20)]))
