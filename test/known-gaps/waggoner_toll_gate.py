"""Turnpike toll gate on the waggon road.

An asyncio toll-house loop reads the turnpike trust's notice, posts the rate board off the
loop, and sends arriving waggons down socket pairs to two gatekeeper threads, which take
the toll and lift the bar.
"""
import asyncio
import functools
import logging
import os
import pathlib
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field
from urllib.request import urlopen

logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
log = logging.getLogger("waggoner.tolls")

FRAME = 32
RATES = {"waggon": 6, "cart": 3, "coach": 4, "drove": 1}


@dataclass
class TollGate:
    name: str
    tolls_taken: int = 0
    passed: list = field(default_factory=list)
    _bar: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def lift_bar(self, waggon, timeout=0.5):
        if not self._bar.acquire(timeout=timeout):  # ok: GIL005
            log.warning("bar jammed for %s", waggon)
            return False
        try:
            time.sleep(0.001)  # the bar swings up and down
            self.passed.append(waggon)
            return True
        finally:
            self._bar.release()


def keep_gate(gate, sock, rates):
    """Gatekeeper thread: one waggon per frame, until the END frame."""
    while True:  # ok: GIL001
        data = sock.recv(FRAME)  # ok: GIL004
        if not data or data.startswith(b"END"):
            break
        waggon = data.decode().strip()
        fee = rates[waggon.split(":")[0]]
        gate.tolls_taken += fee  # expect: GIL002
        gate.lift_bar(waggon)


def post_rates_board(path, rates):
    with open(path, "w") as fh:
        for kind, pence in sorted(rates.items()):
            fh.write(f"{kind:<8}{pence}d\n")
    time.sleep(0.01)  # ok: GIL004
    return path


class TollHouse:
    def __init__(self, gate, workdir):
        self.gate = gate
        self.workdir = workdir
        self.keepers = []
        self.lanes = []

    async def check_turnpike_notice(self, url):
        with urlopen(url) as resp:  # expect: GIL004
            notice = resp.read().decode()
        return [line for line in notice.splitlines() if line.strip()]

    def open_lanes(self, count):
        for i in range(count):
            loop_end, keeper_end = socket.socketpair()
            loop_end.setblocking(False)
            t = threading.Thread(target=keep_gate, args=(self.gate, keeper_end, RATES),
                                 name=f"keeper-{i}")
            self.keepers.append((t, keeper_end))
            self.lanes.append(loop_end)
            t.start()

    async def send(self, lane, text):
        loop = asyncio.get_running_loop()
        await loop.sock_sendall(self.lanes[lane], text.encode().ljust(FRAME))

    async def close_lanes(self):
        for lane in range(len(self.lanes)):
            await self.send(lane, "END")
        for t, keeper_end in self.keepers:
            await asyncio.to_thread(t.join)
            keeper_end.close()
        for s in self.lanes:
            s.close()


async def traffic(house, arrivals):
    for i, kind in enumerate(arrivals):
        await house.send(i % 2, f"{kind}:{i}")
        await asyncio.sleep(0.002)


async def main():
    with tempfile.TemporaryDirectory() as tmp:
        notice_path = pathlib.Path(tmp, "notice.txt")
        notice_path.write_text("Turnpike Trust\n\nNo broad wheels under 9 inches after Lady Day\n")
        gate = TollGate("Botley gate")
        house = TollHouse(gate, tmp)
        loop = asyncio.get_running_loop()
        notice = await house.check_turnpike_notice(notice_path.as_uri())
        board = loop.run_in_executor(None, functools.partial(post_rates_board,
                                                             os.path.join(tmp, "board.txt"), RATES))
        house.open_lanes(2)
        arrivals = ["waggon", "cart", "coach", "waggon", "drove", "cart"] * 5
        await asyncio.gather(traffic(house, arrivals), board)
        await house.close_lanes()
    expected = sum(RATES[k] for k in arrivals)
    print(f"notice: {notice[-1]}")
    print(f"{gate.name}: {len(gate.passed)} passed, tolls {gate.tolls_taken}d (expected {expected}d)")


if __name__ == "__main__":
    asyncio.run(main())
