"""Async show controller for a puppet theatre.

Cues arrive from the stage manager over local sockets. Each cue moves a
puppet: motion curves are rendered in a thread pool, the control rig is
driven through a small synchronous driver library, and the controller keeps
a log of what happened.
"""
import asyncio
import contextlib
import functools
import logging
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("puppeteer.show")

RIG = {
    "settle_s": 0.01,
    "curve_frames": 250_000,
    "smoothing": 0.97,
}


@dataclass
class Cue:
    puppet: str
    gesture: str
    frames: int = RIG["curve_frames"]


@dataclass
class ShowLog:
    events: list = field(default_factory=list)
    curves: dict = field(default_factory=dict)

    def add(self, text: str) -> None:
        self.events.append(f"{time.perf_counter():.3f} {text}")


def render_motion_curve(frames: int, smoothing: float, gesture: str) -> list:
    """Exponentially smoothed joint path for a gesture."""
    seed = sum(map(ord, gesture)) % 17 + 3
    acc = 0.0
    curve = []
    for f in range(frames):  # expect: GIL001
        raw = (f * seed) % 29 - 14
        acc = acc * smoothing + raw * (1.0 - smoothing)
        if f % 50 == 0:
            curve.append(round(acc, 4))
    return curve


def _settle_strings(delay: float) -> None:
    """Let the strings stop swinging before the next move (driver library)."""
    time.sleep(delay)  # expect: GIL004


class RigDriver:
    """Thin synchronous driver for the motorised control bars."""

    def move(self, puppet: str, gesture: str) -> str:
        _settle_strings(RIG["settle_s"])
        return f"{puppet}:{gesture}"


class StageLink:
    def __init__(self):
        self.manager, self.booth = socket.socketpair()
        self.booth.setblocking(False)
        self.status_out, self.status_in = socket.socketpair()

    def send(self, cue: Cue) -> None:
        self.manager.sendall(f"{cue.puppet},{cue.gesture};".encode())

    async def receive(self, size: int = 64) -> bytes:
        loop = asyncio.get_running_loop()
        return await loop.sock_recv(self.booth, size)  # ok: GIL004

    async def read_status(self) -> str:
        return self.status_in.recv(32).decode()  # expect: GIL004

    def close(self) -> None:
        for s in (self.manager, self.booth, self.status_out, self.status_in):
            s.close()


class ShowController:
    def __init__(self, link: StageLink, pool: ThreadPoolExecutor, **rig):
        self.link = link
        self.pool = pool
        self.rig = {**RIG, **rig}
        self.driver = RigDriver()
        self.log = ShowLog()

    async def perform(self, cue: Cue) -> None:
        loop = asyncio.get_running_loop()
        job = functools.partial(render_motion_curve, cue.frames, self.rig["smoothing"], cue.gesture)
        curve = await loop.run_in_executor(self.pool, job)
        self.log.curves[cue.gesture] = len(curve)
        moved = self.driver.move(cue.puppet, cue.gesture)
        self.log.add(f"moved {moved}")
        await asyncio.to_thread(time.sleep, self.rig["settle_s"])  # ok: GIL004

    async def listen(self, expected: int) -> list:
        buffer = b""
        cues = []
        while len(cues) < expected:
            buffer += await self.link.receive()
            *complete, buffer = buffer.split(b";")
            for item in complete:
                puppet, gesture = item.decode().split(",")
                cues.append(Cue(puppet, gesture))
        return cues

    async def run(self, cues) -> ShowLog:
        self.link.status_out.sendall(b"house lights down")
        self.log.add(await self.link.read_status())
        for cue in cues:
            self.link.send(cue)
        received = await self.listen(len(cues))
        await asyncio.gather(*(self.perform(c) for c in received))
        return self.log


async def main() -> None:
    cues = [Cue("punch", "bow"), Cue("judy", "wave"), Cue("crocodile", "snap")]
    with contextlib.ExitStack() as stack:
        pool = stack.enter_context(ThreadPoolExecutor(max_workers=2, thread_name_prefix="curve"))
        link = StageLink()
        stack.callback(link.close)
        controller = ShowController(link, pool, settle_s=0.005)
        start = time.perf_counter()
        result = await controller.run(cues)
    for line in result.events:
        print(line.split(" ", 1)[1])
    print(f"curves: {result.curves}")
    print(f"show ran {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
