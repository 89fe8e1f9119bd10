"""Automatic tag reader (ATR) feed for the transfer baggage line.

Two ATR arrays sit on the same belt a few metres apart, so most bags are read
twice.  Each array streams ``READER;PLATE;BELT_MS`` lines to us over a local
socket (the PLC gateway); one reader thread per array parses the stream
through a small generator pipeline and updates the tracking tables.
"""
from __future__ import annotations

import logging
import random
import socket
import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Set

log = logging.getLogger("bhs.atr")

JAM_THRESHOLD_MS = 950        # a bag that needed longer than this between photo-eyes
DESTINATIONS = ("MU-01", "MU-02", "MU-03", "EBS", "SCREENING")


@dataclass(frozen=True)
class Scan:
    reader: str
    plate: str
    belt_ms: int


def read_lines(sock: socket.socket) -> Iterator[bytes]:
    """Split the raw PLC byte stream into records."""
    buf = b""
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            break
        buf += chunk
        *lines, buf = buf.split(b"\n")
        yield from lines


def parse_scans(lines: Iterable[bytes]) -> Iterator[Scan]:
    for raw in lines:
        reader, plate, belt_ms = raw.decode("ascii").split(";")
        yield Scan(reader, plate, int(belt_ms))


def route_for(scan: Scan) -> str:
    return DESTINATIONS[int(scan.plate[-3:]) % len(DESTINATIONS)]


class FirstSeenRegistry:
    """Remembers which array read a plate first; belt tracking uses it to time the bag."""

    def __init__(self) -> None:
        self.first_seen: Dict[str, Scan] = {}

    def note(self, scan: Scan) -> bool:
        if scan.plate not in self.first_seen:  # expect: GIL003
            self.first_seen[scan.plate] = scan
            return True
        return False


class TrackingTable:
    """Exactly one destination per plate, whichever array claims it first."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._owner: Dict[str, str] = {}

    def claim(self, plate: str, destination: str) -> str:
        with self._lock:
            if plate in self._owner:  # ok: GIL003
                return self._owner[plate]
            self._owner[plate] = destination
            return destination

    def __len__(self) -> int:
        with self._lock:
            return len(self._owner)


class JamMonitor:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jammed: Set[str] = set()

    def report(self, segment: str) -> None:
        with self._lock:
            self._jammed.add(segment)

    def snapshot(self) -> List[str]:
        with self._lock:
            return sorted(self._jammed)

    def clear(self, segment: str) -> bool:
        """Called from the operator console when a segment has been walked."""
        self._lock.acquire()  # expect: GIL005
        if segment not in self._jammed:  # ok: GIL003
            return False                 # another operator was faster
        self._jammed.discard(segment)
        self._lock.release()
        return True


class TagReader:
    def __init__(self, name: str, sock: socket.socket, registry: FirstSeenRegistry,
                 table: TrackingTable, monitor: JamMonitor,
                 on_scan: Optional[Callable[[Scan, str], None]] = None) -> None:
        self.name = name
        self._sock = sock
        self.registry = registry
        self.table = table
        self.monitor = monitor
        self.on_scan = on_scan
        self.reads = 0

    def run_forever(self) -> None:
        for scan in parse_scans(read_lines(self._sock)):  # ok: GIL001
            self.reads += 1  # ok: GIL002
            self.registry.note(scan)
            destination = self.table.claim(scan.plate, route_for(scan))
            if scan.belt_ms > JAM_THRESHOLD_MS:
                self.monitor.report(f"{scan.reader}/{destination}")
            if self.on_scan is not None:
                self.on_scan(scan, destination)
        self._sock.close()


def plc_gateway(ends: Dict[str, socket.socket], plates: List[str], burst: int = 25,
                gap: float = 0.002) -> None:
    """Stand-in for the PLC gateway: both arrays see every bag, in bursts."""
    rng = random.Random(7)
    for i, plate in enumerate(plates):  # ok: GIL001
        for reader, end in ends.items():
            belt_ms = rng.randint(300, 1000)
            end.sendall(f"{reader};{plate};{belt_ms}\n".encode("ascii"))
        if i % burst == burst - 1:
            time.sleep(gap)
    for end in ends.values():
        end.close()


def start_reader(reader: TagReader) -> threading.Thread:
    thread = threading.Thread(target=reader.run_forever, name=f"atr-{reader.name}", daemon=True)
    thread.start()
    return thread


def main() -> None:
    registry, table, monitor = FirstSeenRegistry(), TrackingTable(), JamMonitor()
    plates = [f"0220{n:06d}" for n in random.Random(3).sample(range(10**6), 600)]
    gateway_ends: Dict[str, socket.socket] = {}
    readers = []
    for name in ("ATR-A", "ATR-B"):
        ours, theirs = socket.socketpair()
        gateway_ends[name] = theirs
        readers.append(TagReader(name, ours, registry, table, monitor))

    threads = [start_reader(r) for r in readers]
    gateway = threading.Thread(target=plc_gateway, args=(gateway_ends, plates), kwargs={"gap": 0.002})
    gateway.start()
    gateway.join()
    for t in threads:
        t.join()

    jams = monitor.snapshot()
    cleared = sum(1 for segment in jams if monitor.clear(segment))
    firsts = sum(1 for s in registry.first_seen.values() if s.reader == "ATR-A")
    print(f"reads: {', '.join(f'{r.name}={r.reads}' for r in readers)}")
    print(f"tracked plates: {len(table)}; first seen by ATR-A: {firsts}/{len(registry.first_seen)}")
    print(f"jammed segments cleared: {cleared}/{len(jams)}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
