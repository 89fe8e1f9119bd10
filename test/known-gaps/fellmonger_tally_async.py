"""Sheepskin wool pulling: the skin tally desk (asyncio).

Buyers' skin sheets arrive over one socket pair (read with a plain blocking recv),
the tannery's sheets over another (read through the event loop). A valuation
thread prices the pelts while the desk keeps reading, and the day's tally is
written to a file in a worker thread.
"""
import asyncio
import logging
import os
import socket
import struct
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, List, Tuple

log = logging.getLogger("fellmonger.tally")

SHEET = struct.Struct("!HHf")  # source id, skins, wool kg
DESK = {
    "buyer_sheets": 6,
    "tannery_sheets": 6,
    "sheet_gap_s": 0.003,
    "valuation_rounds": 300_000,
}


@dataclass
class TallyDesk:
    count: int = 0
    skins: int = 0
    wool_kg: float = 0.0
    by_source: Dict[str, int] = field(default_factory=dict)

    def book(self, source: str, skins: int, wool_kg: float) -> None:
        self.count += 1  # ok: GIL002
        self.skins += skins
        self.wool_kg += wool_kg
        self.by_source[source] = self.by_source.get(source, 0) + skins

    async def read_buyer_sheet(self, sock: socket.socket) -> Tuple[int, int, float]:
        data = sock.recv(SHEET.size)  # expect: GIL004
        src, skins, kg = SHEET.unpack(data)
        self.book(f"buyer-{src}", skins, kg)
        return src, skins, kg

    async def read_tannery_sheet(self, sock: socket.socket) -> Tuple[int, int, float]:
        loop = asyncio.get_running_loop()
        data = b""
        while len(data) < SHEET.size:
            data += await loop.sock_recv(sock, SHEET.size - len(data))  # ok: GIL004
        src, skins, kg = SHEET.unpack(data)
        self.book(f"tannery-{src}", skins, kg)
        return src, skins, kg


def send_sheets(sock: socket.socket, source: int, count: int, gap: float) -> None:
    with sock:
        for k in range(count):
            sock.sendall(SHEET.pack(source, 10 + k, 2.5 * (10 + k)))
            time.sleep(gap)


def value_pelts(sheets: List[Tuple[int, int, float]], rounds: int) -> float:
    price = 0.0
    for r in range(rounds):  # expect: GIL001
        src, skins, kg = sheets[r % len(sheets)]
        grade_factor = 1.0 + ((r * 31) % 17) / 100.0
        price = 0.999 * price + 0.001 * (skins * 1.8 + kg * 4.2) * grade_factor
    return round(price, 2)


def start_valuation(loop: asyncio.AbstractEventLoop, sheets, rounds: int,
                    fut: "asyncio.Future[float]") -> threading.Thread:
    def body() -> None:
        value = value_pelts(sheets, rounds)
        loop.call_soon_threadsafe(fut.set_result, value)

    t = threading.Thread(target=body, name="valuer", daemon=True)
    t.start()
    return t


def write_tally(path: str, rows: Dict[str, int]) -> int:
    with open(path, "w") as fh:
        for source, skins in sorted(rows.items()):
            fh.write(f"{source},{skins}\n")
        fh.flush()
        time.sleep(0.002)  # ok: GIL004
    return os.path.getsize(path)


async def run_desk(workdir: str) -> Dict[str, object]:
    loop = asyncio.get_running_loop()
    desk = TallyDesk()
    buyer_desk, buyer_feed = socket.socketpair()
    tannery_desk, tannery_feed = socket.socketpair()
    tannery_desk.setblocking(False)
    feeders = [
        threading.Thread(target=send_sheets, args=(buyer_feed, 1, DESK["buyer_sheets"],
                                                   DESK["sheet_gap_s"])),
        threading.Thread(target=send_sheets, args=(tannery_feed, 2, DESK["tannery_sheets"],
                                                   DESK["sheet_gap_s"])),
    ]
    for f in feeders:
        f.start()
    first = [await desk.read_buyer_sheet(buyer_desk)]
    price: "asyncio.Future[float]" = loop.create_future()
    valuer = start_valuation(loop, first, DESK["valuation_rounds"], price)
    for _ in range(DESK["buyer_sheets"] - 1):
        await desk.read_buyer_sheet(buyer_desk)
    for _ in range(DESK["tannery_sheets"]):
        await desk.read_tannery_sheet(tannery_desk)
    value = await price
    size = await asyncio.to_thread(write_tally, os.path.join(workdir, "tally.csv"),
                                  dict(desk.by_source))
    for f in feeders + [valuer]:
        f.join()
    buyer_desk.close()
    tannery_desk.close()
    return {"sheets": desk.count, "skins": desk.skins, "wool_kg": round(desk.wool_kg, 1),
            "value": value, "file_bytes": size}


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fellmonger-") as workdir:
        summary = asyncio.run(run_desk(workdir))
    expected = DESK["buyer_sheets"] + DESK["tannery_sheets"]
    print(f"sheets = {summary['sheets']} (expected {expected})")
    print(f"skins = {summary['skins']}, wool = {summary['wool_kg']} kg")
    print(f"valuation = {summary['value']}, tally file = {summary['file_bytes']} bytes")
    print(f"desk closed in {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
