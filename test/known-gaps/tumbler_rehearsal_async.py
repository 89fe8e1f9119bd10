"""Dress rehearsal cue desk for a tumbling troupe, run on asyncio.

The ringmaster's desk (a plain thread) sends lighting and music cues down two
socket pairs. The stage manager follows both cue lines from coroutines while the
routine difficulty scores are worked out with asyncio.to_thread.
"""
import asyncio
import functools
import itertools
import logging
import math
import socket
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("tumbler.cues")

CUE_SIZE = 16
STATS = {"scored": 0}
REHEARSAL = {
    "cues": ["house-down", "spot-1", "drumroll", "spot-2", "wash", "fanfare",
             "blackout", "spot-3", "cymbal", "bow-lights", "house-up", "exit"],
    "cue_gap_s": 0.008,
    "bonus": 0.15,
    "weights": {"tempo": 1.1, "height": 0.9},
}


@dataclass(frozen=True)
class Element:
    name: str
    value: float
    twist: int


def logged(coro_fn):
    """Decorator for coroutines: log entry and exit with the elapsed time."""
    @functools.wraps(coro_fn)
    async def wrapper(*args, **kwargs):
        started = time.perf_counter()
        log.info("-> %s", coro_fn.__name__)
        try:
            return await coro_fn(*args, **kwargs)
        finally:
            log.info("<- %s %.1f ms", coro_fn.__name__, (time.perf_counter() - started) * 1e3)
    return wrapper


def encode_cue(text):
    return text.encode()[:CUE_SIZE].ljust(CUE_SIZE, b".")


class CueDesk:
    """The ringmaster's desk: a plain thread pushing cues down every line."""

    def __init__(self, lines, cues, gap):
        self.lines = lines
        self.cues = cues
        self.gap = gap
        self.thread = threading.Thread(target=self._send_all, name="cue-desk")

    def _send_all(self):
        for n, cue in enumerate(self.cues):  # ok: GIL001
            for line in self.lines:
                line.sendall(encode_cue(f"{n}:{cue}"))
            time.sleep(self.gap)  # ok: GIL004
        for line in self.lines:
            line.shutdown(socket.SHUT_WR)


def split_cues(buf, out):
    while len(buf) >= CUE_SIZE:
        out.append(buf[:CUE_SIZE].rstrip(b".").decode())
        buf = buf[CUE_SIZE:]
    return buf


@logged
async def follow_lights(sock, seen):
    loop = asyncio.get_running_loop()
    pending = b""
    while True:
        chunk = await loop.sock_recv(sock, 64)  # ok: GIL004
        if not chunk:
            break
        pending = split_cues(pending + chunk, seen)
    return "lights", len(seen)


@logged
async def follow_music(sock, seen):
    pending = b""
    while True:
        chunk = sock.recv(64)  # expect: GIL004
        if not chunk:
            break
        pending = split_cues(pending + chunk, seen)
        await asyncio.sleep(0)
    return "music", len(seen)


def combo_value(a, b, c, bonus):
    twist = abs(a.twist - b.twist) + abs(b.twist - c.twist)
    linked = 1.0 + bonus * (twist % 3)
    return (a.value + b.value + c.value) * linked / (1.0 + math.log1p(twist))


def score_routine(title, elements, *, bonus, **weights):
    """Runs in a worker thread via asyncio.to_thread."""
    scale = weights.get("tempo", 1.0) * weights.get("height", 1.0)
    combos = [combo_value(a, b, c, bonus) for a, b, c in itertools.combinations(elements, 3)]  # expect: GIL001
    STATS["scored"] += 1  # expect: GIL002
    return title, round(scale * (max(combos) + sum(combos) / len(combos)), 3)


def build_routines():
    names = ["roundoff", "flic-flac", "layout", "full-twist", "arabian", "barani",
             "rudi", "randi", "tuck", "pike", "whip", "double"]
    routines = {}
    for r, title in enumerate(["Opening Tumble", "Springboard Set", "Finale Pass", "Trio Line"]):
        routines[title] = [Element(f"{names[(r + i) % len(names)]}-{i}", 0.1 * (1 + (i * 7 + r) % 9),
                                   (i * 3 + r) % 5) for i in range(90)]
    return routines


async def dress_rehearsal(config):
    lights_desk, lights_stage = socket.socketpair()
    music_desk, music_stage = socket.socketpair()
    lights_stage.setblocking(False)
    desk = CueDesk([lights_desk, music_desk], config["cues"], config["cue_gap_s"])
    desk.thread.start()
    lights_seen, music_seen = [], []
    scoring = [asyncio.to_thread(score_routine, title, elements,
                                 bonus=config["bonus"], **config["weights"])
               for title, elements in build_routines().items()]
    try:
        results = await asyncio.gather(follow_lights(lights_stage, lights_seen),
                                       follow_music(music_stage, music_seen), *scoring)
    finally:
        desk.thread.join()
        for s in (lights_desk, lights_stage, music_desk, music_stage):
            s.close()
    return results


def main():
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    results = asyncio.run(dress_rehearsal(REHEARSAL))
    for name, value in results:
        print(f"{name:<16} {value}")
    print(f"routines scored: {STATS['scored']}")
    print(f"rehearsal ran {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
