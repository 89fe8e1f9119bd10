"""Build OTA delta packages between two firmware versions, per device model.

Stage 1 (threads): rsync-style binary delta of the new image against the base
image the fleet runs, one job per device model.
Stage 2 (threads): compress the full-image fallback packages with zlib.
Stage 3 (processes): CRC-16 block tables that the bootloader checks on flash.
"""
from __future__ import annotations

import logging
import random
import time
import zlib
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("delta")

BLOCK = 32
MOD = 1 << 16


@dataclass
class DeltaPackage:
    model: str
    ops: list = field(default_factory=list)
    literal_bytes: int = 0
    copied_bytes: int = 0

    @property
    def ratio(self) -> float:
        total = self.literal_bytes + self.copied_bytes
        return self.literal_bytes / total if total else 0.0


def weak_checksum(window: bytes) -> tuple[int, int]:
    a = sum(window) % MOD
    b = sum((len(window) - i) * x for i, x in enumerate(window)) % MOD
    return a, b


def block_index(base: bytes, block: int = BLOCK) -> dict[int, int]:
    index: dict[int, int] = {}
    for off in range(0, len(base) - block + 1, block):  # ok: GIL001
        a, b = weak_checksum(base[off:off + block])
        index.setdefault((b << 16) | a, off)
    return index


def compute_delta(model: str, base: bytes, index: dict, target: bytes, block: int) -> DeltaPackage:
    pkg = DeltaPackage(model)
    literal = bytearray()
    n = len(target)
    pos = 0
    a, b = weak_checksum(target[:block])
    while pos + block <= n:  # expect: GIL001
        off = index.get((b << 16) | a)
        if off is not None and base[off:off + block] == target[pos:pos + block]:
            if literal:
                pkg.ops.append(("literal", bytes(literal)))
                pkg.literal_bytes += len(literal)
                literal.clear()
            pkg.ops.append(("copy", off, block))
            pkg.copied_bytes += block  # ok: GIL002
            pos += block
            if pos + block <= n:
                a, b = weak_checksum(target[pos:pos + block])
            continue
        out_byte = target[pos]
        literal.append(out_byte)
        if pos + block < n:
            in_byte = target[pos + block]
            a = (a - out_byte + in_byte) % MOD
            b = (b - block * out_byte + a) % MOD
        pos += 1
    literal.extend(target[pos:])
    if literal:
        pkg.ops.append(("literal", bytes(literal)))
        pkg.literal_bytes += len(literal)
    return pkg


def make_delta_job(model: str, base: bytes, index: dict, target: bytes, **options):
    """Return a zero-argument job so the pool does not need to know the signature."""
    block = options.get("block", BLOCK)

    def job() -> DeltaPackage:
        started = time.perf_counter()
        pkg = compute_delta(model, base, index, target, block)
        log.debug("%s delta in %.1f ms", model, (time.perf_counter() - started) * 1e3)
        return pkg

    return job


def compress_fallback(image: bytes, part_size: int = 256 * 1024) -> list[bytes]:
    parts = []
    for start in range(0, len(image), part_size):  # ok: GIL001
        parts.append(zlib.compress(image[start:start + part_size], 6))
    return parts


def crc16_table(payload: bytes, block: int = 256) -> list[int]:
    table = []
    for off in range(0, len(payload), block):  # ok: GIL001
        crc = 0xFFFF
        for byte in payload[off:off + block]:
            crc ^= byte << 8
            for _ in range(8):
                crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
        table.append(crc)
    return table


def mutate(base: bytes, rng: random.Random, edits: int) -> bytes:
    data = bytearray(base)
    for _ in range(edits):
        at = rng.randrange(len(data) - 600)
        span = rng.randrange(200, 600)
        data[at:at + span] = rng.randbytes(span + rng.randrange(-8, 9))
    return bytes(data)


def firmware_image(size: int, rng: random.Random) -> bytes:
    words = [rng.randbytes(16) for _ in range(64)]
    return b"".join(rng.choice(words) if rng.random() < 0.7 else rng.randbytes(16)
                    for _ in range(size // 16))


def main() -> None:
    rng = random.Random(2024)
    base = firmware_image(256 * 1024, rng)
    index = block_index(base)
    targets = {m: mutate(base, rng, 160) for m in ("sensor-v1", "sensor-v2", "gateway")}

    pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="delta")
    futures = {pool.submit(make_delta_job(m, base, index, t, block=BLOCK)): m
               for m, t in targets.items()}
    packages = {futures[f]: f.result() for f in futures}
    pool.shutdown(wait=True)

    fallback_images = [firmware_image(1024 * 1024, rng) for _ in range(2)]
    with ThreadPoolExecutor(max_workers=2) as compressors:
        compressed = list(compressors.map(compress_fallback, fallback_images))

    with ProcessPoolExecutor(max_workers=2) as procs:
        crc_tables = list(procs.map(crc16_table, [t[:24 * 1024] for t in targets.values()]))

    for model, pkg in sorted(packages.items()):
        print(f"{model}: {len(pkg.ops)} ops, literal {pkg.literal_bytes} B, "
              f"copied {pkg.copied_bytes} B, ratio {pkg.ratio:.2f}")
    print(f"fallback packages: {[sum(map(len, c)) for c in compressed]} bytes")
    print(f"crc tables: {[len(t) for t in crc_tables]} blocks")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    t0 = time.perf_counter()
    main()
    print(f"done in {time.perf_counter() - t0:.2f}s")
