"""Kennel monitor: an asyncio coordinator lets hounds out into the yard, weighs them on the
scale (a blocking device, driven through asyncio.to_thread) and reloads the day's rota file,
while two door-sensor threads watch the hounds come back in through either door.
"""
import asyncio
import functools
import json
import logging
import pathlib
import random
import tempfile
import threading
import time
from dataclasses import dataclass
from urllib.request import urlopen

log = logging.getLogger("kennelman.monitor")

MONITOR = {"pack_size": 8, "poll_s": 0.002, "scale_s": 0.004}


@dataclass(frozen=True)
class Hound:
    name: str
    weight_kg: float


def traced(fn):
    """Log entry and exit of a coroutine."""

    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        log.debug("enter %s", fn.__qualname__)
        try:
            return await fn(*args, **kwargs)
        finally:
            log.debug("leave %s", fn.__qualname__)

    return wrapper


class KennelMonitor:
    def __init__(self, workdir, hounds, *, poll_s, scale_s, **_):
        self.workdir = pathlib.Path(workdir)
        self.hounds = hounds
        self.poll_s = poll_s
        self.scale_s = scale_s
        self.in_yard = set()
        self.returned = []
        self.collisions = 0
        self.weighed = 0
        self.total_kg = 0.0
        self._scale_lock = threading.Lock()
        self.rota = {}

    # -- threads -------------------------------------------------------------------------
    def door_sensor(self, door, watch_for, stop):
        while not stop.is_set():  # ok: GIL001
            for hound in watch_for:
                if hound in self.in_yard:  # expect: GIL003
                    try:
                        self.in_yard.remove(hound)
                    except KeyError:
                        self.collisions += 1  # expect: GIL002
                        continue
                    self.returned.append((door, hound.name))
            time.sleep(self.poll_s)  # ok: GIL004

    def _weigh(self, hound):
        time.sleep(self.scale_s)  # ok: GIL004
        reading = round(hound.weight_kg + random.uniform(-0.2, 0.2), 1)
        with self._scale_lock:
            self.total_kg += reading  # ok: GIL002
        self.weighed += 1  # expect: GIL002
        return hound.name, reading

    # -- sync helper used on the loop -----------------------------------------------------
    def _fetch_rota(self):
        url = (self.workdir / "rota.json").as_uri()
        with urlopen(url) as resp:  # expect: GIL004
            return json.load(resp)

    # -- coroutines ----------------------------------------------------------------------
    @traced
    async def refresh_rota(self):
        self.rota = self._fetch_rota()
        return len(self.rota)

    @traced
    async def let_out(self, hound, delay):
        await asyncio.sleep(delay)
        self.in_yard.add(hound)

    @traced
    async def weigh_all(self):
        jobs = [asyncio.to_thread(functools.partial(self._weigh, h)) for h in self.hounds]
        return dict(await asyncio.gather(*jobs))

    async def wait_until_home(self, timeout):
        deadline = time.perf_counter() + timeout
        while len(self.returned) + self.collisions < len(self.hounds) and time.perf_counter() < deadline:
            await asyncio.sleep(self.poll_s)
        return len(self.returned)


def write_rota(workdir, hounds):
    rota = {h.name: ("road" if i % 2 else "paddock") for i, h in enumerate(hounds)}
    (pathlib.Path(workdir) / "rota.json").write_text(json.dumps(rota), encoding="utf-8")


async def main():
    logging.basicConfig(level=logging.INFO)
    rng = random.Random(10)
    hounds = [Hound(f"hound-{i}", round(rng.uniform(27, 36), 1)) for i in range(MONITOR["pack_size"])]
    with tempfile.TemporaryDirectory() as workdir:
        write_rota(workdir, hounds)
        monitor = KennelMonitor(workdir, hounds, **MONITOR)
        stop = threading.Event()
        doors = [
            threading.Thread(target=monitor.door_sensor, args=("north", hounds[:6], stop), daemon=True),
            threading.Thread(target=monitor.door_sensor, args=("south", hounds[2:], stop), daemon=True),
        ]
        started = time.perf_counter()
        for d in doors:
            d.start()
        entries = await monitor.refresh_rota()
        await asyncio.gather(*(monitor.let_out(h, 0.002 * i) for i, h in enumerate(hounds)))
        weights = await monitor.weigh_all()
        home = await monitor.wait_until_home(timeout=2.0)
        stop.set()
        await asyncio.gather(*(asyncio.to_thread(d.join) for d in doors))
    print(f"rota entries {entries}; weighed {monitor.weighed}, total {monitor.total_kg:.1f} kg "
          f"(heaviest {max(weights.values())} kg)")
    print(f"home {home}/{len(hounds)}; doors used {sorted({d for d, _ in monitor.returned})}; "
          f"collisions {monitor.collisions}; elapsed {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
