"""Coach arrivals in the inn yard, run on an asyncio event loop.

Each arriving coach gets a fresh team: the old horses are unharnessed, led to the
trough, a set of harness is drawn from the harness room and the waybill is
written to the yard book on disk.  A harness-mender thread works in the
harness room at the same time.
"""
import asyncio
import functools
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("ostlery.arrivals")


@dataclass
class Coach:
    name: str
    teams: int
    due_s: float
    passengers: list = field(default_factory=list)


class YardBook:
    """Tally kept by the yard coroutines; only the event loop touches it."""

    def __init__(self):
        self.changes = 0
        self.departed = []


class HarnessRoom:
    def __init__(self, sets_per_kind):
        self._lock = threading.Lock()
        self.pegs = dict(sets_per_kind)
        self.mended = 0

    def issue(self, kind):
        self._lock.acquire()  # expect: GIL005
        if not self.pegs.get(kind):
            log.warning("no %s harness on the pegs", kind)
            return None
        self.pegs[kind] -= 1
        self._lock.release()
        return f"{kind}-set"

    def hang(self, kind):
        with self._lock:
            self.pegs[kind] = self.pegs.get(kind, 0) + 1
            self.mended += 1


def logged(fn):
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        log.info("start %s", fn.__name__)
        result = await fn(*args, **kwargs)
        log.info("end %s", fn.__name__)
        return result

    return wrapper


def _lead_team_to_trough(seconds):
    # a plain helper: whoever calls it waits here
    time.sleep(seconds)  # expect: GIL004
    return "watered"


def _write_waybill(path, lines, pause):
    time.sleep(pause)  # ok: GIL004
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    return len(lines)


def mender(room, kinds, stop, pause):
    while not stop.is_set():
        for kind in kinds:
            time.sleep(pause)
            room.hang(kind)


@logged
async def change_horses(book, room, coach, cfg):
    await asyncio.sleep(coach.due_s)  # ok: GIL004
    await asyncio.sleep(cfg["unharness_s"])
    _lead_team_to_trough(cfg["trough_s"])
    harness = []
    for _ in range(coach.teams):
        harness.append(await asyncio.to_thread(room.issue, "wheel"))
    book.changes += coach.teams  # ok: GIL002
    book.departed.append(coach.name)
    return coach.name, harness


async def write_waybills(path, coaches, pause):
    loop = asyncio.get_running_loop()
    lines = [f"{c.name}: {c.teams} team(s), {len(c.passengers)} inside" for c in coaches]
    return await loop.run_in_executor(None, functools.partial(_write_waybill, path, lines, pause))


async def run_yard(cfg):
    book = YardBook()
    room = HarnessRoom({"wheel": 40, "lead": 20})
    stop = threading.Event()
    mender_thread = threading.Thread(target=mender, args=(room, ("lead",), stop, 0.01),
                                     name="mender", daemon=True)
    mender_thread.start()
    coaches = [Coach(name, teams, due, passengers=["outside"] * teams)
               for name, teams, due in cfg["timetable"]]
    try:
        results = await asyncio.gather(*(change_horses(book, room, c, cfg) for c in coaches))
        written = await write_waybills(cfg["waybill"], coaches, cfg["ink_s"])
    finally:
        stop.set()
        mender_thread.join()
    return book, room, results, written


def main():
    tmp = tempfile.mkdtemp(prefix="ostlery-")
    cfg = {
        "timetable": [("Bath Mail", 2, 0.01), ("York Flyer", 1, 0.02),
                      ("Dover Regulator", 2, 0.015), ("Exeter Telegraph", 1, 0.03)],
        "unharness_s": 0.01,
        "trough_s": 0.02,
        "ink_s": 0.01,
        "waybill": os.path.join(tmp, "waybill.txt"),
    }
    start = time.perf_counter()
    book, room, results, written = asyncio.run(run_yard(cfg))
    print(f"changed {book.changes} teams for {len(results)} coaches "
          f"in {time.perf_counter() - start:.2f}s")
    print(f"waybill lines written: {written}; harness left: {room.pegs}; mended {room.mended}")
    for name, harness in results:
        print(f"  {name}: {harness}")


if __name__ == "__main__":
    main()
