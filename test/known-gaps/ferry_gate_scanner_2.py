"""Boarding gate scanners for a ferry terminal.

Each gate's handheld scanner delivers raw reads onto the gate's inbox queue.
A gate thread validates each ticket (check digit, sailing, not yet boarded),
admits the passenger on the shared boarding registry and prints a boarding
pass on the shared kiosk printer.  A heartbeat timer reports liveness.
"""
import logging
import queue
import random
import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional

log = logging.getLogger("ferry.gates")

SCAN_STATS: Dict[str, int] = {"accepted": 0, "rejected": 0, "duplicates": 0}
GATE_CONFIG = {"sailing_id": "PEM-ROS-1900", "printer_timeout_s": 0.2, "heartbeat_s": 0.05}


@dataclass(frozen=True)
class Ticket:
    ticket_id: str
    sailing_id: str
    check: int

    @classmethod
    def parse(cls, raw: str) -> Optional["Ticket"]:
        try:
            ticket_id, sailing_id, check = raw.split("|")
            return cls(ticket_id, sailing_id, int(check))
        except ValueError:
            return None

    @property
    def check_ok(self) -> bool:
        return sum(ord(c) for c in self.ticket_id) % 97 == self.check


def start_daemon(target: Callable, *args, name: Optional[str] = None, **kwargs) -> threading.Thread:
    """Start a daemon thread running target(*args, **kwargs)."""
    t = threading.Thread(target=target, args=args, kwargs=kwargs, name=name, daemon=True)
    t.start()
    return t


class BoardingRegistry:
    """Who is on board.  Shared by all gates."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._boarded: set = set()
        self.headcount = 0

    def admit(self, ticket_id: str) -> bool:
        with self._lock:
            if ticket_id in self._boarded:  # ok: GIL003
                return False
            self._boarded.add(ticket_id)
            self.headcount += 1  # ok: GIL002
            return True


class KioskPrinter:
    """One thermal printer shared by all gates."""

    def __init__(self, timeout: float) -> None:
        self._lock = threading.Lock()
        self.timeout = timeout
        self.printed: List[str] = []

    def print_pass(self, ticket: Ticket, gate_id: str) -> bool:
        if not self._lock.acquire(timeout=self.timeout):  # ok: GIL005
            log.warning("printer busy, gate %s skips pass for %s", gate_id, ticket.ticket_id)
            return False
        try:
            time.sleep(0.0005)  # paper feed
            self.printed.append(f"{gate_id}:{ticket.ticket_id}")
            return True
        finally:
            self._lock.release()


class Gate:
    def __init__(self, gate_id: str, registry: BoardingRegistry, printer: KioskPrinter, **cfg) -> None:
        self.gate_id = gate_id
        self.registry = registry
        self.printer = printer
        self.cfg = {**GATE_CONFIG, **cfg}
        self.inbox: "queue.Queue[Optional[str]]" = queue.Queue()
        self.scanned = 0

    def serve(self) -> None:
        """Gate loop: one thread per gate, stops on a None sentinel."""
        while True:  # ok: GIL001
            raw = self.inbox.get()
            if raw is None:
                break
            self.scanned += 1  # ok: GIL002
            ticket = Ticket.parse(raw)
            if ticket is None or not ticket.check_ok or ticket.sailing_id != self.cfg["sailing_id"]:
                SCAN_STATS["rejected"] += 1  # expect: GIL002
                continue
            if not self.registry.admit(ticket.ticket_id):
                SCAN_STATS["duplicates"] += 1  # expect: GIL002
                continue
            self.printer.print_pass(ticket, self.gate_id)
            SCAN_STATS["accepted"] += 1  # expect: GIL002


class Heartbeat:
    """Re-arming timer that records when each gate was last seen alive."""

    def __init__(self, gates: List[Gate], interval: float) -> None:
        self.gates = gates
        self.interval = interval
        self._timer: Optional[threading.Timer] = None
        self._stopped = threading.Event()
        self.last_seen: Dict[str, int] = {}

    def _beat(self) -> None:
        for gate in self.gates:
            self.last_seen[gate.gate_id] = gate.scanned
        if not self._stopped.is_set():
            self._arm()

    def _arm(self) -> None:
        self._timer = threading.Timer(self.interval, self._beat)
        self._timer.daemon = True
        self._timer.start()

    def __enter__(self) -> "Heartbeat":
        self._arm()
        return self

    def __exit__(self, *exc) -> None:
        self._stopped.set()
        if self._timer is not None:
            self._timer.cancel()


def scanner_reads(count: int, sailing_id: str, seed: int):
    """Generator of raw reads, including smudged codes and passengers scanning twice."""
    rng = random.Random(seed)
    issued = [f"T{seed}{n:05d}" for n in range(count)]
    for ticket_id in issued:
        check = sum(ord(c) for c in ticket_id) % 97
        if rng.random() < 0.05:
            check = (check + 1) % 97
        yield f"{ticket_id}|{sailing_id}|{check}"
        if rng.random() < 0.08:
            yield f"{ticket_id}|{sailing_id}|{check}"


def run_boarding(gate_ids: List[str], per_gate: int) -> None:
    registry = BoardingRegistry()
    printer = KioskPrinter(GATE_CONFIG["printer_timeout_s"])
    gates = [Gate(g, registry, printer) for g in gate_ids]
    threads = [start_daemon(g.serve, name=f"gate-{g.gate_id}") for g in gates]
    with Heartbeat(gates, GATE_CONFIG["heartbeat_s"]) as hb:
        for burst, reads in enumerate(zip(*(scanner_reads(per_gate, GATE_CONFIG["sailing_id"], i)
                                            for i in range(len(gates))))):
            for gate, raw in zip(gates, reads):
                gate.inbox.put(raw)
            if burst % 25 == 0:
                time.sleep(0.01)
        for gate in gates:
            gate.inbox.put(None)
        for t in threads:
            t.join()
    print(f"on board: {registry.headcount}, passes printed: {len(printer.printed)}")
    print(f"scan stats: {SCAN_STATS}")
    print(f"per gate: {[(g.gate_id, g.scanned) for g in gates]}; heartbeat saw {hb.last_seen}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    t0 = time.perf_counter()
    run_boarding(["A1", "A2", "B1"], per_gate=300)
    print(f"boarding simulated in {time.perf_counter() - t0:.2f}s")
