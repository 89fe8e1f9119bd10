"""Dock loading office: labour gangs load hatches while the manifest is amended.

Gangs are admitted by a counting semaphore (at most three on the quay at once), each hatch
is protected by a guard object that takes the hatch lock, and a manifest clerk thread
amends bills of lading.  Worker entry points are chosen by role from the configuration and
stored on the worker objects before the threads start.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("stevedore.office")

OFFICE = {
    "gangs": 5,
    "lifts_per_gang": 8,
    "lift_s": 0.002,
    "hatches": 3,
    "quay_capacity": 3,
    "amendments": [("BL-1001", {"seal": "SL-77"}), ("BL-1002", {"weight_t": 24.5}),
                   ("BL-1003", {"hazmat": True, "un_number": "UN1263"})],
}


@dataclass
class Hatch:
    number: int
    teu_loaded: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


class HatchGuard:
    """Context manager: holds the hatch lock while a gang works the hatch."""

    def __init__(self, hatch: Hatch):
        self._hatch = hatch

    def __enter__(self) -> Hatch:
        self._hatch.lock.acquire()  # ok: GIL005
        return self._hatch

    def __exit__(self, exc_type, exc, tb) -> bool:
        self._hatch.lock.release()
        return False


class Quay:
    def __init__(self, config: dict):
        self.hatches = [Hatch(i + 1) for i in range(config["hatches"])]
        self.lift_s = config["lift_s"]
        self.gangs_on_quay = 0
        self.lifts = 0
        self._admission = threading.Semaphore(config["quay_capacity"])
        self._tally_mutex = threading.BoundedSemaphore(1)

    def work(self, gang: int, lifts: int) -> None:
        with self._admission:
            self.gangs_on_quay += 1  # expect: GIL002
            try:
                for lift in range(lifts):
                    hatch = self.hatches[(gang + lift) % len(self.hatches)]
                    with HatchGuard(hatch) as h:
                        time.sleep(self.lift_s)  # spreader cycle
                        h.teu_loaded += 1  # ok: GIL002
                    with self._tally_mutex:
                        self.lifts += 1  # ok: GIL002
            finally:
                with self._tally_mutex:
                    self.gangs_on_quay -= 1  # ok: GIL002


class Manifest:
    def __init__(self):
        self._lock = threading.Lock()
        self.entries: dict[str, dict] = {
            f"BL-{n}": {"weight_t": 20.0 + n % 7, "hazmat": False} for n in range(1000, 1006)
        }

    def amend(self, bl_number: str, **changes) -> bool:
        self._lock.acquire()  # expect: GIL005
        entry = self.entries[bl_number]
        entry.update(changes)
        if entry.get("hazmat") and not entry.get("un_number"):
            log.error("%s: hazardous cargo without a UN number", bl_number)
            return False
        self._lock.release()
        return True

    def hazmat_count(self) -> int:
        with self._lock:
            return sum(1 for e in self.entries.values() if e.get("hazmat"))


class Worker:
    """A worker object whose thread entry point is picked by role."""

    def __init__(self, role: str, name: str, **kwargs):
        self.name = name
        self.kwargs = kwargs
        entries = {"gang": self._run_gang, "clerk": self._run_clerk}
        self.entry = entries[role]
        self.thread = threading.Thread(target=self.entry, name=name)

    def _run_gang(self) -> None:
        quay: Quay = self.kwargs["quay"]
        quay.work(self.kwargs["gang"], self.kwargs["lifts"])

    def _run_clerk(self) -> None:
        manifest: Manifest = self.kwargs["manifest"]
        for bl_number, changes in self.kwargs["amendments"]:
            if not manifest.amend(bl_number, **changes):
                log.warning("amendment to %s rejected", bl_number)
            time.sleep(0.003)  # wait for the next EDI message


def build_workers(config: dict, quay: Quay, manifest: Manifest) -> list[Worker]:
    workers = [Worker("gang", f"gang-{g}", quay=quay, gang=g, lifts=config["lifts_per_gang"])
               for g in range(config["gangs"])]
    workers.append(Worker("clerk", "clerk", manifest=manifest, amendments=config["amendments"]))
    return workers


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    quay, manifest = Quay(OFFICE), Manifest()
    workers = build_workers(OFFICE, quay, manifest)
    started = time.perf_counter()
    for w in workers:
        w.thread.start()
    for w in workers:
        w.thread.join()
    elapsed = time.perf_counter() - started
    expected = OFFICE["gangs"] * OFFICE["lifts_per_gang"]
    print(f"lifts = {quay.lifts} (expected {expected})")
    print(f"per hatch = {[h.teu_loaded for h in quay.hatches]} (sum {sum(h.teu_loaded for h in quay.hatches)})")
    print(f"gangs still on quay = {quay.gangs_on_quay}")
    print(f"hazmat bills = {manifest.hazmat_count()}")
    print(f"elapsed = {elapsed:.2f}s")


if __name__ == "__main__":
    main()
