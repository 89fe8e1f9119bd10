#!/usr/bin/env python3
"""Service status dashboard.

Polls health endpoints concurrently with asyncio and renders a summary,
while a background heartbeat thread ticks until a shutdown Event is set.
Endpoints are data: URLs so the script runs offline.
"""
import asyncio
import json
import threading
import time
import urllib.request

SERVICES = {
    "auth": 'data:application/json,{"status": "ok", "latency_ms": 12}',
    "billing": 'data:application/json,{"status": "degraded", "latency_ms": 340}',
    "search": 'data:application/json,{"status": "ok", "latency_ms": 48}',
    "legacy-erp": "data:text/plain,<html>502 Bad Gateway</html>",
}

stop_heartbeat = threading.Event()
heartbeats = 0


def heartbeat():
    global heartbeats
    while not stop_heartbeat.wait(0.02):  # ok: GIL001
        heartbeats += 1  # ok: GIL002


def fetch_json(url):
    with urllib.request.urlopen(url, timeout=2) as resp:  # ok: GIL004
        return json.loads(resp.read())


async def poll_inline(name, url):
    with urllib.request.urlopen(url, timeout=2) as resp:  # expect: GIL004
        body = json.loads(resp.read())
    return name, body


async def poll_offloaded(name, url, attempts=3):
    for attempt in range(attempts):
        try:
            return name, await asyncio.to_thread(fetch_json, url)
        except ValueError:
            time.sleep(0.02 * (attempt + 1))  # expect: GIL004
    return name, None


async def ticker(label, n):
    for _ in range(n):
        await asyncio.sleep(0.01)  # ok: GIL004
    return label


async def main():
    beat = threading.Thread(target=heartbeat, daemon=True)
    beat.start()
    names = list(SERVICES)
    tasks = [poll_inline(names[0], SERVICES[names[0]])]
    tasks += [poll_offloaded(n, SERVICES[n]) for n in names[1:]]
    tasks.append(ticker("render-tick", 5))
    results = await asyncio.gather(*tasks)
    stop_heartbeat.set()
    beat.join()
    for item in results:
        if isinstance(item, tuple):
            name, body = item
            status = body["status"] if body else "UNREACHABLE"
            print(f"{name:11s} {status}")
    print(f"heartbeats: {heartbeats}")


if __name__ == "__main__":
    asyncio.run(main())
