"""An evening at a turnpike tollhouse, driven by an asyncio event loop.

Gate coroutines admit traffic and ring the gate bell; a telegraph socket pair
carries signals from the next tollhouse.  The lamp-lighter's rounds run on
threading.Timer threads that share the lamp book.
"""
import asyncio
import socket
import threading
import time
from dataclasses import dataclass, field

EVENING = {
    "gates": {"Main": ["coach", "wagon", "gig", "horse", "coach", "wagon"],
              "Side": ["horse", "gig", "horse", "drove"]},
    "bell_seconds": 0.003,
    "max_waiting": 8,
    "lamps": ["gate", "porch", "bridge", "milestone", "weighbridge"],
    "lighters": 3,
    "oil_pints": 20,
}
TARIFF_RULES = {}


def tariff_rule(kind):
    def register(fn):
        TARIFF_RULES[kind] = fn
        return fn
    return register


@tariff_rule("coach")
def _coach(n):
    return 6 + n % 2


@tariff_rule("wagon")
def _wagon(n):
    return 8


@tariff_rule("gig")
def _gig(n):
    return 3


@tariff_rule("horse")
def _horse(n):
    return 1


@dataclass
class GateTally:
    collected: int = 0
    waiting: int = 0
    by_kind: dict = field(default_factory=dict)


class Bell:
    def __init__(self, seconds):
        self.seconds = seconds

    def __call__(self):
        return self._strike(times=1)

    def _strike(self, times):
        for _ in range(times):  # ok: GIL001 -- one strike, and it runs on the event loop, not a thread
            time.sleep(self.seconds)  # expect: GIL004 -- Bell() is called from the Gate.admit coroutine; blocks the loop
        return times


class Gate:
    def __init__(self, name, tally, bell):
        self.name, self.tally, self.bell = name, tally, bell

    @staticmethod
    def fare(kind, n):
        rule = TARIFF_RULES.get(kind)
        return rule(n) if rule else 0

    async def admit(self, n, kind):
        self.tally.waiting += 1  # ok: GIL002 -- tally is touched only by coroutines on the loop thread
        self.bell()
        await asyncio.sleep(0.001)  # ok: GIL004 -- asyncio.sleep gives the loop back
        self.tally.collected += self.fare(kind, n)  # ok: GIL002 -- loop thread only
        self.tally.by_kind[kind] = self.tally.by_kind.get(kind, 0) + 1  # ok: GIL002 -- loop thread only
        self.tally.waiting -= 1  # ok: GIL002 -- loop thread only


class SideGate(Gate):
    """The side gate turns droves away, and everyone when the road is jammed."""

    async def admit(self, n, kind):
        if self.tally.waiting > EVENING["max_waiting"]:  # ok: GIL003 -- loop thread only, and no await between test and return
            return
        if kind == "drove":
            return
        await super().admit(n, kind)


class Telegraph:
    def __init__(self):
        self.near, self.far = socket.socketpair()

    def send(self, text):
        self.far.sendall(text.encode())

    async def read_blocking(self):
        return self.near.recv(64).decode()  # expect: GIL004 -- blocking socket recv inside async def

    async def read_polite(self):
        loop = asyncio.get_running_loop()
        self.near.setblocking(False)
        return (await loop.sock_recv(self.near, 64)).decode()  # ok: GIL004 -- awaited loop.sock_recv on a non-blocking socket

    def close(self):
        self.near.close()
        self.far.close()


class LampBook:
    def __init__(self, lamps, oil):
        self.lock = threading.Lock()
        self.lit = set()
        self.rounds = 0
        self.oil = oil
        self.lamps = lamps

    def light_round(self, lighter):
        for lamp in self.lamps:  # ok: GIL001 -- five lamps, a trivial amount of work per Timer
            if lamp not in self.lit:  # expect: GIL003 -- several Timer threads test the shared lamp set, then light, no lock
                self.lit.add(lamp)
        self.rounds += 1  # expect: GIL002 -- LampBook shared by all lighter Timers, no lock
        self.trim_wicks(lighter)

    def trim_wicks(self, lighter):
        self.lock.acquire()  # expect: GIL005 -- the early return when the oil runs out skips release()
        if self.oil <= 0:
            return
        self.oil -= 1  # ok: GIL002 -- between acquire() and release() on this path
        self.lock.release()


def make_gates(config, tally, bell):
    kinds = {"Main": Gate, "Side": SideGate}
    return {name: kinds[name](name, tally, bell) for name in config["gates"]}


async def evening(config):
    tally, bell = GateTally(), Bell(config["bell_seconds"])
    gates = make_gates(config, tally, bell)
    telegraph = Telegraph()
    telegraph.send("coach-up")
    first = await telegraph.read_blocking()
    telegraph.send("all-clear")
    second = await telegraph.read_polite()
    telegraph.close()
    await asyncio.gather(*(gates[name].admit(n, kind)
                           for name, traffic in config["gates"].items()
                           for n, kind in enumerate(traffic)))
    return tally, (first, second)


def main():
    book = LampBook(EVENING["lamps"], EVENING["oil_pints"])
    lighters = [threading.Timer(0.002 * i, book.light_round, args=(f"lighter-{i}",))
                for i in range(EVENING["lighters"])]
    for t in lighters:
        t.start()
    tally, signals = asyncio.run(evening(EVENING))
    for t in lighters:
        t.join()
    print(f"collected {tally.collected}d; kinds {dict(sorted(tally.by_kind.items()))}")
    print(f"signals: {signals}; lamps lit {sorted(book.lit)}; rounds {book.rounds}; oil left {book.oil}")


if __name__ == "__main__":
    main()
