"""Leather stock room for the cobbler.

Cutters reserve hides for jobs.  Walk-in repairs go through the quick counter
(which nobody bothered to lock); workshop orders go through the stock keeper.
Restock deliveries are written to an audit file under a delivery lock.
"""
from __future__ import annotations

import functools
import json
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional

log = logging.getLogger("cobbler.stock")


@dataclass
class Hide:
    kind: str
    grade: str
    area_dm2: float


@dataclass
class StockRoom:
    counter: Dict[str, int] = field(default_factory=dict)
    workshop: Dict[str, int] = field(default_factory=dict)
    incoming: Dict[str, int] = field(default_factory=dict)
    refused: List[str] = field(default_factory=list)
    _keeper: threading.Lock = field(default_factory=threading.Lock)
    _delivery: threading.Lock = field(default_factory=threading.Lock)

    # -- quick counter: no lock ------------------------------------------------
    def take_from_counter(self, kind: str, qty: int) -> bool:
        if self.counter.get(kind, 0) >= qty:  # expect: GIL003
            time.sleep(0.0005)  # walk to the rack
            self.counter[kind] -= qty  # expect: GIL002
            return True
        self.refused.append(kind)
        return False

    # -- stock keeper: one lock for check and take ----------------------------
    def take_from_workshop(self, kind: str, qty: int) -> bool:
        with self._keeper:
            if self.workshop.get(kind, 0) >= qty:  # ok: GIL003
                self.workshop[kind] -= qty  # ok: GIL002
                return True
        return False

    # -- deliveries --------------------------------------------------------------
    def receive(self, kind: str, qty: int, audit: "AuditFile") -> None:
        self._delivery.acquire()  # expect: GIL005
        audit.record({"kind": kind, "qty": qty})
        self.incoming[kind] = self.incoming.get(kind, 0) + qty  # ok: GIL002
        self._delivery.release()

    def receive_checked(self, kind: str, qty: int, audit: "AuditFile") -> None:
        self._delivery.acquire()  # ok: GIL005
        try:
            audit.record({"kind": kind, "qty": qty, "checked": True})
            self.incoming[kind] = self.incoming.get(kind, 0) + qty  # ok: GIL002
        finally:
            self._delivery.release()


class AuditFile:
    def __init__(self, path: str) -> None:
        self.path = path

    def record(self, entry: Dict[str, object]) -> None:
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, sort_keys=True) + "\n")

    def entries(self) -> List[Dict[str, object]]:
        with open(self.path, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh]


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        log.debug("start %s", fn.__name__)
        result = fn(*args, **kwargs)
        log.debug("end %s -> %r", fn.__name__, result)
        return result
    return wrapper


@logged
def walk_in_cutter(room: StockRoom, orders: List[str], results: List[bool]) -> None:
    for kind in orders:  # ok: GIL001
        results.append(room.take_from_counter(kind, 1))


@logged
def workshop_cutter(room: StockRoom, orders: List[str], results: List[bool]) -> None:
    for kind in orders:
        results.append(room.take_from_workshop(kind, 2))
        time.sleep(0.0002)


@logged
def delivery_driver(room: StockRoom, audit: AuditFile, loads: Dict[str, int], checked: bool) -> None:
    receive = room.receive_checked if checked else room.receive
    for kind, qty in loads.items():
        receive(kind, qty, audit)


def start_all(specs: List[dict]) -> List[threading.Thread]:
    threads = []
    for spec in specs:
        t = threading.Thread(target=spec["fn"], args=spec.get("args", ()), kwargs=spec.get("kwargs", {}),
                             name=spec["name"])
        t.start()
        threads.append(t)
    return threads


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    room = StockRoom(counter={"calf": 6, "suede": 4}, workshop={"calf": 12, "suede": 8, "cordovan": 6})
    walk_results: List[bool] = []
    shop_results: List[bool] = []
    with tempfile.TemporaryDirectory(prefix="stock") as root:
        audit = AuditFile(os.path.join(root, "deliveries.jsonl"))
        specs = []
        for i in range(3):
            specs.append({"name": f"walkin-{i}", "fn": walk_in_cutter,
                          "args": (room, ["calf", "suede", "calf", "calf"], walk_results)})
            specs.append({"name": f"shop-{i}", "fn": workshop_cutter,
                          "args": (room, ["calf", "cordovan", "suede"], shop_results)})
        specs.append({"name": "van-a", "fn": delivery_driver,
                      "args": (room, audit, {"calf": 10, "suede": 5}), "kwargs": {"checked": False}})
        specs.append({"name": "van-b", "fn": delivery_driver,
                      "args": (room, audit, {"cordovan": 4, "calf": 3}), "kwargs": {"checked": True}})
        threads = start_all(specs)
        for t in threads:
            t.join()
        entries = audit.entries()
    taken = sum(walk_results)
    print(f"counter stock left = {room.counter} (taken {taken}, refused {len(room.refused)})")
    print(f"negative counter stock = {sum(1 for v in room.counter.values() if v < 0)} (expected 0)")
    print(f"workshop stock left = {room.workshop} ({sum(shop_results)} reservations)")
    print(f"incoming = {room.incoming}; audit entries = {len(entries)}")


if __name__ == "__main__":
    main()
