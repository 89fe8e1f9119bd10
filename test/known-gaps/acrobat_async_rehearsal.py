"""Async rehearsal coordinator for an acrobat troupe.

The coordinator runs drills as coroutines, receives cues from the sound desk
over local socket pairs, offloads trajectory maths to worker threads and lets
the warm-up timer run in the default executor.
"""
import asyncio
import functools
import logging
import math
import socket
import time
from dataclasses import dataclass, field

log = logging.getLogger("acrobat.rehearsal")

SETTINGS = {
    "trajectory_samples": 400_000,
    "warmup_s": 0.02,
    "retry_delay_s": 0.005,
}


@dataclass
class Drill:
    name: str
    reps: int
    rest_s: float
    launch_speed: float = 6.0
    launch_angle_deg: float = 62.0

    @property
    def launch_angle(self) -> float:
        return math.radians(self.launch_angle_deg)


@dataclass
class RehearsalLog:
    heights: dict = field(default_factory=dict)
    cues: list = field(default_factory=list)
    reps_done: int = 0


def retry(times: int = 3, *, delay: float = SETTINGS["retry_delay_s"]):
    def decorator(coro_fn):
        @functools.wraps(coro_fn)
        async def wrapper(*args, **kwargs):
            last = None
            for attempt in range(times):
                try:
                    return await coro_fn(*args, **kwargs)
                except ConnectionError as exc:
                    last = exc
                    log.info("attempt %d failed: %s", attempt + 1, exc)
                    await asyncio.sleep(delay)  # ok: GIL004
            raise RuntimeError("cue channel kept failing") from last

        return wrapper

    return decorator


def compute_apex(samples: int, speed: float, angle: float) -> float:
    """Sample a ballistic trajectory finely and return the apex height."""
    g = 9.81
    flight = 2 * speed * math.sin(angle) / g
    best = 0.0
    for i in range(samples):  # expect: GIL001
        t = flight * i / samples
        y = speed * math.sin(angle) * t - 0.5 * g * t * t
        if y > best:
            best = y
    return best


def stretch(seconds: float, group: str) -> str:
    time.sleep(seconds)  # ok: GIL004
    return f"{group} warmed up"


class CueChannel:
    """Sound-desk cues arrive on a socketpair; the desk end is written by us for the demo."""

    def __init__(self, blocking: bool):
        self.desk, self.floor = socket.socketpair()
        self.floor.setblocking(blocking)

    def send_cue(self, text: str) -> None:
        self.desk.sendall(text.encode().ljust(16))

    async def next_cue_blocking(self) -> str:
        data = self.floor.recv(16)  # expect: GIL004
        if not data:
            raise ConnectionError("desk hung up")
        return data.decode().strip()

    async def next_cue(self) -> str:
        loop = asyncio.get_running_loop()
        data = await loop.sock_recv(self.floor, 16)  # ok: GIL004
        if not data:
            raise ConnectionError("desk hung up")
        return data.decode().strip()

    def close(self) -> None:
        self.desk.close()
        self.floor.close()


class Coordinator:
    def __init__(self, drills, **settings):
        self.drills = list(drills)
        self.settings = {**SETTINGS, **settings}
        self.log = RehearsalLog()
        self.legacy = CueChannel(blocking=True)
        self.modern = CueChannel(blocking=False)

    async def warm_up(self) -> None:
        loop = asyncio.get_running_loop()
        job = functools.partial(stretch, self.settings["warmup_s"], group="flyers")
        message = await loop.run_in_executor(None, job)
        self.log.cues.append(message)

    @retry(times=2)
    async def take_cue(self, modern: bool) -> str:
        channel = self.modern if modern else self.legacy
        return await (channel.next_cue() if modern else channel.next_cue_blocking())

    async def run_drill(self, drill: Drill) -> None:
        apex = await asyncio.to_thread(
            compute_apex, self.settings["trajectory_samples"], drill.launch_speed, drill.launch_angle
        )
        self.log.heights[drill.name] = round(apex, 3)
        for rep in range(drill.reps):
            self.log.reps_done += 1
            time.sleep(drill.rest_s)  # expect: GIL004
        await asyncio.sleep(drill.rest_s)  # ok: GIL004

    async def rehearse(self) -> RehearsalLog:
        self.legacy.send_cue("lights")
        self.modern.send_cue("music")
        await self.warm_up()
        self.log.cues.append(await self.take_cue(modern=False))
        self.log.cues.append(await self.take_cue(modern=True))
        await asyncio.gather(*(self.run_drill(d) for d in self.drills))
        self.legacy.close()
        self.modern.close()
        return self.log


async def main() -> None:
    drills = [
        Drill("straddle jump", reps=3, rest_s=0.01),
        Drill("layout", reps=2, rest_s=0.015, launch_speed=7.2),
        Drill("pike", reps=2, rest_s=0.01, launch_angle_deg=70),
    ]
    coordinator = Coordinator(drills, trajectory_samples=300_000)
    start = time.perf_counter()
    result = await coordinator.rehearse()
    print(f"cues: {result.cues}")
    print(f"apex heights: {result.heights}")
    print(f"reps done: {result.reps_done} in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
