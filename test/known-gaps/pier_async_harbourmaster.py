"""Harbourmaster's office: vessel traffic messages handled on an asyncio loop.

Handlers for VTS messages are registered on an async event bus. Pilot dispatch
talks to the legacy pilot-roster service, which is synchronous, so it runs in the
loop's default executor. The VHF working channel is a shared resource guarded by
a lock that the dispatch code takes by hand.
"""
import asyncio
import functools
import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

log = logging.getLogger("pier.harbourmaster")

OFFICE = {"pilots": 12, "vhf_talk_s": 0.002, "gangway_s": 0.003, "roster_latency_s": 0.004}


@dataclass
class VtsMessage:
    kind: str
    vessel: str
    berth: str = ""
    payload: dict = field(default_factory=dict)


@dataclass
class PilotRoster:
    on_duty: list
    assignments_made: int = 0
    log: list = field(default_factory=list)


class EventBus:
    def __init__(self):
        self._handlers = defaultdict(list)

    def handler(self, kind):
        def register(coro_fn):
            self._handlers[kind].append(coro_fn)
            return coro_fn
        return register

    async def publish(self, msg, **ctx):
        results = []
        for coro_fn in self._handlers.get(msg.kind, ()):
            results.append(await coro_fn(msg, **ctx))
        return results


class VhfChannel:
    def __init__(self, talk_s):
        self._lock = threading.Lock()
        self.talk_s = talk_s
        self.transcript = []

    def call(self, station, text):
        self._lock.acquire()  # ok: GIL005
        try:
            time.sleep(self.talk_s)
            self.transcript.append(f"{station}: {text}")
        finally:
            self._lock.release()


def dispatch_pilot(roster, vhf, vessel, *, latency_s):
    """Synchronous legacy call: reserve a pilot and tell the pilot station."""
    time.sleep(latency_s)  # ok: GIL004
    if roster.on_duty:  # expect: GIL003
        pilot = roster.on_duty.pop()
    else:
        pilot = None
    roster.assignments_made += 1  # expect: GIL002
    vhf.call("Harbour Control", f"pilot {pilot} to {vessel}")
    roster.log.append((vessel, pilot))
    return pilot


bus = EventBus()


@bus.handler("pilot_request")
async def on_pilot_request(msg, *, roster, vhf, cfg, **_):
    loop = asyncio.get_running_loop()
    job = functools.partial(dispatch_pilot, roster, vhf, msg.vessel,
                            latency_s=cfg["roster_latency_s"])
    return await loop.run_in_executor(None, job)


@bus.handler("arrival")
async def on_arrival(msg, *, board, **_):
    await asyncio.sleep(0.001)
    board[msg.berth] = msg.vessel
    return msg.berth


@bus.handler("departure")
async def on_departure(msg, *, board, cfg, **_):
    log.debug("%s singling up", msg.vessel)
    time.sleep(cfg["gangway_s"])  # expect: GIL004
    board.pop(msg.berth, None)
    return msg.berth


def traffic():
    vessels = [("Nordkap", "B1"), ("Lisa", "B4"), ("Atlantic", "B2"), ("Mira", "B3"),
               ("Helga", "B5"), ("Sunda", "B6")]
    for name, berth in vessels:
        yield VtsMessage("pilot_request", name)
        yield VtsMessage("arrival", name, berth)
    for name, berth in vessels[:4]:
        yield VtsMessage("departure", name, berth)
        yield VtsMessage("pilot_request", name, payload={"outbound": True})


async def run_office(cfg):
    roster = PilotRoster(on_duty=[f"pilot-{n}" for n in range(cfg["pilots"])])
    vhf = VhfChannel(cfg["vhf_talk_s"])
    board = {}
    ctx = {"roster": roster, "vhf": vhf, "board": board, "cfg": cfg}
    pending = []
    handled = defaultdict(int)
    for msg in traffic():
        handled[msg.kind] += 1  # ok: GIL002
        if msg.kind == "departure":
            await asyncio.gather(*pending)
            pending.clear()
        pending.append(asyncio.ensure_future(bus.publish(msg, **ctx)))
    await asyncio.gather(*pending)
    return roster, vhf, board, dict(handled)


def main():
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    started = time.perf_counter()
    roster, vhf, board, handled = asyncio.run(run_office(OFFICE))
    print(f"messages = {handled}")
    print(f"pilot assignments = {roster.assignments_made} (expected {handled['pilot_request']})")
    print(f"pilots left = {len(roster.on_duty)}; unassigned = "
          f"{[v for v, p in roster.log if p is None]}")
    print(f"vhf transcript lines = {len(vhf.transcript)}; berths occupied = {sorted(board)}")
    print(f"elapsed = {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
