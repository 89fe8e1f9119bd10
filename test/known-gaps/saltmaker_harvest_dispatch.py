"""Harvest dispatch of a salt works (asyncio).

Trucks queue at the weighbridge, are loaded from the stockpiles and leave through the
gate.  The gate loop and the weighbridge terminal talk over local sockets; a Timer thread
plays the gate sensor.  Tomorrow's tide table (the pans can only be flooded near high
water) is computed in a worker thread.
"""
import asyncio
import math
import socket
import threading
import time
from dataclasses import dataclass

DISPATCH = {
    "trucks": [("SL-101", 18.0), ("SL-102", 24.0), ("SL-103", 12.0), ("SL-104", 20.0), ("SL-105", 16.0)],
    "stockpiles": {"east": 60.0, "west": 45.0},
    "settle_s": 0.004,
    "tide": {"days": 3, "samples_per_min": 90, "m2_period_h": 12.42, "s2_period_h": 12.0},
}

PROTOCOL = {}


def message(kind):
    def register(fn):
        PROTOCOL[kind] = fn
        return fn
    return register


@message(b"G")
def gate_open(dispatcher, payload):
    return f"gate opened for {payload.decode()}"


@message(b"W")
def terminal_ack(dispatcher, payload):
    return f"terminal ack {payload.decode()}"


@dataclass
class Truck:
    plate: str
    capacity_t: float
    load_t: float = 0.0


class Weighbridge:
    def __init__(self, settle_s):
        self.settle_s = settle_s

    def _stabilise(self):
        time.sleep(self.settle_s)  # expect: GIL004 -- blocks the loop: called from load_truck() via weigh()

    def weigh(self, truck):
        self._stabilise()
        return 14.5 + truck.load_t


class TideTable:
    def __init__(self, cfg):
        self.cfg = cfg

    def level(self, minute):
        h = minute / 60
        return (1.8 * math.cos(2 * math.pi * h / self.cfg["m2_period_h"])
                + 0.6 * math.cos(2 * math.pi * h / self.cfg["s2_period_h"]))

    def high_waters(self):
        n = self.cfg["days"] * 24 * 60 * self.cfg["samples_per_min"]
        highs, prev, rising = [], self.level(0), True
        for i in range(1, n):  # expect: GIL001 -- 3 days x 1440 min x 90 samples, run by asyncio.to_thread
            cur = self.level(i / self.cfg["samples_per_min"])
            if rising and cur < prev:
                highs.append(round(i / self.cfg["samples_per_min"] / 60, 2))
            rising, prev = cur >= prev, cur
        return highs


class Dispatcher:
    def __init__(self, cfg):
        self.cfg = cfg
        self.bridge = Weighbridge(cfg["settle_s"])
        self.stock = dict(cfg["stockpiles"])
        self.loaded_t = 0.0
        self.positions = {}
        self.gate_rx, self.gate_tx = socket.socketpair()
        self.term_rx, self.term_tx = socket.socketpair()
        self.term_rx.setblocking(False)

    def close(self):
        for s in (self.gate_rx, self.gate_tx, self.term_rx, self.term_tx):
            s.close()

    async def load_truck(self, truck):
        if truck.plate not in self.positions:  # ok: GIL003 -- positions is only touched by coroutines on the loop thread
            self.positions[truck.plate] = len(self.positions) + 1
        pile = max(self.stock, key=self.stock.get)
        take = min(truck.capacity_t, self.stock[pile])
        self.stock[pile] -= take  # ok: GIL002 -- only the event-loop thread touches the stockpiles
        truck.load_t = take
        gross = self.bridge.weigh(truck)
        self.loaded_t += take  # ok: GIL002 -- coroutines share one thread
        await asyncio.sleep(0.001)  # ok: GIL004 -- asyncio.sleep does not block
        return truck.plate, gross

    async def wait_gate(self):
        data = self.gate_rx.recv(64)  # expect: GIL004 -- blocking socket recv on the event loop
        return PROTOCOL[data[:1]](self, data[1:])

    async def wait_terminal(self):
        loop = asyncio.get_running_loop()
        data = await loop.sock_recv(self.term_rx, 64)  # ok: GIL004 -- non-blocking socket awaited through the loop
        return PROTOCOL[data[:1]](self, data[1:])


async def run_day(dispatcher):
    tides = asyncio.create_task(asyncio.to_thread(TideTable(dispatcher.cfg["tide"]).high_waters))
    trucks = [Truck(p, c) for p, c in dispatcher.cfg["trucks"]]
    loads = [asyncio.create_task(dispatcher.load_truck(t)) for t in trucks]
    done, _ = await asyncio.wait(loads)
    dispatcher.term_tx.send(b"Wbatch-1")
    terminal = await dispatcher.wait_terminal()
    gate = await dispatcher.wait_gate()
    return sorted(t.result() for t in done), terminal, gate, await tides


def main():
    dispatcher = Dispatcher(DISPATCH)
    sensor = threading.Timer(0.02, dispatcher.gate_tx.send, args=(b"GSL-105",))
    sensor.start()
    try:
        weighed, terminal, gate, highs = asyncio.run(run_day(dispatcher))
    finally:
        sensor.join()
        dispatcher.close()
    for plate, gross in weighed:
        print(f"{plate}: gross {gross:.1f} t")
    print(terminal, "|", gate)
    print(f"loaded {dispatcher.loaded_t:.1f} t, stock left {dispatcher.stock}")
    print(f"high waters (h): {highs}")


if __name__ == "__main__":
    main()
