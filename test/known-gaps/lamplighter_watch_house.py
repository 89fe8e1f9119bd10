"""Night watch-house: watchmen walk their beats and report lamps that have gone out.

The watch-house runs on asyncio.  Beats are walked in worker threads
(asyncio.to_thread); each watchman reports dark lamps to the shared registry,
which raises a work order for the lamplighters.  The sergeant waits on the
watchman's rattle (a socket) before sending the night's orders off.
"""
from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("lamplighter.watch")

BEATS = {
    "Watchman Grubb": ["C1", "C2", "C3", "F1", "F2"],
    "Watchman Pell": ["F2", "F3", "F4", "M1", "M2"],
    "Watchman Rudd": ["M2", "M3", "M4", "T1", "C3"],
}
DARK_LAMPS = {"C3", "F2", "M2", "T1"}
WATCH_CONFIG = {"pace_s": 0.004, "rattle_after_s": 0.01}


@dataclass
class Beat:
    watchman: str
    lamps: list[str]
    pace_s: float


@dataclass
class LampRegistry:
    reported: dict[str, str] = field(default_factory=dict)
    work_orders: list[str] = field(default_factory=list)

    def report(self, lamp: str, watchman: str) -> bool:
        if lamp not in self.reported:  # expect: GIL003
            time.sleep(0.002)  # write it up in the beat book
            self.reported[lamp] = watchman
            self.work_orders.append(lamp)
            return True
        return False


def walk_beat(beat: Beat, registry: LampRegistry, dark: set[str]) -> list[str]:
    seen_dark = []
    for lamp in beat.lamps:  # ok: GIL001
        time.sleep(beat.pace_s)  # ok: GIL004
        if lamp in dark:
            seen_dark.append(lamp)
            registry.report(lamp, beat.watchman)
    return seen_dark


class Rattle:
    """The watchman's rattle, heard down a speaking-tube (a socket pair)."""

    def __init__(self):
        self._listen, self._spin = socket.socketpair()

    def spin_later(self, after_s: float) -> threading.Timer:
        timer = threading.Timer(after_s, self._spin.sendall, args=(b"rrrrattle",))
        timer.start()
        return timer

    def wait_for_rattle(self) -> bytes:
        return self._listen.recv(32)  # expect: GIL004

    def close(self) -> None:
        self._listen.close()
        self._spin.close()


class Sergeant:
    def __init__(self, rattle: Rattle, registry: LampRegistry):
        self.rattle = rattle
        self.registry = registry
        self.orders_sent: list[str] = []

    async def send_orders(self) -> int:
        heard = self.rattle.wait_for_rattle()
        log.info("heard %r, sending %d orders", heard, len(self.registry.work_orders))
        for lamp in self.registry.work_orders:
            await asyncio.sleep(0.001)  # runner to the lamplighters' depot
            self.orders_sent.append(lamp)
        return len(self.orders_sent)


def make_beats(beats: dict, **beat_kwargs) -> list[Beat]:
    return [Beat(watchman=name, lamps=list(lamps), **beat_kwargs)
            for name, lamps in beats.items()]


async def night(config: dict) -> None:
    registry = LampRegistry()
    rattle = Rattle()
    sergeant = Sergeant(rattle, registry)
    beats = make_beats(BEATS, pace_s=config["pace_s"])

    seen = await asyncio.gather(
        *(asyncio.to_thread(walk_beat, b, registry, DARK_LAMPS) for b in beats))
    timer = rattle.spin_later(config["rattle_after_s"])
    sent = await sergeant.send_orders()
    timer.join()
    rattle.close()

    for beat, dark in zip(beats, seen):
        print(f"{beat.watchman:15s} saw dark: {dark}")
    print(f"work orders: {registry.work_orders} ({sent} sent)")
    dupes = len(registry.work_orders) - len(set(registry.work_orders))
    print(f"duplicate work orders: {dupes}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    t0 = time.perf_counter()
    asyncio.run(night(WATCH_CONFIG))
    print(f"watch ended after {time.perf_counter() - t0:.2f}s")
