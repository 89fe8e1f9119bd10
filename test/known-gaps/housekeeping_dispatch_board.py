"""Hotel housekeeping dispatch board.

Room attendants pick dirty rooms off a shared board and clean them; floor
supervisors start their inspection rounds a little later and sign rooms off.
Board listeners keep the front desk's per-floor numbers current.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from enum import Enum
from typing import Callable, Optional

log = logging.getLogger("hk.dispatch")


class RoomStatus(str, Enum):
    DIRTY = "dirty"
    CLEANING = "cleaning"
    CLEAN = "clean"
    INSPECTING = "inspecting"
    INSPECTED = "inspected"


@dataclass
class Room:
    number: int
    floor: int
    status: RoomStatus = RoomStatus.DIRTY
    assigned_to: Optional[str] = None
    checkout: bool = False

    @property
    def label(self) -> str:
        return f"{self.number}{'*' if self.checkout else ''}"


class DispatchBoard:
    def __init__(self, rooms):
        self.rooms = {room.number: room for room in rooms}
        self.lock = threading.RLock()
        self.completed = 0
        self.inspected = 0
        self._listeners: list[Callable[[Room, RoomStatus], None]] = []

    def on_change(self, fn: Callable[[Room, RoomStatus], None]):
        self._listeners.append(fn)
        return fn

    def set_status(self, room: Room, status: RoomStatus) -> None:
        old, room.status = room.status, status
        for listener in self._listeners:
            listener(room, old)


class Attendant:
    """One attendant, run by exactly one thread."""

    def __init__(self, name: str, board: DispatchBoard, floors, minutes_per_room: float):
        self.name = name
        self.board = board
        self.floors = set(floors)
        self.seconds_per_room = minutes_per_room / 1000.0  # 1 minute = 1 ms here
        self.rooms_done = 0
        self.log: list = []

    def _claim_unlocked(self) -> Optional[Room]:
        for room in self.board.rooms.values():
            if room.floor in self.floors and room.status is RoomStatus.DIRTY:  # expect: GIL003
                room.status = RoomStatus.CLEANING
                room.assigned_to = self.name
                return room
        return None

    def work(self) -> None:
        while True:  # ok: GIL001
            room = self._claim_unlocked()
            if room is None:
                break
            time.sleep(self.seconds_per_room * (1.5 if room.checkout else 1.0))
            self.board.set_status(room, RoomStatus.CLEAN)
            self.rooms_done += 1  # ok: GIL002
            self.log.append(room.label)
            self.board.completed += 1  # expect: GIL002


class Supervisor:
    def __init__(self, name: str, board: DispatchBoard, seconds_per_check: float, deadline: float):
        self.name = name
        self.board = board
        self.seconds_per_check = seconds_per_check
        self.deadline = deadline
        self.signed_off: list = []

    def _claim_for_inspection(self) -> Optional[Room]:
        with self.board.lock:
            for room in self.board.rooms.values():
                if room.status is RoomStatus.CLEAN:  # ok: GIL003
                    room.status = RoomStatus.INSPECTING
                    return room
        return None

    def round(self) -> None:
        while time.monotonic() < self.deadline:  # ok: GIL001
            room = self._claim_for_inspection()
            if room is None:
                time.sleep(0.005)
                continue
            time.sleep(self.seconds_per_check)
            with self.board.lock:
                self.board.set_status(room, RoomStatus.INSPECTED)
                self.board.inspected += 1  # ok: GIL002
            self.signed_off.append(room.number)


def make_rooms(floors: int, per_floor: int):
    return [
        Room(number=f * 100 + n, floor=f, checkout=(n % 3 == 0))
        for f in range(1, floors + 1)
        for n in range(1, per_floor + 1)
    ]


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    board = DispatchBoard(make_rooms(floors=4, per_floor=10))
    floor_counts: dict = {}

    @board.on_change
    def count_by_floor(room: Room, old: RoomStatus) -> None:
        if room.status is RoomStatus.CLEAN and old is RoomStatus.CLEANING:
            floor_counts[room.floor] = floor_counts.get(room.floor, 0) + 1  # expect: GIL002

    attendants = [
        Attendant("ana", board, floors=(1, 2), minutes_per_room=8),
        Attendant("bo", board, floors=(2, 3), minutes_per_room=9),
        Attendant("chidi", board, floors=(3, 4), minutes_per_room=7),
        Attendant("dana", board, floors=(4, 1), minutes_per_room=10),
    ]
    deadline = time.monotonic() + 0.5
    supervisors = [Supervisor(f"sup-{i}", board, 0.002, deadline) for i in range(2)]

    started = time.perf_counter()
    workers = [threading.Thread(target=a.work, name=a.name) for a in attendants]
    timers = [threading.Timer(0.03, s.round) for s in supervisors]
    for t in workers + timers:
        t.start()
    for t in workers + timers:
        t.join()
    elapsed = time.perf_counter() - started

    print(f"cleaned {board.completed} rooms, inspected {board.inspected} in {elapsed:.2f}s")
    print("per attendant:", {a.name: a.rooms_done for a in attendants})
    print("per floor:", dict(sorted(floor_counts.items())))
    left = [r.label for r in board.rooms.values() if r.status is not RoomStatus.INSPECTED]
    print(f"not yet inspected: {left}")


if __name__ == "__main__":
    main()
