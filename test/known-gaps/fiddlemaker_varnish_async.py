"""Varnish room scheduler for a violin shop.

Every instrument gets its coats on the event loop; between coats it is cured by
the method named in its work ticket, looked up in a registry filled by @cure.
Meanwhile two matcher threads search pigment mixes for the colour the customer
asked for, and Timers log the room's humidity.
"""
import asyncio
import itertools
import threading
import time
from dataclasses import dataclass

ROOM_CONFIG = {
    "tickets": [
        ("violin-212", "uv", 3), ("viola-88", "lamp", 2), ("violin-213", "sun", 3),
        ("cello-41", "uv", 2), ("violin-214", "lamp", 3),
    ],
    "minute_s": 0.002,
    "target_colour": (0.62, 0.31, 0.12),
    "pigment_steps": 70,
    "matchers": 2,
    "humidity_at_s": (0.01, 0.03),
}

CURES = {}


@dataclass
class CureMethod:
    name: str
    fn: object
    offload: bool


def cure(name, offload=False):
    def register(fn):
        CURES[name] = CureMethod(name, fn, offload)
        return fn
    return register


@cure("uv")
def uv_cabinet(instrument, minutes, minute_s):
    time.sleep(minutes * minute_s)  # expect: GIL004 -- registered inline (offload=False), apply_coat calls it on the event loop
    return minutes


@cure("lamp", offload=True)
def heat_lamp(instrument, minutes, minute_s):
    time.sleep(minutes * minute_s * 1.5)  # ok: GIL004 -- offload=True, apply_coat runs it with asyncio.to_thread
    return minutes


@cure("sun")
async def sun_room(instrument, minutes, minute_s):
    await asyncio.sleep(minutes * minute_s * 2)
    return minutes


@dataclass
class Instrument:
    serial: str
    cure: str
    coats: int
    applied: int = 0
    cured_minutes: int = 0

    @classmethod
    def from_ticket(cls, ticket):
        serial, method, coats = ticket
        return cls(serial, method, coats)


def coat_plan(instrument):
    for coat in range(instrument.coats):
        yield coat, 4 + 2 * coat


class VarnishRoom:
    def __init__(self, config):
        self.minute_s = config["minute_s"]
        self.coats_applied = 0
        self.by_method = {}

    async def apply_coat(self, instrument, minutes):
        await asyncio.sleep(self.minute_s)
        instrument.applied += 1
        self.coats_applied += 1  # ok: GIL002 -- only coroutines on the event-loop thread update it
        method = CURES[instrument.cure]
        if method.offload:
            cured = await asyncio.to_thread(method.fn, instrument, minutes, self.minute_s)
        elif asyncio.iscoroutinefunction(method.fn):
            cured = await method.fn(instrument, minutes, self.minute_s)
        else:
            cured = method.fn(instrument, minutes, self.minute_s)
        instrument.cured_minutes += cured
        self.by_method[method.name] = self.by_method.get(method.name, 0) + 1  # ok: GIL002 -- event-loop thread only, never from to_thread

    async def finish(self, instrument):
        for _, minutes in coat_plan(instrument):
            await self.apply_coat(instrument, minutes)
        return instrument.serial, instrument.applied, instrument.cured_minutes


class BestMix:
    def __init__(self):
        self.score = float("inf")
        self.mix = None


class ColourMatcher:
    """Searches a slice of the pigment grid; callable so it can be a thread target."""

    def __init__(self, target, steps, first_pigments, best, stats):
        self.target = target
        self.steps = steps
        self.first_pigments = first_pigments
        self.best = best
        self.stats = stats

    @staticmethod
    def blend(a, b, c):
        total = a + b + c or 1
        return (0.9 * a + 0.5 * b) / total, (0.4 * b + 0.2 * c) / total, (0.1 * a + 0.3 * c) / total

    def __call__(self):
        target, best = self.target, self.best
        for a, b, c in itertools.product(self.first_pigments, range(self.steps), range(self.steps)):  # expect: GIL001 -- 35 x 70 x 70 mixes per matcher thread
            r, g, bl = self.blend(a, b, c)
            score = (r - target[0]) ** 2 + (g - target[1]) ** 2 + (bl - target[2]) ** 2
            if score < best.score:  # expect: GIL003 -- both matcher threads compare and replace the shared best mix
                best.score, best.mix = score, (a, b, c)
        self.stats["events"] += 1  # expect: GIL002 -- matchers and humidity Timers all bump the same stats dict


def log_humidity(readings, stats):
    time.sleep(0.002)  # ok: GIL004 -- runs in a threading.Timer, not in a coroutine
    readings.append(round(48.0 + len(readings) * 0.5, 1))
    stats["events"] += 1  # expect: GIL002 -- Timer threads and matcher threads share stats


async def run_room(config):
    room = VarnishRoom(config)
    instruments = [Instrument.from_ticket(t) for t in config["tickets"]]
    results = await asyncio.gather(*(room.finish(i) for i in instruments))
    return room, results


def main():
    cfg = ROOM_CONFIG
    best, stats, readings = BestMix(), {"events": 0}, []
    steps = cfg["pigment_steps"]
    slices = [range(k, steps, cfg["matchers"]) for k in range(cfg["matchers"])]
    matchers = [threading.Thread(target=ColourMatcher(cfg["target_colour"], steps, s, best, stats)) for s in slices]
    timers = [threading.Timer(at, log_humidity, args=(readings, stats)) for at in cfg["humidity_at_s"]]
    for t in matchers + timers:
        t.start()
    room, results = asyncio.run(run_room(cfg))
    for t in matchers + timers:
        t.join()
    for serial, coats, minutes in results:
        print(f"{serial}: {coats} coats, cured {minutes} min")
    print(f"coats applied {room.coats_applied}, by method {room.by_method}")
    print(f"best mix {best.mix} score {best.score:.5f}; events {stats['events']}, humidity {readings}")


if __name__ == "__main__":
    main()
