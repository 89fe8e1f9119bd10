"""Isotope-envelope scoring of picked MS1 peaks.

For every picked monoisotopic peak we compare the observed isotope cluster
with a theoretical "averagine" envelope for its mass and charge.  Envelopes
and per-scan noise floors are cached on a shared model; scans are split
across worker threads.
"""
import functools
import logging
import math
import random
import threading
import time
import zlib
from dataclasses import dataclass
from typing import Dict, List, Tuple

log = logging.getLogger("ms.isotopes")

AVERAGINE_C_PER_DA = 0.04443
C13_ABUNDANCE = 0.0107


@dataclass(frozen=True)
class Peak:
    mz: float
    charge: int
    cluster: Tuple[float, ...]


@dataclass
class Scan:
    scan_id: int
    intensities: List[float]
    peaks: List[Peak]


class ScanStore:
    """Deflated scans keyed by id, inflated on demand by the workers."""

    def __init__(self, encoded: Dict[int, bytes]) -> None:
        self._encoded = encoded
        self._io_lock = threading.Lock()
        self.reads = 0

    def read(self, scan_id: int) -> bytes:
        self._io_lock.acquire()  # expect: GIL005
        raw = zlib.decompress(self._encoded.get(scan_id, b""))
        self.reads += 1  # ok: GIL002
        self._io_lock.release()
        return raw


class IsotopeModel:
    def __init__(self, max_isotopes: int = 5) -> None:
        self.max_isotopes = max_isotopes
        self._envelopes: Dict[Tuple[int, int], Tuple[float, ...]] = {}
        self._noise: Dict[int, float] = {}
        self._noise_lock = threading.Lock()
        self._scratch = threading.local()

    def _averagine(self, mass: float) -> Tuple[float, ...]:
        n_carbon = max(1, int(mass * AVERAGINE_C_PER_DA))
        p, q = C13_ABUNDANCE, 1.0 - C13_ABUNDANCE
        probs = [math.comb(n_carbon, k) * p ** k * q ** (n_carbon - k) for k in range(self.max_isotopes)]
        top = max(probs)
        return tuple(x / top for x in probs)

    def envelope(self, mz: float, charge: int) -> Tuple[float, ...]:
        key = (int(mz * charge) // 5, charge)
        if key not in self._envelopes:  # expect: GIL003
            self._envelopes[key] = self._averagine(key[0] * 5.0)
        return self._envelopes[key]

    def noise_floor(self, scan: Scan) -> float:
        with self._noise_lock:
            if scan.scan_id not in self._noise:  # ok: GIL003
                ordered = sorted(scan.intensities)
                self._noise[scan.scan_id] = ordered[len(ordered) // 4] or 1.0
            return self._noise[scan.scan_id]

    def scratch(self) -> List[float]:
        buf = getattr(self._scratch, "buf", None)
        if buf is None:  # ok: GIL003
            buf = self._scratch.buf = [0.0] * self.max_isotopes
            self._scratch.uses = 0
        self._scratch.uses += 1  # ok: GIL002
        return buf


def cosine(a, b) -> float:
    dot = sum(x * y for x, y in zip(a, b))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    return dot / (na * nb) if na and nb else 0.0


def decode_scan(scan_id: int, raw: bytes, peaks: List[Peak]) -> Scan:
    values = [b * 3.5 for b in raw]
    return Scan(scan_id, values, peaks)


def score_scans(store: ScanStore, model: IsotopeModel, scan_ids: List[int],
                peak_table: Dict[int, List[Peak]], out: list, min_score: float = 0.8) -> None:
    for scan_id in scan_ids:  # expect: GIL001
        scan = decode_scan(scan_id, store.read(scan_id), peak_table[scan_id])
        floor = model.noise_floor(scan)
        for peak in scan.peaks:
            if peak.cluster[0] < floor:
                continue
            buf = model.scratch()
            top = max(peak.cluster)
            for k, v in enumerate(peak.cluster):
                buf[k] = v / top
            score = cosine(buf, model.envelope(peak.mz, peak.charge))
            if score >= min_score:
                out.append((scan_id, round(peak.mz, 4), peak.charge, round(score, 3)))


def synthesize(n_scans: int, peaks_per_scan: int, seed: int = 5):
    rng = random.Random(seed)
    encoded, table = {}, {}
    for scan_id in range(n_scans):
        encoded[scan_id] = zlib.compress(bytes(rng.randrange(256) for _ in range(512)))
        peaks = []
        for _ in range(peaks_per_scan):
            charge = rng.choice((1, 2, 2, 3))
            mz = rng.uniform(350, 1400)
            env = IsotopeModel()._averagine(mz * charge)
            cluster = tuple(max(0.0, e * 1e5 * rng.uniform(0.85, 1.15)) for e in env)
            peaks.append(Peak(mz, charge, cluster))
        table[scan_id] = peaks
    return encoded, table


def run(n_workers: int = 3, n_scans: int = 160, peaks_per_scan: int = 90) -> None:
    encoded, table = synthesize(n_scans, peaks_per_scan)
    store = ScanStore(encoded)
    model = IsotopeModel()
    outputs: List[list] = [[] for _ in range(n_workers)]
    ids = sorted(encoded)
    workers = [threading.Thread(target=functools.partial(score_scans, store, model, ids[w::n_workers],
                                                         table, outputs[w], min_score=0.9),
                                name=f"isotope-{w}")
               for w in range(n_workers)]
    t0 = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    accepted = [row for chunk in outputs for row in chunk]
    print(f"scored {sum(len(p) for p in table.values())} peaks in {n_scans} scans "
          f"with {n_workers} threads in {time.perf_counter() - t0:.2f}s")
    print(f"accepted {len(accepted)}; envelope cache {len(model._envelopes)}; scan reads {store.reads}")
    print("first:", accepted[:2])


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    run()
