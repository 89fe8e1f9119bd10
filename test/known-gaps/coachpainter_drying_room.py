"""Coach-painting shop: monitor of the varnish drying room.

An asyncio loop polls the room's instruments for every carriage that is curing, a
damper thread trims the air flow, and a log writer keeps the readings in a file.
Slow instruments must be read off the event loop; the hygrometer is not (yet).
"""
import asyncio
import json
import os
import tempfile
import threading
import time
from dataclasses import dataclass

ROOM_CONFIG = {
    "carriages": ["landau-7", "brougham-2", "phaeton-5", "gig-1"],
    "polls": 4,
    "poll_interval_s": 0.01,
    "instruments": {"hygro-1": ("hygrometer", 0.004), "thermo-1": ("thermometer", 0.004)},
    "damper_angles": [15, 30, 45, 60, 45, 30],
}


class Instrument:
    """Base class: settle the probe, then take a value."""
    unit = "?"

    def __init__(self, name, settle_s):
        self.name = name
        self.settle_s = settle_s
        self.reads = 0

    def read(self):
        self._settle()
        self.reads += 1  # expect: GIL002 -- Thermometer.read runs in several asyncio.to_thread workers at once (gather of four polls)
        return round(self._value(), 2)

    def _settle(self):
        time.sleep(self.settle_s)  # expect: GIL004 -- Hygrometer inherits this; its read() is called directly inside DryingRoom.poll_carriage (async)

    def _value(self):
        raise NotImplementedError


class Hygrometer(Instrument):
    unit = "%RH"

    def _value(self):
        return 55.0 - (self.reads % 7) * 0.8


class Thermometer(Instrument):
    unit = "C"

    def _settle(self):
        deadline = time.monotonic() + self.settle_s
        while time.monotonic() < deadline:
            time.sleep(self.settle_s / 4)  # ok: GIL004 -- Thermometer.read only runs through asyncio.to_thread, off the loop

    def _value(self):
        return 21.0 + (self.reads % 5) * 0.3


INSTRUMENT_TYPES = {"hygrometer": Hygrometer, "thermometer": Thermometer}


def build_instruments(spec):
    return {name: INSTRUMENT_TYPES[kind](name, settle_s) for name, (kind, settle_s) in spec.items()}


class Damper:
    def __init__(self):
        self.angle = 0
        self.moves = 0
        self._lock = threading.Lock()

    def set_angle(self, angle):
        self._lock.acquire()  # expect: GIL005 -- the out-of-range return leaves with _lock held
        if not 0 <= angle <= 90:
            return False
        self.angle = angle
        self.moves = self.moves + 1
        self._lock.release()
        return True


class ReadingLog:
    def __init__(self, path):
        self.path = path
        self._lock = threading.Lock()
        self.lines = 0

    def append(self, record):
        if not self._lock.acquire(timeout=1.0):  # ok: GIL005 -- the return runs only when acquire failed; the held path releases in finally
            return False
        try:
            with open(self.path, "a") as fh:
                fh.write(json.dumps(record) + "\n")
            self.lines += 1  # ok: GIL002 -- _lock is held (acquire checked, release in finally)
        finally:
            self._lock.release()
        return True


@dataclass
class Reading:
    carriage: str
    humidity: float
    temperature: float


class DryingRoom:
    def __init__(self, config, log):
        self.config = config
        self.log = log
        self.instruments = build_instruments(config["instruments"])
        self.readings = []
        self.polls_done = 0

    async def poll_carriage(self, carriage):
        humidity = self.instruments["hygro-1"].read()
        temperature = await asyncio.to_thread(self.instruments["thermo-1"].read)
        self.polls_done += 1  # ok: GIL002 -- every poll_carriage coroutine runs on the one event-loop thread
        reading = Reading(carriage, humidity, temperature)
        self.readings.append(reading)
        await asyncio.to_thread(self.log.append, reading.__dict__)
        return reading

    async def run(self):
        for _ in range(self.config["polls"]):
            await asyncio.gather(*(self.poll_carriage(c) for c in self.config["carriages"]))
            await asyncio.sleep(self.config["poll_interval_s"])  # ok: GIL004 -- asyncio.sleep yields to the loop


class DamperThread(threading.Thread):
    def __init__(self, damper, angles, pause_s):
        super().__init__(name="damper")
        self.damper = damper
        self.angles = angles
        self.pause_s = pause_s
        self.refused = 0

    def run(self):
        for angle in self.angles:  # ok: GIL001 -- six moves with sleeps between them
            if not self.damper.set_angle(angle):
                self.refused += 1
            time.sleep(self.pause_s)


def summarise(readings):
    by_carriage = {}
    for r in readings:
        by_carriage.setdefault(r.carriage, []).append(r.humidity)
    return {k: round(sum(v) / len(v), 2) for k, v in by_carriage.items()}


def main():
    with tempfile.TemporaryDirectory() as tmp:
        log = ReadingLog(os.path.join(tmp, "drying.jsonl"))
        room = DryingRoom(ROOM_CONFIG, log)
        damper = Damper()
        mover = DamperThread(damper, ROOM_CONFIG["damper_angles"], ROOM_CONFIG["poll_interval_s"])
        mover.start()
        asyncio.run(room.run())
        mover.join()
        print(f"polls {room.polls_done}, log lines {log.lines}, damper at {damper.angle} "
              f"after {damper.moves} moves ({mover.refused} refused)")
        print("mean humidity", summarise(room.readings))


if __name__ == "__main__":
    main()
