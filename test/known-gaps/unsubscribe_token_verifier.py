"""Verify signed one-click unsubscribe tokens (RFC 8058 links) in bulk.

Tokens look like ``BASE32(list:subscriber:issued:crc16).SIG`` where SIG is an
HMAC under a per-list key derived with PBKDF2 from the master secret.  The
legacy CRC-16 is still checked, in Python, for tokens minted by the old PHP
mailer.  A per-list throttle protects the suppression API downstream.
"""
from __future__ import annotations

import base64
import collections
import functools
import hashlib
import hmac
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, Iterable, List, Tuple

log = logging.getLogger("newsletter.tokens")

MASTER_SECRET = b"rotate-me-every-quarter"
LISTS = ["weekly-digest", "product-news", "events", "partners"]


class RateLimited(Exception):
    pass


class InvalidToken(ValueError):
    pass


def crc16_ccitt(data: bytes, crc: int = 0xFFFF) -> int:
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def derive_keys(list_ids: Iterable[str], out: Dict[str, bytes]) -> None:
    """PBKDF2 per list; OpenSSL does the rounds with the GIL released."""
    for list_id in list_ids:  # ok: GIL001
        out[list_id] = hashlib.pbkdf2_hmac("sha256", MASTER_SECRET, list_id.encode(), 60_000)


class Throttle:
    """Sliding one-second window per list."""

    def __init__(self, per_second: int) -> None:
        self.per_second = per_second
        self._windows: Dict[str, collections.deque] = {}
        self._lock = threading.Lock()

    def admit(self, list_id: str) -> None:
        self._lock.acquire()  # expect: GIL005
        window = self._windows.setdefault(list_id, collections.deque())
        now = time.monotonic()
        while window and now - window[0] > 1.0:
            window.popleft()
        if len(window) >= self.per_second:
            raise RateLimited(list_id)
        window.append(now)
        self._lock.release()

    def reset(self, list_id: str) -> None:
        if not self._lock.acquire(timeout=1.0):  # ok: GIL005
            raise TimeoutError("throttle busy")
        try:
            self._windows.pop(list_id, None)
        finally:
            self._lock.release()


class TokenCodec:
    def __init__(self, keys: Dict[str, bytes]) -> None:
        self.keys = keys

    def mint(self, list_id: str, subscriber: int, issued: int) -> str:
        body = f"{list_id}:{subscriber}:{issued}".encode()
        body += b":%04x" % crc16_ccitt(body)
        sig = hmac.new(self.keys[list_id], body, hashlib.sha256).hexdigest()[:20]
        return base64.b32encode(body).decode().rstrip("=") + "." + sig

    def decode(self, token: str) -> Tuple[str, int, int]:
        encoded, _, sig = token.partition(".")
        body = base64.b32decode(encoded + "=" * (-len(encoded) % 8))
        payload, _, crc_hex = body.rpartition(b":")
        if crc16_ccitt(payload) != int(crc_hex, 16):
            raise InvalidToken("crc mismatch")
        list_id, subscriber, issued = payload.decode().split(":")
        expected = hmac.new(self.keys[list_id], body, hashlib.sha256).hexdigest()[:20]
        if not hmac.compare_digest(expected, sig):
            raise InvalidToken("bad signature")
        return list_id, int(subscriber), int(issued)


def verify_batch(codec: TokenCodec, throttle: Throttle, outcomes: collections.Counter,
                 tokens: List[str]) -> List[Tuple[str, int]]:
    accepted = []
    for token in tokens:  # expect: GIL001
        try:
            list_id, subscriber, _ = codec.decode(token)
        except InvalidToken:
            outcomes["invalid"] += 1  # expect: GIL002
            continue
        throttle.admit(list_id)
        accepted.append((list_id, subscriber))
    return accepted


def main(n_tokens: int = 4000, workers: int = 2) -> None:
    keys: Dict[str, bytes] = {}
    key_threads = [threading.Thread(target=derive_keys, args=(LISTS[i::2], keys)) for i in range(2)]
    for t in key_threads:
        t.start()
    for t in key_threads:
        t.join()
    codec = TokenCodec(keys)
    tokens = [codec.mint(LISTS[i % 4], 10_000 + i, 1_700_000_000 + i) for i in range(n_tokens)]
    for i in range(0, n_tokens, 97):
        tokens[i] = tokens[i][:-3] + "zzz"  # tampered links from a scanner
    throttle = Throttle(per_second=100_000)
    outcomes: collections.Counter = collections.Counter()
    batches = [tokens[i::workers * 2] for i in range(workers * 2)]
    executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="verify")
    started = time.perf_counter()
    results = executor.map(functools.partial(verify_batch, codec, throttle, outcomes), batches)
    accepted = [item for batch in results for item in batch]
    executor.shutdown(wait=True)
    for list_id in LISTS:
        throttle.reset(list_id)
    outcomes["accepted"] += len(accepted)  # ok: GIL002
    print(f"verified {n_tokens} tokens in {time.perf_counter() - started:.2f}s with {workers} threads")
    print(f"accepted {outcomes['accepted']}, invalid {outcomes['invalid']}")
    print(f"first accepted {accepted[0]}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
