"""Async event bus for the API gateway's plugin hooks.

Plugins subscribe handlers with a decorator.  Coroutine handlers are awaited on
the loop; plain functions marked ``mode="thread"`` are pushed to a worker
thread with ``asyncio.to_thread``.  A route-cache plugin warms its lookup table
on a timer thread shortly after start-up.
"""
import asyncio
import functools
import logging
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("bus")


@dataclass
class Subscription:
    handler: object
    mode: str = "async"
    name: str = field(default="")


class EventBus:
    def __init__(self):
        self._subs = {}
        self.delivered = 0

    def subscribe(self, event, mode="async"):
        def decorate(fn):
            self._subs.setdefault(event, []).append(Subscription(fn, mode, fn.__name__))
            return fn

        return decorate

    async def publish(self, event, payload):
        for sub in self._subs.get(event, ()):
            if sub.mode == "thread":
                await asyncio.to_thread(sub.handler, payload)
            else:
                await sub.handler(payload)
            self.delivered += 1  # ok: GIL002
        return payload


bus = EventBus()
ARCHIVE = []


def geoip_lookup(ip):
    """Look the address up in the on-disk GeoIP database (simulated read latency)."""
    time.sleep(0.003)  # expect: GIL004
    return "NL" if int(ip.rsplit(".", 1)[1]) % 2 else "DE"


@bus.subscribe("request")
async def enrich(payload):
    payload["country"] = geoip_lookup(payload["ip"])


@bus.subscribe("request")
async def tag_latency(payload):
    await asyncio.sleep(0.002)  # ok: GIL004
    payload["tagged"] = True


@bus.subscribe("request", mode="thread")
def archive(payload):
    time.sleep(0.004)  # ok: GIL004
    ARCHIVE.append(payload["id"])


class RouteCache:
    """Precomputed route-hash table; requests fall back to slow matching until ready."""

    def __init__(self):
        self.table = {}
        self.ready = threading.Event()
        self.build_seconds = 0.0

    def warm(self, n_routes):
        started = time.perf_counter()
        table = {}
        for i in range(n_routes):  # expect: GIL001
            route = "/api/v%d/tenants/%d/items/%d" % (i % 3, i % 97, i)
            h = 5381
            for ch in route:
                h = ((h * 33) ^ ord(ch)) & 0xFFFFFFFF
            table[route] = h
        self.table = table
        self.build_seconds = time.perf_counter() - started
        self.ready.set()


def timed_async(fn):
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        started = time.perf_counter()
        result = await fn(*args, **kwargs)
        log.info("%s took %.3fs", fn.__name__, time.perf_counter() - started)
        return result

    return wrapper


@timed_async
async def serve(requests, concurrency=8):
    sem = asyncio.Semaphore(concurrency)

    async def one(i):
        async with sem:
            payload = {"id": i, "ip": "10.0.0.%d" % (i % 250)}
            return await bus.publish("request", payload)

    return await asyncio.gather(*(one(i) for i in range(requests)))


async def main():
    cache = RouteCache()
    warmer = threading.Timer(0.01, cache.warm, args=(40_000,))
    warmer.daemon = True
    warmer.start()

    started = time.perf_counter()
    results = await serve(60)
    served_in = time.perf_counter() - started
    await asyncio.to_thread(cache.ready.wait, 5.0)
    warmer.join()

    countries = {}
    for payload in results:
        countries[payload["country"]] = countries.get(payload["country"], 0) + 1
    print("requests = %d, handlers run = %d (expected %d)" % (len(results), bus.delivered, 3 * 60))
    print("archived = %d (expected 60)" % len(ARCHIVE))
    print("countries:", dict(sorted(countries.items())))
    print("routes cached = %d, warm-up %.3fs" % (len(cache.table), cache.build_seconds))
    print("served in %.2fs" % served_in)


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main())
