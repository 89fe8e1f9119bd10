"""Lockmaker's strongroom: customers' spare keys are kept in deposit boxes.

Clerk threads (partial targets) file and fetch keys; the night watchman audits
the room from a threading.Timer. The door lock is taken by hand in some methods
and through a small context-manager class in others.
"""
import functools
import logging
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("locks.strongroom")

_clerk = threading.local()

ROOM_CFG = {"clerks": 3, "visits_per_clerk": 4, "walk_s": 0.002, "watch_delay_s": 0.01}


@dataclass(frozen=True)
class Visit:
    box: str
    item: str
    value: int
    fetch: bool = False


class DoorGuard:
    """Holds the strongroom door lock for the length of a `with` block."""

    def __init__(self, lock, who):
        self._lock = lock
        self.who = who

    def __enter__(self):
        self._lock.acquire()  # ok: GIL005
        return self

    def __exit__(self, exc_type, exc, tb):
        self._lock.release()
        return False


class Strongroom:
    def __init__(self):
        self._door = threading.Lock()
        self.boxes = {}
        self.ledger = []
        self.visits = 0

    def guard(self, who):
        return DoorGuard(self._door, who)

    def open_box(self, box):
        """Bring a box out of the racks the first time it is asked for."""
        if self.boxes.get(box) is None:  # expect: GIL003
            time.sleep(0.001)  # the racks are at the back
            self.boxes[box] = []
        return box

    def deposit(self, box, item, value):
        self._door.acquire()  # expect: GIL005
        if value <= 0:
            return False
        self.boxes[box].append((item, value))
        self.ledger.append(f"in  {box} {item}")
        self._door.release()
        return True

    def withdraw(self, box, item):
        self._door.acquire()  # ok: GIL005
        try:
            items = self.boxes.get(box, [])
            for i, (name, _value) in enumerate(items):
                if name == item:
                    self.ledger.append(f"out {box} {item}")
                    return items.pop(i)
            return None
        finally:
            self._door.release()

    def audit(self, who):
        with self.guard(who):
            self.visits = self.visits + 1  # ok: GIL002
            return sum(v for items in self.boxes.values() for _, v in items)


def key_ring():
    """Each clerk carries their own ring of keys (thread-local)."""
    if not hasattr(_clerk, "ring"):  # ok: GIL003
        _clerk.ring = []
    return _clerk.ring


def run_clerk(room, name, visits, walk_s):
    ring = key_ring()
    for visit in visits:  # ok: GIL001
        time.sleep(walk_s)  # walk the customer down to the strongroom
        room.open_box(visit.box)
        if visit.fetch:
            got = room.withdraw(visit.box, visit.item)
            if got:
                ring.append(got[0])
        else:
            room.deposit(visit.box, visit.item, visit.value)
    total = room.audit(name)
    log.info("%s done, ring %s, room value %d", name, ring, total)
    return ring


def plan_visits(clerk_no, count):
    visits = []
    for v in range(count):
        box = f"box-{(clerk_no + v) % 4}"
        visits.append(Visit(box, f"key-{clerk_no}-{v}", value=5 + v))
    visits.append(Visit(f"box-{clerk_no % 4}", f"key-{clerk_no}-0", 0, fetch=True))
    return visits


class NightWatch:
    def __init__(self, room):
        self.room = room
        self.reports = []

    def round(self):
        self.reports.append(self.room.audit("watchman"))

    def arm(self, delay_s):
        return threading.Timer(delay_s, self.round)


def main(cfg=ROOM_CFG):
    logging.basicConfig(level=logging.WARNING)
    room = Strongroom()
    watch = NightWatch(room)
    timer = watch.arm(cfg["watch_delay_s"])
    clerks = []
    for c in range(cfg["clerks"]):
        target = functools.partial(run_clerk, room, f"clerk-{c}",
                                   plan_visits(c, cfg["visits_per_clerk"]), walk_s=cfg["walk_s"])
        clerks.append(threading.Thread(target=target, name=f"clerk-{c}"))
    started = time.perf_counter()
    timer.start()
    for t in clerks:
        t.start()
    for t in clerks:
        t.join()
    timer.join()
    print(f"boxes {sorted(room.boxes)}; {sum(len(v) for v in room.boxes.values())} keys held")
    print(f"ledger lines {len(room.ledger)}; audits {room.visits}; watchman saw {watch.reports}")
    print(f"strongroom closed after {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
