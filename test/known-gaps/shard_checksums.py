#!/usr/bin/env python3
"""Verify a set of 1 MiB data shards: SHA-256 and CRC32 per shard on worker
threads, plus a cheap header parity byte, compared against a stored manifest."""
import hashlib
import random
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor

SHARD_SIZE = 1 << 20
NUM_SHARDS = 12


class ShardReport:
    def __init__(self):
        self.lock = threading.Lock()
        self.bytes_hashed = 0
        self.mismatches = 0
        self.digests = {}
        self.parity = {}


def make_shards(n):
    return [(i, random.Random(i).randbytes(SHARD_SIZE)) for i in range(n)]


def header_parity(blob):
    acc = 0
    for b in blob[:1024]:  # expect: GIL001
        acc ^= b
    return acc


def verify_shards(assigned, report, expected_crc):
    for idx, blob in assigned:  # ok: GIL001
        digest = hashlib.sha256(blob).hexdigest()
        crc = zlib.crc32(blob)
        with report.lock:
            report.bytes_hashed += len(blob)  # ok: GIL002
            report.digests[idx] = digest
        report.parity[idx] = header_parity(blob)
        if expected_crc[idx] != crc:
            report.mismatches += 1  # expect: GIL002


def main():
    shards = make_shards(NUM_SHARDS)
    expected_crc = {i: zlib.crc32(blob) for i, blob in shards}
    # simulate one shard rotting on disk after the manifest was written
    bad = bytearray(shards[5][1])
    bad[1234] ^= 0xFF
    shards[5] = (5, bytes(bad))

    report = ShardReport()
    groups = [shards[k::3] for k in range(3)]
    with ThreadPoolExecutor(max_workers=3) as pool:
        for fut in [pool.submit(verify_shards, g, report, expected_crc) for g in groups]:
            fut.result()

    print(f"hashed {report.bytes_hashed // SHARD_SIZE} MiB in {len(report.digests)} shards")
    print(f"crc mismatches: {report.mismatches}")
    for idx in sorted(report.digests)[:4]:
        print(f"  shard {idx:02d} sha256={report.digests[idx][:16]} parity={report.parity[idx]:#04x}")


if __name__ == "__main__":
    main()
