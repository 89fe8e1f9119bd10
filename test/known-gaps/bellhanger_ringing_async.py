"""Practice night in the ringing chamber, on asyncio.

After the bellhanger's overhaul the band rings a plain course of Plain Bob Minor on
the tower simulator. The simulator (a plain thread) reports every blow down a socket;
the chamber coroutine reads them from an asyncio stream, then the striking is analysed
for handstrokes and backstrokes in worker threads and published on the score board.
"""
import asyncio
import logging
import socket
import statistics
import struct
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("bellhanger.practice")

BLOW = struct.Struct("!Hd")
PRACTICE = {
    "bells": 6,
    "leads": 5,
    "blow_gap_s": 0.0004,
    "door_unlock_s": 0.003,
    "trials": 1600,
}
LEAD_MINOR = [(), (1, 6), (), (1, 6), (), (1, 6), (), (1, 6), (), (1, 6), (), (1, 2)]


def apply_change(row, places):
    out = list(row)
    i = 0
    while i < len(out):
        if i + 1 in places:
            i += 1
            continue
        if i + 1 < len(out):
            out[i], out[i + 1] = out[i + 1], out[i]
        i += 2
    return tuple(out)


def plain_course(bells, leads):
    row = tuple(range(1, bells + 1))
    yield row
    for _ in range(leads):
        for places in LEAD_MINOR:
            row = apply_change(row, places)
            yield row


@dataclass
class ScoreBoard:
    scores: dict = field(default_factory=dict)
    deferred: list = field(default_factory=list)
    trials_run: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def publish(self, stroke, score):
        got = self._lock.acquire(blocking=False)  # ok: GIL005
        if not got:
            self.deferred.append((stroke, score))
            return False
        try:
            self.scores[stroke] = score
        finally:
            self._lock.release()
        return True


class BelfryDoor:
    """Async context manager: the tower captain unlocks the belfry for the practice."""

    def __init__(self, unlock_s):
        self.unlock_s = unlock_s

    async def __aenter__(self):
        time.sleep(self.unlock_s)  # expect: GIL004
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(self.unlock_s)  # ok: GIL004
        return False


def simulator(sock, rows, gap):
    """The tower simulator: one datagram-sized record per blow."""
    start = time.perf_counter()
    for row in rows:  # ok: GIL001
        for bell in row:
            sock.sendall(BLOW.pack(bell, time.perf_counter() - start))
        time.sleep(gap)
    sock.shutdown(socket.SHUT_WR)


def analyse_striking(blows, stroke, *, board, trials, bells):
    """Bootstrap the spread of the gaps between blows (pure Python, in a worker thread)."""
    gaps = [b[1] - a[1] for a, b in zip(blows, blows[1:])]
    picked = gaps[0::2] if stroke == "handstroke" else gaps[1::2]
    n = len(picked)
    spreads = []
    for trial in range(trials):  # expect: GIL001
        total = 0.0
        sq = 0.0
        for k in range(n):
            g = picked[(k * 7919 + trial * 104729) % n]
            total += g
            sq += g * g
        mean = total / n
        spreads.append(max(0.0, sq / n - mean * mean) ** 0.5)
    board.trials_run += trials  # expect: GIL002
    score = round(100.0 / (1.0 + 1000.0 * statistics.median(spreads) * bells), 2)
    board.publish(stroke, score)
    return stroke, score


async def read_blows(reader):
    blows = []
    while True:
        try:
            data = await reader.readexactly(BLOW.size)  # ok: GIL004
        except asyncio.IncompleteReadError:
            break
        blows.append(BLOW.unpack(data))
    return blows


async def practice_night(config):
    rows = list(plain_course(config["bells"], config["leads"]))
    tower_end, chamber_end = socket.socketpair()
    sim = threading.Thread(target=simulator, args=(tower_end, rows, config["blow_gap_s"]),
                           name="tower-simulator")
    board = ScoreBoard()
    async with BelfryDoor(config["door_unlock_s"]):
        reader, writer = await asyncio.open_connection(sock=chamber_end)
        sim.start()
        blows = await read_blows(reader)
        writer.close()
        await writer.wait_closed()
        sim.join()
        tower_end.close()
        results = await asyncio.gather(*(
            asyncio.to_thread(analyse_striking, blows, stroke, board=board,
                              trials=config["trials"], bells=config["bells"])
            for stroke in ("handstroke", "backstroke")))
    return rows, blows, board, results


def main():
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    rows, blows, board, results = asyncio.run(practice_night(PRACTICE))
    print(f"rows rung: {len(rows)}; rounds again: {rows[-1] == rows[0]}")
    print(f"blows heard: {len(blows)}")
    for stroke, score in results:
        print(f"  {stroke:<10} striking score {score}")
    print(f"published {sorted(board.scores)}; deferred {len(board.deferred)}; "
          f"trials {board.trials_run}")
    print(f"practice over in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
