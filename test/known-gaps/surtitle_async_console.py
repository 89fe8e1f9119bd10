"""Surtitle operator console (asyncio) driving a projector link thread.

The operator's key presses (GO / CLEAR / HOLD) arrive as events on the asyncio
loop; GO queues the next slide, the projector link thread picks queued slides up
and renders them, CLEAR drops everything queued (e.g. a cut in the score).
"""
from __future__ import annotations

import asyncio
import functools
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Awaitable, Callable, Dict, List

log = logging.getLogger("surtitles.console")

CONSOLE_CFG = {"frame_s": 0.003, "hold_s": 0.004, "key_gap_s": 0.006, "heartbeats": 5}
SCRIPT = ["GO", "GO", "GO", "HOLD", "GO", "CLEAR", "GO", "GO", "HOLD", "GO", "GO", "CLEAR", "GO"]


@dataclass
class ConsoleState:
    pending: List[int] = field(default_factory=list)
    shown: List[int] = field(default_factory=list)
    current: int = 0
    lock: threading.RLock = field(default_factory=threading.RLock)


class ProjectorLink(threading.Thread):
    """Talks to the surtitle projector; renders queued slides frame by frame."""

    def __init__(self, state: ConsoleState, stop: threading.Event, *, frame_s: float, **thread_kwargs):
        super().__init__(name="projector", daemon=True, **thread_kwargs)
        self.state = state
        self.stop = stop
        self.frame_s = frame_s

    def _render(self, slide: int) -> None:
        if not self.state.lock.acquire(timeout=0.05):  # ok: GIL005
            log.warning("display busy, slide %d dropped", slide)
            return
        try:
            self.state.current = slide
            self.state.shown.append(slide)
        finally:
            self.state.lock.release()

    def run(self) -> None:
        while not self.stop.is_set():  # ok: GIL001
            if self.state.pending:  # expect: GIL003
                slide = self.state.pending.pop(0)
                self._render(slide)
            self.stop.wait(self.frame_s)


def heartbeat(beats: int, interval: float, sink: List[float]) -> None:
    for _ in range(beats):
        time.sleep(interval)  # ok: GIL004
        sink.append(time.monotonic())


def command(name: str):
    """Register a coroutine method as the handler of one console key."""
    def deco(fn: Callable[..., Awaitable[None]]):
        fn.__console_key__ = name
        @functools.wraps(fn)
        async def wrapper(self, *args, **kwargs):
            log.debug("key %s", name)
            return await fn(self, *args, **kwargs)
        wrapper.__console_key__ = name
        return wrapper
    return deco


class OperatorConsole:
    def __init__(self, state: ConsoleState, *, hold_s: float):
        self.state = state
        self.hold_s = hold_s
        self.next_slide = 1
        self.handlers: Dict[str, Callable[[], Awaitable[None]]] = {}
        for attr in dir(self):
            member = getattr(self, attr)
            key = getattr(member, "__console_key__", None)
            if key:
                self.handlers[key] = member

    @command("GO")
    async def go(self) -> None:
        self.state.pending.append(self.next_slide)
        self.next_slide += 1  # ok: GIL002

    @command("CLEAR")
    async def clear(self) -> None:
        with self.state.lock:
            if self.state.pending:  # ok: GIL003
                self.state.pending.clear()

    @command("HOLD")
    async def hold(self) -> None:
        time.sleep(self.hold_s)  # expect: GIL004
        await asyncio.to_thread(time.sleep, self.hold_s)  # ok: GIL004

    async def run_script(self, keys: List[str], gap_s: float) -> None:
        for key in keys:
            await self.handlers[key]()
            await asyncio.sleep(gap_s)


async def session(state: ConsoleState, *, frame_s: float, hold_s: float, key_gap_s: float,
                  heartbeats: int) -> List[float]:
    stop = threading.Event()
    beats: List[float] = []
    projector = ProjectorLink(state, stop, frame_s=frame_s)
    pulse = threading.Thread(target=heartbeat, args=(heartbeats, frame_s * 2, beats), name="heartbeat")
    projector.start()
    pulse.start()
    console = OperatorConsole(state, hold_s=hold_s)
    await console.run_script(SCRIPT, key_gap_s)
    await asyncio.sleep(frame_s * 3)
    stop.set()
    await asyncio.to_thread(projector.join)
    await asyncio.to_thread(pulse.join)
    return beats


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    state = ConsoleState()
    t0 = time.perf_counter()
    beats = asyncio.run(session(state, **CONSOLE_CFG))
    print(f"shown={state.shown} current={state.current} pending={state.pending}")
    print(f"heartbeats={len(beats)} in {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
