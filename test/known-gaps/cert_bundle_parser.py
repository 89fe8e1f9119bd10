"""Certificate expiry scanner: parse exported certificate bundles offline.

The secrets store exports its certificates as a binary bundle of TLV records
(a simplified DER: tag byte, 2-byte length, value). Each bundle is parsed in
its own thread; the decoded subjects and expiry dates go into a shared
registry. A ``threading.Timer`` logs progress while the parse runs.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import random
import struct
import threading
import time
from dataclasses import dataclass
from typing import Dict, Iterator, List, Tuple

log = logging.getLogger("certscan.bundle")

TAG_CERT, TAG_SUBJECT, TAG_NOT_AFTER, TAG_SERIAL, TAG_EXT = 0x30, 0x0C, 0x18, 0x02, 0x04


class MalformedRecord(ValueError):
    pass


@dataclass(frozen=True)
class CertInfo:
    subject: str
    serial: int
    not_after: dt.date
    fingerprint: str


def tlv(tag: int, value: bytes) -> bytes:
    return struct.pack(">BH", tag, len(value)) + value


def iter_tlv(buf: bytes, start: int = 0, end: int = -1) -> Iterator[Tuple[int, bytes]]:
    pos, end = start, len(buf) if end < 0 else end
    while pos < end:
        if pos + 3 > end:
            raise MalformedRecord(f"truncated header at {pos}")
        tag = buf[pos]
        length = (buf[pos + 1] << 8) | buf[pos + 2]
        pos += 3
        yield tag, buf[pos:pos + length]
        pos += length


def checksum16(data: bytes) -> int:
    """Fletcher-16 over the record, as the exporter writes it (pure Python)."""
    a = b = 0
    for byte in data:
        a = (a + byte) % 255
        b = (b + a) % 255
    return (b << 8) | a


def decode_cert(record: bytes) -> CertInfo:
    fields: Dict[int, bytes] = {}
    for tag, value in iter_tlv(record):
        fields[tag] = value
    try:
        subject = fields[TAG_SUBJECT].decode()
        not_after = dt.datetime.strptime(fields[TAG_NOT_AFTER].decode(), "%Y%m%d%H%M%SZ").date()
        serial = int.from_bytes(fields[TAG_SERIAL], "big")
    except (KeyError, ValueError) as exc:
        raise MalformedRecord(str(exc)) from exc
    return CertInfo(subject, serial, not_after, f"{checksum16(record):04x}")


class CertRegistry:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.by_subject: Dict[str, CertInfo] = {}
        self.parsed = 0

    def add(self, info: CertInfo) -> None:
        self._lock.acquire()  # expect: GIL005
        self._validate(info)
        self.by_subject[info.subject] = info
        self.parsed += 1
        self._lock.release()

    @staticmethod
    def _validate(info: CertInfo) -> None:
        if not info.subject or "*" in info.subject.split(".", 1)[-1]:
            raise MalformedRecord(f"bad subject {info.subject!r}")

    def count(self) -> int:
        with self._lock:
            return self.parsed


def parse_bundle(bundle: bytes, registry: CertRegistry, bundle_id: str) -> int:
    added = 0
    for tag, record in iter_tlv(bundle):  # expect: GIL001
        if tag != TAG_CERT:
            continue
        registry.add(decode_cert(record))
        added += 1  # ok: GIL002
    log.debug("bundle %s: %d certs", bundle_id, added)
    return added


def make_bundle(seed: int, count: int) -> bytes:
    rng = random.Random(seed)
    parts = []
    for i in range(count):  # ok: GIL001
        expiry = dt.date(2024, 11, 1) + dt.timedelta(days=rng.randint(-10, 400))
        body = (tlv(TAG_SUBJECT, f"svc{seed}-{i}.corp.example".encode())
                + tlv(TAG_SERIAL, rng.getrandbits(64).to_bytes(8, "big"))
                + tlv(TAG_NOT_AFTER, expiry.strftime("%Y%m%d000000Z").encode())
                + tlv(TAG_EXT, rng.randbytes(2000)))
        parts.append(tlv(TAG_CERT, body))
    return b"".join(parts)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    bundles = {f"bundle-{k}": make_bundle(k, 300) for k in range(3)}
    digests = {name: hashlib.sha256(data).hexdigest()[:12] for name, data in bundles.items()}
    registry = CertRegistry()

    progress = threading.Timer(0.05, lambda: log.info("progress: %d certs parsed", registry.count()))
    progress.start()
    t0 = time.perf_counter()
    workers = [threading.Thread(target=functools.partial(parse_bundle, data, registry, name), name=name)
               for name, data in bundles.items()]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    progress.cancel()

    soon = sorted((c for c in registry.by_subject.values()
                   if c.not_after <= dt.date(2024, 12, 1)), key=lambda c: c.not_after)
    print(f"parsed {registry.parsed} certs from {len(bundles)} bundles in {(time.perf_counter() - t0) * 1e3:.0f} ms")
    print(f"bundle digests: {digests}")
    print(f"expiring by 2024-12-01: {len(soon)}; first: {soon[0].subject} on {soon[0].not_after}")


if __name__ == "__main__":
    main()
