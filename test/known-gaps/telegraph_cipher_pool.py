"""Telegraph office cipher desk.

Long diplomatic telegrams are enciphered with a running-key cipher in a
thread pool; the sealed outgoing bag (all ciphertexts concatenated with a
padding block) gets a SHA-256 seal computed chunk by chunk.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import string
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Dict, Iterator, List, Tuple

logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
log = logging.getLogger("telegraph.cipher")

ALPHABET = string.ascii_uppercase
INDEX = {ch: i for i, ch in enumerate(ALPHABET)}

DESK = {
    "telegrams": {
        "LONDON": ("ARRIVING TUESDAY STOP BRING THE LEDGERS STOP ", 7800),
        "LISBON": ("CARGO DELAYED BY WEATHER STOP AWAIT ORDERS STOP ", 7200),
        "TRIESTE": ("TREATY TEXT FOLLOWS IN FULL STOP ACKNOWLEDGE STOP ", 6900),
    },
    "key": "WHEATSTONECHARLESPLAYFAIR",
    "seal_chunk": 1 << 20,
    "padding_mb": 4,
}


@dataclass
class Ciphertext:
    office: str
    text: str
    letters: int


def timed(fn: Callable) -> Callable:
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        result = fn(*args, **kwargs)
        log.info("%s took %.0f ms", fn.__name__, (time.perf_counter() - t0) * 1e3)
        return result
    return wrapper


def make_tally() -> Tuple[Callable[[int], None], Callable[[], int]]:
    """Factory: a running total of enciphered letters kept in a closure cell."""
    total = 0

    def bump(n: int) -> None:
        nonlocal total
        total += n  # expect: GIL002

    def read() -> int:
        return total

    return bump, read


def letters_only(text: str) -> Iterator[str]:
    """Generator stage: drop everything that is not a cipher letter."""
    for ch in text:
        if ch in INDEX:
            yield ch


def key_stream(key: str) -> Iterator[int]:
    """Generator stage: the running key, forever."""
    while True:
        for ch in key:
            yield INDEX[ch]


@timed
def encipher(office: str, plain: str, key: str, tally: Callable[[int], None]) -> Ciphertext:
    out: List[str] = []
    shifts = key_stream(key)
    for ch in letters_only(plain):  # expect: GIL001
        out.append(ALPHABET[(INDEX[ch] + next(shifts)) % 26])
    letters = 0
    for group_start in range(0, len(out), 5000):
        letters += len(out[group_start:group_start + 5000])  # ok: GIL002
    tally(letters)
    return Ciphertext(office, "".join(out), letters)


def chunks(data: bytes, size: int) -> Iterator[bytes]:
    view = memoryview(data)
    for start in range(0, len(data), size):
        yield view[start:start + size]


@timed
def seal(bag: bytes, chunk: int) -> str:
    digest = hashlib.sha256()
    for piece in chunks(bag, chunk):  # ok: GIL001
        digest.update(piece)
    return digest.hexdigest()


class CipherDesk:
    def __init__(self, config: dict):
        self.config = config
        self.pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="clerk")
        self.bump, self.total_letters = make_tally()

    def __enter__(self) -> "CipherDesk":
        return self

    def __exit__(self, *exc) -> None:
        self.pool.shutdown(wait=True)

    def submit_all(self) -> Dict[str, Future]:
        futures = {}
        for office, (phrase, repeat) in self.config["telegrams"].items():
            plain = phrase * repeat
            futures[office] = self.pool.submit(encipher, office, plain,
                                               self.config["key"], tally=self.bump)
        return futures

    def seal_bag(self, texts: List[Ciphertext]) -> str:
        bag = "".join(t.text for t in texts).encode()
        bag += b"\0" * (self.config["padding_mb"] << 20)
        return self.pool.submit(seal, bag, self.config["seal_chunk"]).result()


def main() -> None:
    started = time.perf_counter()
    with CipherDesk(DESK) as desk:
        futures = desk.submit_all()
        texts = [futures[office].result() for office in sorted(futures)]
        bag_seal = desk.seal_bag(texts)
    for t in texts:
        print(f"{t.office:8s} {t.letters:6d} letters  {t.text[:25]}...")
    expected = sum(t.letters for t in texts)
    print(f"letters tallied = {desk.total_letters()} (expected {expected})")
    print(f"bag seal {bag_seal[:16]}... in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
