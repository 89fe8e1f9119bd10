"""The boilermakers' certificate registry: verifying test certificates of pressure vessels.

Certificates sit as JSON files in the registry's store. Verifier tasks on a thread pool look each one up
through the registry's caches, re-compute the plate-record check digest by hand (the old clerks' Fletcher
sum) and queue the result in a per-thread batch; an archiver thread packs the store meanwhile.
"""
from __future__ import annotations

import functools
import json
import logging
import os
import tempfile
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger("boilermaker.registry")

_tls = threading.local()
VERIFY_OPTS = {"rounds": 6, "read_pause_s": 0.002}


class CertificateRegistry:
    def __init__(self, store_dir: str) -> None:
        self.store_dir = store_dir
        self._lock = threading.RLock()
        self._certs: dict[str, dict] = {}
        self._inspections: dict[str, str] = {}
        self.loads = 0

    def _path(self, serial: str) -> str:
        return os.path.join(self.store_dir, f"{serial}.json")

    def _count_load(self) -> None:
        """Callers hold self._lock."""
        self.loads += 1  # ok: GIL002

    def certificate(self, serial: str) -> dict:
        with self._lock:
            if serial not in self._certs:  # ok: GIL003
                with open(self._path(serial), encoding="utf-8") as fh:
                    self._certs[serial] = json.load(fh)
                self._count_load()
            return self._certs[serial]

    def last_inspection(self, serial: str, read_pause_s: float) -> str:
        if serial not in self._inspections:  # expect: GIL003
            time.sleep(read_pause_s)  # the inspection book is kept in the surveyor's office
            self._inspections[serial] = f"annual survey {serial[-2:]}/1899"
        return self._inspections[serial]


def fletcher_digest(text: str, rounds: int) -> str:
    """Fletcher-16 style sum, worked the way the registry clerks did it, several passes."""
    s1, s2 = 0, 0
    for rnd in range(rounds):  # expect: GIL001
        for ch in text:
            s1 = (s1 + ord(ch) + rnd) % 255
            s2 = (s2 + s1) % 255
    return f"{s2:02x}{s1:02x}"


def pending_batch() -> list:
    if getattr(_tls, "batch", None) is None:  # ok: GIL003
        _tls.batch = []
    return _tls.batch


def verify(serial: str, registry: CertificateRegistry, rounds: int, read_pause_s: float) -> tuple:
    cert = registry.certificate(serial)
    survey = registry.last_inspection(serial, read_pause_s)
    digest = fletcher_digest(cert["plate_record"], rounds)
    batch = pending_batch()
    batch.append(serial)
    return serial, digest == cert["digest"], survey, len(batch)


def archive_store(store_dir: str, out_path: str) -> int:
    packed = 0
    with open(out_path, "wb") as out:
        for name in sorted(os.listdir(store_dir)):  # ok: GIL001
            with open(os.path.join(store_dir, name), "rb") as fh:
                blob = zlib.compress(fh.read(), 9)
            out.write(len(blob).to_bytes(4, "big") + blob)
            packed += 1
    return packed


def seed_store(store_dir: str, serials: list[str], rounds: int) -> None:
    for i, serial in enumerate(serials):
        record = "".join(f"plate {p:03d} {serial} {(p * 37 + i) % 991:4d} lb/sq in; "
                         for p in range(900))
        digest = fletcher_digest(record, rounds) if i % 4 else "0000"
        with open(os.path.join(store_dir, f"{serial}.json"), "w", encoding="utf-8") as fh:
            json.dump({"serial": serial, "plate_record": record, "digest": digest}, fh)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    serials = [f"BM-{1880 + k}-{k:02d}" for k in range(8)]
    with tempfile.TemporaryDirectory(prefix="registry-") as tmp:
        store = os.path.join(tmp, "store")
        os.mkdir(store)
        seed_store(store, serials, VERIFY_OPTS["rounds"])
        registry = CertificateRegistry(store)
        archiver = threading.Thread(target=archive_store, name="archiver",
                                    args=(store, os.path.join(tmp, "store.pack")))
        start = time.perf_counter()
        archiver.start()
        job = functools.partial(verify, registry=registry, **VERIFY_OPTS)
        with ThreadPoolExecutor(max_workers=3, thread_name_prefix="verifier") as pool:
            results = list(pool.map(job, serials + serials[:2]))
        archiver.join()
        packed = os.path.getsize(os.path.join(tmp, "store.pack"))
    for serial, ok, survey, depth in results:
        print(f"{serial}: {'good' if ok else 'DIGEST MISMATCH'} ({survey}; batch {depth})")
    print(f"{registry.loads} certificate loads; pack {packed} bytes; "
          f"{time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
