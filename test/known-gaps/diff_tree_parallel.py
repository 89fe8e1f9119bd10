"""`mygit diff --stat` for two trees, with the file diffs fanned out to a thread pool.

The line differ is the classic LCS dynamic programme (our blobs are small and
we need minimal diffs for review tooling).  Blobs are split into lines once and
cached by object id, because renames and copies make the same blob show up in
several file pairs.
"""
from __future__ import annotations

import fnmatch
import hashlib
import logging
import random
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

log = logging.getLogger("mygit.diff")


@dataclass
class DiffStats:
    files_changed: int = 0
    insertions: int = 0
    deletions: int = 0

    def record(self, insertions: int, deletions: int) -> None:
        self.insertions += insertions  # expect: GIL002
        self.deletions += deletions  # expect: GIL002

    def summary(self) -> str:
        return (f"{self.files_changed} files changed, {self.insertions} insertions(+), "
                f"{self.deletions} deletions(-)")


@dataclass
class DiffJob:
    name: str
    files: list[tuple[str, bytes, bytes]] = field(default_factory=list)


def blob_id(blob: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(blob) + blob).hexdigest()


def make_path_filter(include: list[str], exclude: list[str]):
    def accept(path: str) -> bool:
        if any(fnmatch.fnmatch(path, pat) for pat in exclude):
            return False
        return any(fnmatch.fnmatch(path, pat) for pat in include)
    return accept


class LineDiffer:
    def lcs_table(self, a: list[bytes], b: list[bytes]) -> list[list[int]]:
        rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
        for i in range(len(a) - 1, -1, -1):
            row, below = rows[i], rows[i + 1]
            ai = a[i]
            for j in range(len(b) - 1, -1, -1):
                row[j] = below[j + 1] + 1 if ai == b[j] else max(below[j], row[j + 1])
        return rows

    def count_changes(self, a: list[bytes], b: list[bytes]) -> tuple[int, int]:
        common = self.lcs_table(a, b)[0][0]
        return len(b) - common, len(a) - common


class TreeDiffer:
    def __init__(self, differ: LineDiffer | None = None, **options) -> None:
        self.differ = differ or LineDiffer()
        self.options = {"include": ["*.py", "*.md"], "exclude": ["vendor/*"], **options}
        self.accept = make_path_filter(self.options["include"], self.options["exclude"])
        self.stats = DiffStats()
        self._stats_lock = threading.Lock()
        self._split_cache: dict[str, list[bytes]] = {}
        self.per_file: dict[str, tuple[int, int]] = {}

    def _lines(self, blob: bytes) -> list[bytes]:
        oid = blob_id(blob)
        if oid not in self._split_cache:  # expect: GIL003
            self._split_cache[oid] = blob.splitlines()
        return self._split_cache[oid]

    def diff_job(self, job: DiffJob) -> int:
        changed = 0
        for path, old, new in job.files:  # expect: GIL001
            if not self.accept(path) or old == new:
                continue
            ins, dels = self.differ.count_changes(self._lines(old), self._lines(new))
            self.per_file[path] = (ins, dels)
            self.stats.record(ins, dels)
            with self._stats_lock:
                self.stats.files_changed += 1  # ok: GIL002
            changed += 1
        return changed


def synthesize_tree(seed: int, n_files: int, n_lines: int) -> list[tuple[str, bytes, bytes]]:
    rng = random.Random(seed)
    vocab = [b"def", b"return", b"self", b"value", b"import", b"for", b"in", b"if", b"None", b"="]
    files = []
    for k in range(n_files):  # ok: GIL001
        old = [b" ".join(rng.choice(vocab) for _ in range(6)) for _ in range(n_lines)]
        new = list(old)
        for _ in range(n_lines // 12):
            pos = rng.randrange(len(new))
            if rng.random() < 0.5:
                new[pos] = b"# edited " + new[pos]
            else:
                new.insert(pos, b"log.debug('added')")
        folder = "vendor" if k % 9 == 8 else "src"
        files.append((f"{folder}/mod_{k:03d}.py", b"\n".join(old), b"\n".join(new)))
    return files


def run_diff(workers: int = 3) -> TreeDiffer:
    files = synthesize_tree(seed=2718, n_files=40, n_lines=200)
    files += [(f"docs/copy_{i}.md", files[i][1], files[i][2]) for i in range(4)]
    jobs = [DiffJob(f"job-{i}", files[i::4]) for i in range(4)]
    tree = TreeDiffer(include=["*.py", "*.md"])
    executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="diff")
    futures = {executor.submit(tree.diff_job, job): job.name for job in jobs}
    for fut in as_completed(futures):
        log.info("%s: %d files changed", futures[fut], fut.result())
    executor.shutdown(wait=True)
    return tree


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    tree = run_diff()
    for path in sorted(tree.per_file)[:5]:
        ins, dels = tree.per_file[path]
        print(f" {path:24s} | {ins + dels:3d} {'+' * min(ins, 20)}{'-' * min(dels, 20)}")
    print(" " + tree.stats.summary())
    print(f" expected insertions {sum(i for i, _ in tree.per_file.values())}, blobs cached {len(tree._split_cache)}")
