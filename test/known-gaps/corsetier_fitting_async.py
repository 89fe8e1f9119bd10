"""Corset workshop: fitting-room service.

Two measuring tapes stream a client's measurements over local sockets: the old bench
tape is read with a plain blocking socket, the wireless tape through the event loop.
Once measured, a pattern block is drafted (on the loop's default thread pool) and the
block is graded for the mock-up in a separate process.
"""
import asyncio
import functools
import math
import socket
import threading
import time
from concurrent.futures import ProcessPoolExecutor

FITTING = {
    "clients": {
        "Mme Duval": {"bust": 88.0, "waist": 64.0, "hip": 94.0, "length": 34.0, "tape": "bench"},
        "Ms Okafor": {"bust": 96.0, "waist": 72.0, "hip": 101.0, "length": 36.0, "tape": "wireless"},
        "Fru Berg": {"bust": 84.0, "waist": 62.0, "hip": 90.0, "length": 33.0, "tape": "bench"},
    },
    "panels": 6,
    "draft_resolution": 160,
    "draft_passes": 480,
    "grade_steps": 120,
    "tape_delay_s": 0.001,
}

BLOCK_CACHE = {}


class TapeDevice(threading.Thread):
    """Simulated tape: writes `name=value` lines into its end of a socket pair."""

    def __init__(self, sock, measures, delay):
        super().__init__(daemon=True)
        self.sock = sock
        self.measures = measures
        self.delay = delay

    def run(self):
        for key, value in self.measures.items():  # ok: GIL001 -- four lines, sleeps between them
            time.sleep(self.delay)  # ok: GIL004 -- runs in the TapeDevice thread; the coroutine only starts it
            self.sock.sendall(f"{key}={value}\n".encode())
        self.sock.sendall(b"END\n")
        self.sock.close()


def parse_lines(buf):
    *lines, rest = buf.split(b"\n")
    return [ln.decode() for ln in lines], rest


TAPES = {}


def tape(kind):
    def deco(cls):
        TAPES[kind] = cls
        return cls
    return deco


class Tape:
    def __init__(self, sock):
        self.sock = sock

    @staticmethod
    def absorb(measures, lines):
        for ln in lines:
            if ln == "END":
                return True
            key, value = ln.split("=")
            measures[key] = float(value)
        return False

    async def read(self, loop):
        raise NotImplementedError


@tape("bench")
class BenchTape(Tape):
    def _recv_chunk(self):
        return self.sock.recv(256)  # expect: GIL004 -- blocking recv, reached from the coroutine BenchTape.read

    def read_measures(self):
        measures, buf = {}, b""
        while True:
            chunk = self._recv_chunk()
            lines, buf = parse_lines(buf + chunk)
            if not chunk or self.absorb(measures, lines):
                return measures

    async def read(self, loop):
        return self.read_measures()


@tape("wireless")
class WirelessTape(Tape):
    async def read(self, loop):
        self.sock.setblocking(False)
        measures, buf = {}, b""
        while True:
            chunk = await loop.sock_recv(self.sock, 256)  # ok: GIL004 -- awaited event-loop socket API, non-blocking socket
            lines, buf = parse_lines(buf + chunk)
            if not chunk or self.absorb(measures, lines):
                return measures


def base_block(panels, resolution):
    key = (panels, resolution)
    if key not in BLOCK_CACHE:  # expect: GIL003 -- drafting threads of the default executor race on the cache
        BLOCK_CACHE[key] = [[math.sin(math.pi * j / resolution) for j in range(resolution)] for _ in range(panels)]
    return BLOCK_CACHE[key]


class Drafter:
    """Callable drafting job; runs on the event loop's default ThreadPoolExecutor."""

    def __init__(self, cfg):
        self.panels = cfg["panels"]
        self.resolution = cfg["draft_resolution"]
        self.passes = cfg["draft_passes"]

    def __call__(self, name, measures):
        block = base_block(self.panels, self.resolution)
        reduction = (measures["bust"] - measures["waist"]) / self.panels
        lines = []
        for panel in block:  # expect: GIL001 -- 6 panels x 480 fairing passes x 160 points per drafting task
            line = [p * reduction for p in panel]
            for _ in range(self.passes):
                line = [line[0]] + [(line[j - 1] + 2 * line[j] + line[j + 1]) / 4
                                    for j in range(1, len(line) - 1)] + [line[-1]]
            lines.append(line)
        return name, lines


def grade_block(name, lines, steps):
    """Runs in a worker process."""
    area = 0.0
    for s in range(steps):  # ok: GIL001 -- runs in a ProcessPoolExecutor worker
        scale = 1.0 + s / (10 * steps)
        for line in lines:
            area += sum(v * scale for v in line)
    return name, area / steps


class FittingRoom:
    def __init__(self, cfg, procs):
        self.cfg = cfg
        self.procs = procs
        self.fittings = 0
        self.results = {}
        self.drafter = Drafter(cfg)

    async def measure_client(self, name):
        loop = asyncio.get_running_loop()
        spec = dict(self.cfg["clients"][name])
        ours, theirs = socket.socketpair()
        reader = TAPES[spec.pop("tape")](ours)
        TapeDevice(theirs, spec, self.cfg["tape_delay_s"]).start()
        measures = await reader.read(loop)
        ours.close()
        self.fittings += 1  # ok: GIL002 -- coroutine state on the single event loop thread
        name, lines = await loop.run_in_executor(None, functools.partial(self.drafter, name), measures)
        name, area = await loop.run_in_executor(self.procs, grade_block, name, lines, self.cfg["grade_steps"])
        self.results[name] = (measures["waist"], area)


async def main(cfg=FITTING):
    with ProcessPoolExecutor(max_workers=2) as procs:
        room = FittingRoom(cfg, procs)
        names = list(cfg["clients"])
        await asyncio.gather(*(room.measure_client(n) for n in names))
    for name, (waist, area) in sorted(room.results.items()):
        print(f"{name:10s} waist {waist:5.1f} cm  block area {area:9.2f}")
    print(f"{room.fittings} fittings, cached blocks {len(BLOCK_CACHE)}")


if __name__ == "__main__":
    asyncio.run(main())
