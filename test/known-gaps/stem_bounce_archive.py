"""Bounce a session's stems to a compressed archive and draw a waveform overview.

Encoding (zlib on raw 16-bit PCM) runs on a thread pool; identical takes are
encoded once thanks to a content cache.  While that runs, a ``Timer`` kicks
off the waveform overview used by the web player.
"""
import array
import functools
import hashlib
import logging
import math
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Dict, List, Tuple

log = logging.getLogger("bounce")

RATE = 44_100
CHUNK_BYTES = 1 << 17


@dataclass(frozen=True)
class Take:
    stem: str
    take: int
    pcm: bytes

    @property
    def fingerprint(self) -> str:
        return hashlib.blake2b(self.pcm, digest_size=16).hexdigest()


class EncodeCache:
    """Content-addressed: duplicate takes should be encoded only once."""

    def __init__(self):
        self._encoded: Dict[str, bytes] = {}
        self.encodes = 0
        self._count_lock = threading.Lock()

    def _encode(self, pcm: bytes, level: int) -> bytes:
        comp = zlib.compressobj(level)
        parts = []
        for off in range(0, len(pcm), CHUNK_BYTES):  # ok: GIL001
            parts.append(comp.compress(pcm[off:off + CHUNK_BYTES]))
        parts.append(comp.flush())
        with self._count_lock:
            self.encodes += 1  # ok: GIL002
        return b"".join(parts)

    def get(self, take: Take, **encode_opts) -> bytes:
        key = take.fingerprint
        if key not in self._encoded:  # expect: GIL003
            self._encoded[key] = self._encode(take.pcm, **encode_opts)
        return self._encoded[key]


def waveform_overview(pcm: bytes, width: int, out: List[Tuple[int, int, int]]) -> None:
    samples = array.array("h")
    samples.frombytes(pcm)
    per_px = max(1, len(samples) // width)
    for px in range(width):  # expect: GIL001
        lo, hi, energy = 0, 0, 0
        for s in samples[px * per_px:(px + 1) * per_px]:
            energy += s * s
            if s < lo:
                lo = s
            elif s > hi:
                hi = s
        out.append((lo, hi, int(math.sqrt(energy / per_px))))


def tone(freq: float, seconds: float, amp: int = 12_000) -> bytes:
    n = int(RATE * seconds)
    w = 2 * math.pi * freq / RATE
    return array.array("h", (int(amp * math.sin(w * i)) for i in range(n))).tobytes()


def build_takes(seconds: float) -> List[Take]:
    bass, pad = tone(82.4, seconds), tone(220.0, seconds, 6_000)
    return [Take("bass", 1, bass), Take("bass", 2, bass), Take("pad", 1, pad),
            Take("pad", 2, pad), Take("bass", 3, bass), Take("pad", 3, pad)]


def mixdown(takes: List[Take]) -> bytes:
    """Main-thread sum of the first take of each stem, used for the overview."""
    firsts: Dict[str, array.array] = {}
    for t in takes:
        if t.stem not in firsts:  # ok: GIL003
            a = array.array("h")
            a.frombytes(t.pcm)
            firsts[t.stem] = a
    tracks = list(firsts.values())
    return array.array("h", (max(-32768, min(32767, sum(v))) for v in zip(*tracks))).tobytes()


def bounce(takes: List[Take], level: int = 6, workers: int = 3) -> Dict[str, object]:
    cache = EncodeCache()
    encode = functools.partial(cache.get, level=level)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="encode") as pool:
        futures = {(t.stem, t.take): pool.submit(encode, t) for t in takes}
        archive = {key: fut.result() for key, fut in futures.items()}
    return {"archive": archive, "encodes": cache.encodes, "unique": len({t.fingerprint for t in takes})}


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    takes = build_takes(seconds=12.0)
    overview: List[Tuple[int, int, int]] = []
    timer = threading.Timer(0.0, waveform_overview, args=(mixdown(takes), 800, overview))
    started = time.perf_counter()
    timer.start()
    result = bounce(takes)
    timer.join()
    elapsed = time.perf_counter() - started
    raw = sum(len(t.pcm) for t in takes)
    packed = sum(len(v) for v in result["archive"].values())
    print(f"encodes = {result['encodes']} (expected {result['unique']})")
    print(f"archive ratio = {packed / raw:.3f}, overview px = {len(overview)}")
    print(f"bounce + overview took {elapsed:.2f}s")


if __name__ == "__main__":
    main()
