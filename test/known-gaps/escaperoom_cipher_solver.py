"""Escape room puzzle QA: brute-force every key of a Vigenere prop to prove the intended answer is unique."""
from __future__ import annotations

import itertools
import logging
import string
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

logging.basicConfig(level=logging.INFO, format="%(threadName)-10s %(message)s")
log = logging.getLogger("escaperoom.qa")

ALPHA = string.ascii_uppercase
stats: Dict[str, int] = {"keys_tried": 0}


def vigenere(text: str, key: str, sign: int = 1) -> str:
    out = []
    for i, ch in enumerate(text):
        shift = ALPHA.index(key[i % len(key)]) * sign
        out.append(ALPHA[(ALPHA.index(ch) + shift) % 26])
    return "".join(out)


class Guarded:
    """Context manager that serialises access to a result table."""

    def __init__(self, lock: threading.Lock, label: str):
        self._lock = lock
        self.label = label

    def __enter__(self) -> "Guarded":
        self._lock.__enter__()
        return self

    def __exit__(self, *exc) -> bool:
        self._lock.__exit__(*exc)
        return False


class SolutionCache:
    def __init__(self):
        self._lock = threading.Lock()
        self._data: Dict[str, List[str]] = {}

    def store_once(self, puzzle: str, keys: List[str]) -> List[str]:
        self._lock.acquire()  # expect: GIL005
        if puzzle in self._data:
            return self._data[puzzle]
        self._data[puzzle] = sorted(keys)
        self._lock.release()
        return keys


@dataclass
class WorkerSpec:
    name: str
    target: Callable[..., Any]
    args: Tuple[Any, ...] = ()
    kwargs: Dict[str, Any] = field(default_factory=dict)


class Supervisor:
    def __init__(self):
        self._guard = Guarded(threading.Lock(), "solutions")
        self.solutions = 0
        self.found: List[Tuple[str, str]] = []
        self.threads: List[threading.Thread] = []
        self.errors: List[BaseException] = []

    def report(self, key: str, plaintext: str) -> None:
        with self._guard:
            self.found.append((key, plaintext))
            self.solutions += 1  # ok: GIL002

    def _guarded(self, spec: WorkerSpec) -> None:
        try:
            spec.target(*spec.args, on_match=self.report, **spec.kwargs)
        except BaseException as exc:  # keep the QA run going
            self.errors.append(exc)

    def launch(self, spec: WorkerSpec) -> threading.Thread:
        t = threading.Thread(target=self._guarded, name=spec.name, args=(spec,))
        self.threads.append(t)
        t.start()
        return t

    def wait(self) -> None:
        for t in self.threads:
            t.join()


def brute_force_keys(ciphertext: str, first_letters: Iterable[str], *, cribs: Tuple[str, ...],
                     key_len: int, on_match: Callable[[str, str], None]) -> None:
    tried = 0
    codes = [ALPHA.index(c) for c in ciphertext]
    for first in first_letters:  # expect: GIL001
        for rest in itertools.product(range(26), repeat=key_len - 1):
            shifts = (ALPHA.index(first),) + rest
            plain = "".join(ALPHA[(c - shifts[i % key_len]) % 26] for i, c in enumerate(codes))
            tried += 1
            if any(plain.startswith(w) for w in cribs):
                on_match("".join(ALPHA[s] for s in shifts), plain)
    stats["keys_tried"] += tried  # expect: GIL002


def heartbeat(done: threading.Event, every: float, supervisor: Supervisor) -> None:
    beats = 0
    while not done.wait(every):  # ok: GIL001
        beats += 1
        log.info("heartbeat %d: %d candidate keys so far", beats, len(supervisor.found))


def main() -> None:
    answer_key = "LUX"
    ciphertext = vigenere("THEKEYISUNDERTHERUGBYTHEOLDDOOR", answer_key)
    cribs = ("THEKEY", "THEDOOR")
    sup = Supervisor()
    done = threading.Event()
    beat = threading.Thread(target=heartbeat, args=(done, 0.05, sup), name="heartbeat", daemon=True)
    beat.start()
    slices = [ALPHA[i::2] for i in range(2)]
    started = time.perf_counter()
    for n, letters in enumerate(slices):
        sup.launch(WorkerSpec(f"brute-{n}", brute_force_keys, (ciphertext, letters),
                              {"cribs": cribs, "key_len": len(answer_key)}))
    sup.wait()
    done.set()
    beat.join()
    cache = SolutionCache()
    keys = cache.store_once(ciphertext, [k for k, _ in sup.found])
    print(f"tried {stats['keys_tried']} keys in {(time.perf_counter() - started) * 1000:.0f} ms; "
          f"matching keys: {keys}; errors: {len(sup.errors)}")
    print("puzzle is unique" if keys == [answer_key] else "puzzle is ambiguous!")


if __name__ == "__main__":
    main()
