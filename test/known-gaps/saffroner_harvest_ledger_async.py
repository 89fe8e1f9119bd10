"""Saffron: harvest ledger for the weigh-in stations at the edge of the fields.

Each field station is a thread that sends picker weigh-ins over a local socket.
An asyncio service reads every station (one legacy reader still uses a blocking
recv), splits frames into records and books them through a queue pipeline.
"""
import asyncio
import json
import os
import socket
import tempfile
import threading
import time

LEDGER_CONFIG = {
    "stations": {
        "north": {"legacy": True, "pickers": ["Amina", "Reza", "Sara"]},
        "terrace": {"legacy": False, "pickers": ["Leila", "Omid", "Amina"]},
        "well": {"legacy": False, "pickers": ["Reza", "Leila"]},
    },
    "rounds": 3,
    "send_gap_s": 0.003,
    "persist_pause_s": 0.01,
}

SENT = {"reports": 0}
LABEL_CACHE = {}
EOF = None


def make_label(picker):
    return f"{picker.upper()}-{len(picker) * 37 % 100:02d}"


class Station(threading.Thread):
    def __init__(self, name, sock, pickers, rounds, gap):
        super().__init__(name=f"station-{name}")
        self.field = name
        self.sock = sock
        self.pickers = pickers
        self.rounds = rounds
        self.gap = gap

    def frames(self):
        for rnd in range(self.rounds):
            for picker in self.pickers:
                grams = 40 + (len(picker) * 13 + rnd * 7) % 25
                yield (json.dumps({"field": self.field, "picker": picker, "g": grams}) + "\n").encode()

    def run(self):
        for frame in self.frames():  # ok: GIL001 -- nine frames at most, a sleep after each
            picker = json.loads(frame)["picker"]
            if picker not in LABEL_CACHE:  # expect: GIL003 -- the same picker weighs in at two stations, both may miss
                LABEL_CACHE[picker] = make_label(picker)
            self.sock.sendall(frame)
            SENT["reports"] += 1  # expect: GIL002 -- all station threads add to the shared counter
            time.sleep(self.gap)  # ok: GIL004 -- a plain station thread, not a coroutine
        self.sock.shutdown(socket.SHUT_WR)


class LineSplitter:
    """Callable that turns a byte stream into complete JSON records."""

    def __init__(self):
        self.buffer = b""

    def __call__(self, chunk):
        self.buffer += chunk  # ok: GIL002 -- each reader has its own splitter, used only by its pump coroutine on the loop thread
        *lines, self.buffer = self.buffer.split(b"\n")
        for line in lines:
            if line:
                yield json.loads(line)


class FrameReader:
    def __init__(self, sock):
        self.sock = sock
        self.split = LineSplitter()

    async def receive(self):
        raise NotImplementedError

    async def pump(self, out_q):
        while chunk := await self.receive():
            for record in self.split(chunk):
                await out_q.put(record)


class LegacyReader(FrameReader):
    def _recv_blocking(self):
        return self.sock.recv(4096)  # expect: GIL004 -- blocking recv on the event loop: pump() -> receive() -> here

    async def receive(self):
        return self._recv_blocking()


class AsyncReader(FrameReader):
    async def receive(self):
        loop = asyncio.get_running_loop()
        return await loop.sock_recv(self.sock, 4096)  # ok: GIL004 -- awaitable sock_recv on a non-blocking socket


class HarvestLedger:
    def __init__(self):
        self.by_field = {}
        self.by_picker = {}
        self.records = 0

    @property
    def total_g(self):
        return sum(self.by_field.values())

    def book(self, record):
        self.by_field[record["field"]] = self.by_field.get(record["field"], 0) + record["g"]  # ok: GIL002 -- only the ledger coroutine on the loop thread writes
        self.by_picker[record["picker"]] = self.by_picker.get(record["picker"], 0) + record["g"]  # ok: GIL002 -- same
        self.records += 1  # ok: GIL002 -- same, no thread touches the ledger while booking

    def persist(self, path, pause_s):
        with open(path, "w") as fh:  # ok: GIL004 -- persist runs in asyncio.to_thread, off the loop
            json.dump({"fields": self.by_field, "pickers": self.by_picker}, fh)
        time.sleep(pause_s)  # ok: GIL004 -- same worker thread
        return os.path.getsize(path)


async def book_all(ledger, in_q):
    while (record := await in_q.get()) is not EOF:
        ledger.book(record)


def open_stations(config):
    readers, stations = [], []
    for name, spec in config["stations"].items():
        ours, theirs = socket.socketpair()
        reader_cls = LegacyReader if spec["legacy"] else AsyncReader
        ours.setblocking(spec["legacy"])
        readers.append(reader_cls(ours))
        stations.append(Station(name, theirs, spec["pickers"], config["rounds"], config["send_gap_s"]))
    return readers, stations


async def main_async(config):
    readers, stations = open_stations(config)
    for st in stations:
        st.start()
    ledger, q = HarvestLedger(), asyncio.Queue()
    booker = asyncio.create_task(book_all(ledger, q))
    await asyncio.gather(*(r.pump(q) for r in readers))
    await q.put(EOF)
    await booker
    for st, r in zip(stations, readers):
        st.join()
        st.sock.close()
        r.sock.close()
    with tempfile.TemporaryDirectory() as tmp:
        size = await asyncio.to_thread(ledger.persist, os.path.join(tmp, "ledger.json"), config["persist_pause_s"])
    print(f"booked {ledger.records} of {SENT['reports']} reports, {ledger.total_g} g fresh stigma, {size} bytes saved")
    print("per field:", ledger.by_field)
    print("labels:", sorted(LABEL_CACHE.values()))


if __name__ == "__main__":
    asyncio.run(main_async(LEDGER_CONFIG))
