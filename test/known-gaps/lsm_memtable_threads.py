"""A small log-structured key-value store: memtable writes from client threads,
a flusher thread that turns full memtables into sorted SSTable files, and a
compactor thread that merges the existing level-1 runs.
"""
from __future__ import annotations

import heapq
import logging
import queue
import random
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

log = logging.getLogger("lsm")

STORE_CONFIG = {"memtable_limit_bytes": 2048, "clients": 4, "puts_per_client": 150,
                "client_think_s": 0.0003, "l1_runs": 4, "l1_run_len": 30_000}

Entry = Tuple[str, int, Optional[str]]  # key, sequence number, value (None = tombstone)


@dataclass
class MemTable:
    data: Dict[str, Tuple[int, Optional[str]]] = field(default_factory=dict)
    approx_bytes: int = 0
    lock: threading.RLock = field(default_factory=threading.RLock)

    def sorted_entries(self) -> List[Entry]:
        with self.lock:
            return [(k, seq, v) for k, (seq, v) in sorted(self.data.items())]


class LSMStore:
    def __init__(self, directory: Path, limit_bytes: int) -> None:
        self.directory = directory
        self.limit_bytes = limit_bytes
        self.active = MemTable()
        self.flush_queue: "queue.Queue[Optional[MemTable]]" = queue.Queue()
        self._write_lock = threading.Lock()
        self._rotate_lock = threading.Lock()
        self._seq = 0
        self.rotations = 0

    def put(self, key: str, value: Optional[str]) -> None:
        mem = self.active
        with self._write_lock:
            self._seq += 1  # ok: GIL002
            seq = self._seq
        with mem.lock:
            mem.data[key] = (seq, value)
        mem.approx_bytes += len(key) + len(value or "")  # expect: GIL002
        if mem.approx_bytes >= self.limit_bytes:  # expect: GIL003
            self._rotate(mem)

    def delete(self, key: str) -> None:
        self.put(key, None)

    def _rotate(self, full: MemTable) -> None:
        with self._rotate_lock:
            if self.active is full:  # ok: GIL003
                self.active = MemTable()
                self.rotations += 1
                self.flush_queue.put(full)

    def close(self) -> None:
        self.flush_queue.put(self.active)
        self.flush_queue.put(None)


class Flusher(threading.Thread):
    def __init__(self, store: LSMStore) -> None:
        super().__init__(name="flusher")
        self.store = store
        self.tables: List[Path] = []

    def run(self) -> None:
        while True:  # ok: GIL001
            mem = self.store.flush_queue.get()
            if mem is None:
                break
            path = self.store.directory / f"L0-{len(self.tables):04d}.sst"
            with path.open("w") as fh:
                fh.writelines(f"{k}\t{seq}\t{'' if v is None else v}\n" for k, seq, v in mem.sorted_entries())
            self.tables.append(path)


class Compactor:
    """Merges level-1 runs into one run, newest sequence number wins."""

    def __init__(self, runs: List[List[Entry]], out: Path) -> None:
        self.runs = runs
        self.out = out
        self.kept = 0
        self.dropped = 0

    def run(self) -> None:
        merged: List[str] = []
        last_key = None
        dropped = 0
        for key, seq, value in heapq.merge(*self.runs, key=lambda e: (e[0], -e[1])):  # expect: GIL001
            if key == last_key or value is None:
                dropped += 1
                last_key = key
                continue
            last_key = key
            merged.append(f"{key}\t{seq}\t{value}\n")
        self.out.write_text("".join(merged))
        self.kept, self.dropped = len(merged), dropped


def make_l1_runs(count: int, length: int, rng: random.Random) -> List[List[Entry]]:
    runs = []
    for r in range(count):
        keys = sorted(f"user:{n:07d}" for n in rng.sample(range(length * 2), length))
        runs.append([(k, r * length + i, None if i % 50 == 0 else f"v{r}-{i}") for i, k in enumerate(keys)])
    return runs


def client_session(store: LSMStore, ops: Iterable[Tuple[str, str]], think_s: float) -> int:
    done = 0
    for key, value in ops:  # ok: GIL001
        time.sleep(think_s)  # network round trip from the client
        store.put(key, value)
        done += 1
    return done


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    cfg = STORE_CONFIG
    rng = random.Random(8)
    with tempfile.TemporaryDirectory() as tmp:
        store = LSMStore(Path(tmp), cfg["memtable_limit_bytes"])
        flusher = Flusher(store)
        compactor = Compactor(make_l1_runs(cfg["l1_runs"], cfg["l1_run_len"], rng), Path(tmp, "L1-0000.sst"))
        compaction = threading.Thread(target=compactor.run, name="compactor")
        flusher.start()
        compaction.start()

        batches = [[(f"session:{c}:{i:04d}", f"payload-{rng.random():.6f}") for i in range(cfg["puts_per_client"])]
                   for c in range(cfg["clients"])]
        with ThreadPoolExecutor(max_workers=cfg["clients"], thread_name_prefix="client") as pool:
            written = sum(pool.map(client_session, [store] * len(batches), batches,
                                   [cfg["client_think_s"]] * len(batches)))
        store.close()
        flusher.join()
        compaction.join()
        l0_rows = sum(len(p.read_text().splitlines()) for p in flusher.tables)

    print(f"puts={written} rotations={store.rotations} L0 tables={len(flusher.tables)} L0 rows={l0_rows}")
    print(f"compaction kept {compactor.kept} entries, dropped {compactor.dropped}")


if __name__ == "__main__":
    main()
