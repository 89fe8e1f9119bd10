"""Authoritative-zone publishing step for a DNS provider.

Before a zone is pushed to the edge, the publisher
  1. puts the records in canonical order and computes a ZONEMD-like digest
     (the hashing here is a pure-Python FNV-1a, kept for compatibility with the
     old Perl tooling);
  2. records the new SOA serial, refusing to go backwards;
  3. archives the rendered zone file (zlib + SHA-256) for rollbacks.
Digesters and archivers run as threads, one per zone.
"""
from __future__ import annotations

import hashlib
import logging
import random
import threading
import time
import zlib
from dataclasses import dataclass
from typing import Dict, List, Tuple

log = logging.getLogger("dns.publish")

FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK64 = 0xFFFFFFFFFFFFFFFF

Record = Tuple[str, str, int, str]  # owner, type, ttl, rdata
PROGRESS: Dict[str, int] = {"zones_digested": 0, "zones_archived": 0}


class SerialTracker:
    """Last published SOA serial per zone; serials must increase."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._serials: Dict[str, int] = {}

    def bump(self, zone: str, soa_rdata: str) -> bool:
        self._lock.acquire()  # expect: GIL005
        serial = int(soa_rdata.split()[2])  # ValueError/IndexError on a malformed SOA
        if serial <= self._serials.get(zone, 0):
            self._lock.release()
            log.warning("%s: serial %d not newer, not publishing", zone, serial)
            return False
        self._serials[zone] = serial
        self._lock.release()
        return True

    def snapshot(self) -> Dict[str, int]:
        self._lock.acquire()  # ok: GIL005
        try:
            return dict(self._serials)
        finally:
            self._lock.release()


def canonical_key(record: Record) -> Tuple[Tuple[str, ...], str]:
    owner, rtype, _ttl, _rdata = record
    return tuple(reversed(owner.lower().rstrip(".").split("."))), rtype


@dataclass
class ZoneJob:
    zone: str
    records: List[Record]

    @property
    def soa(self) -> Record:
        return next(r for r in self.records if r[1] == "SOA")

    def render(self) -> bytes:
        return "\n".join(f"{o} {t} IN {ty} {rd}" for o, ty, t, rd in self.records).encode()


class ZoneDigester(threading.Thread):
    def __init__(self, job: ZoneJob, tracker: SerialTracker) -> None:
        super().__init__(name=f"digest-{job.zone}")
        self.job = job
        self.tracker = tracker
        self.digest = 0
        self.published = False

    def digest_records(self, records: List[Record]) -> int:
        digest = FNV_OFFSET
        for owner, rtype, ttl, rdata in records:  # expect: GIL001
            wire = f"{owner.lower()}|{rtype}|{ttl}|{rdata}".encode()
            for byte in wire:
                digest ^= byte
                digest = (digest * FNV_PRIME) & MASK64  # ok: GIL002
        return digest

    def run(self) -> None:
        ordered = sorted(self.job.records, key=canonical_key)
        self.digest = self.digest_records(ordered)
        self.published = self.tracker.bump(self.job.zone, self.job.soa[3])
        PROGRESS["zones_digested"] += 1  # expect: GIL002


class ZoneArchiver(threading.Thread):
    """Compresses and fingerprints the rendered zone file in 256 KiB chunks."""

    CHUNK = 256 * 1024

    def __init__(self, job: ZoneJob, copies: int, results: Dict[str, Tuple[int, str]],
                 results_lock: threading.Lock) -> None:
        super().__init__(name=f"archive-{job.zone}")
        self.job, self.copies = job, copies
        self.results, self.results_lock = results, results_lock

    def run(self) -> None:
        blob = self.job.render() * self.copies  # one copy per edge region
        sha = hashlib.sha256()
        packer = zlib.compressobj(level=9)
        packed = 0
        for offset in range(0, len(blob), self.CHUNK):  # ok: GIL001
            chunk = blob[offset:offset + self.CHUNK]
            sha.update(chunk)
            packed += len(packer.compress(chunk))
        packed += len(packer.flush())
        with self.results_lock:
            self.results[self.job.zone] = (packed, sha.hexdigest()[:16])
            PROGRESS["zones_archived"] += 1  # ok: GIL002


def synth_zone(zone: str, n: int, seed: int) -> ZoneJob:
    rng = random.Random(seed)
    records: List[Record] = [(f"{zone}.", "SOA", 3600, f"ns1.{zone}. hostmaster.{zone}. {2024060100 + seed} 7200 900 1209600 300")]
    for i in range(n):
        host = f"h{rng.randrange(100000):05d}.{zone}."
        if rng.random() < 0.8:
            records.append((host, "A", 300, f"10.{i % 250}.{rng.randrange(250)}.{rng.randrange(250)}"))
        else:
            records.append((host, "TXT", 300, f"\"v=spf1 include:_spf.{zone} ~all {i}\""))
    return ZoneJob(zone, records)


def publish(jobs: List[ZoneJob]) -> None:
    tracker = SerialTracker()
    archives: Dict[str, Tuple[int, str]] = {}
    archives_lock = threading.Lock()
    workers: List[threading.Thread] = []
    for job in jobs:
        workers.append(ZoneDigester(job, tracker))
        workers.append(ZoneArchiver(job, copies=12, results=archives, results_lock=archives_lock))
    started = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started
    serials = tracker.snapshot()
    for w in workers:
        if isinstance(w, ZoneDigester):
            size, fp = archives[w.job.zone]
            print(f"{w.job.zone:14s} digest={w.digest:016x} serial={serials.get(w.job.zone)} "
                  f"archive={size} B sha256={fp}")
    print(f"progress {PROGRESS} in {elapsed:.2f} s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    publish([synth_zone("example.com", 6000, 1), synth_zone("example.net", 6000, 2)])
