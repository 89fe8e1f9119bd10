"""Async projection-booth controller for a small cinema.

The controller is an asyncio program. Subtitle files are encoded in a
process pool, audio-sync offsets are searched in the default thread pool,
the lamp is checked over a socket pair, and the house-lights dimmer is driven
by a blocking serial-style call that was wrapped as a coroutine.
"""
import asyncio
import functools
import logging
import socket
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("projectionist.async_booth")

SHOW = {
    "subtitle_lines": 150_000,
    "sync_window": 250_000,
    "dim_step_s": 0.01,
}

_ledger_lock = threading.Lock()
_played = []


def encode_subtitles(title: str, lines: int) -> int:
    """Build a checksum of a long subtitle track; runs in a child process."""
    checksum = 0
    for i in range(lines):  # ok: GIL001
        checksum = (checksum * 131 + len(title) + i) % 2_147_483_647
    return checksum


def find_sync_offset(title: str, window: int) -> int:
    """Search the audio/picture offset with the best (modelled) correlation."""
    seed = sum(map(ord, title))
    best, best_offset = -1, 0
    for offset in range(window):  # expect: GIL001
        score = (offset * seed) % 1009 - abs(offset - window // 3) % 17
        if score > best:
            best, best_offset = score, offset
    return best_offset


def log_play(title: str, offset: int) -> int:
    _ledger_lock.acquire()  # ok: GIL005
    try:
        if offset < 0:
            raise ValueError("negative sync offset")
        _played.append((title, offset))
        return len(_played)
    finally:
        _ledger_lock.release()


def traced(fn):
    @functools.wraps(fn)
    async def wrapper(self, *args, **kwargs):
        log.info("-> %s%s", fn.__name__, args)
        result = await fn(self, *args, **kwargs)
        log.info("<- %s", fn.__name__)
        return result

    return wrapper


@dataclass
class Feature:
    title: str
    subtitle_lines: int = SHOW["subtitle_lines"]
    checksum: int = 0
    offset: int = 0


@dataclass
class Booth:
    features: list
    dimmer_level: int = 100
    lamp_status: str = "unknown"
    events: list = field(default_factory=list)


class BoothController:
    def __init__(self, booth: Booth, procs: ProcessPoolExecutor, **settings):
        self.booth = booth
        self.procs = procs
        self.settings = {**SHOW, **settings}
        self.lamp_ctrl, self.lamp_sensor = socket.socketpair()
        self.lamp_ctrl.setblocking(False)

    @traced
    async def dim_house_lights(self, target: int) -> None:
        while self.booth.dimmer_level > target:
            self.booth.dimmer_level -= 25
            time.sleep(self.settings["dim_step_s"])  # expect: GIL004

    async def check_lamp(self) -> str:
        loop = asyncio.get_running_loop()
        self.lamp_sensor.sendall(b"LAMP OK 1874h")
        data = await loop.sock_recv(self.lamp_ctrl, 32)  # ok: GIL004
        self.booth.lamp_status = data.decode()
        return self.booth.lamp_status

    async def prepare(self, feature: Feature) -> Feature:
        loop = asyncio.get_running_loop()
        encode = functools.partial(encode_subtitles, feature.title, feature.subtitle_lines)
        sync = functools.partial(find_sync_offset, feature.title, self.settings["sync_window"])
        feature.checksum, feature.offset = await asyncio.gather(
            loop.run_in_executor(self.procs, encode),
            loop.run_in_executor(None, sync),
        )
        slot = await asyncio.to_thread(log_play, feature.title, feature.offset)
        self.booth.events.append(f"slot {slot}: {feature.title}")
        return feature

    async def run(self) -> Booth:
        await self.check_lamp()
        await asyncio.gather(*(self.prepare(f) for f in self.booth.features))
        await self.dim_house_lights(target=25)
        await asyncio.sleep(self.settings["dim_step_s"])  # ok: GIL004
        self.lamp_ctrl.close()
        self.lamp_sensor.close()
        return self.booth


async def main() -> None:
    booth = Booth([Feature("Metropolis"), Feature("Nosferatu", subtitle_lines=90_000)])
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as procs:
        controller = BoothController(booth, procs, sync_window=300_000)
        result = await controller.run()
    print(f"lamp: {result.lamp_status}; house lights at {result.dimmer_level}%")
    for feature in result.features:
        print(f"{feature.title:>10}: checksum {feature.checksum} offset {feature.offset}")
    print(f"events: {sorted(result.events)}")
    print(f"booth ready in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(processName)s %(threadName)s %(message)s")
    asyncio.run(main())
