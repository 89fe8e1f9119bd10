"""Fixity audit for the records office's digital store.

Every deposited file is checked with each algorithm the preservation policy
lists.  Algorithms register themselves by name; the auditor runs one task per
(file, algorithm) on a thread pool and keeps the shared audit counters.  The
legacy "adler32-py" check is a pure-Python port kept for old manifests.
"""
import hashlib
import os
import random
import tempfile
import threading
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from functools import partial

POLICY = {
    "algorithms": ["sha256", "adler32-py"],
    "deposits": 6,
    "deposit_bytes": 512 * 1024,
    "chunk": 64 * 1024,
    "workers": 4,
    "seed": 1832,
}

ALGORITHMS = {}


def algorithm(name):
    def register(cls):
        ALGORITHMS[name] = cls
        cls.name = name
        return cls
    return register


class FixityAlgorithm:
    name = "abstract"
    chunk = POLICY["chunk"]

    def digest(self, path):
        with open(path, "rb") as fh:
            data = fh.read()
        return self._fold(data)

    def _fold(self, data):
        raise NotImplementedError


@algorithm("sha256")
class Sha256Fixity(FixityAlgorithm):
    def digest(self, path):
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(partial(fh.read, self.chunk), b""):  # ok: GIL001 -- file reads plus sha256 on 64 KiB chunks: both release the GIL
                h.update(chunk)
        return h.hexdigest()


@algorithm("adler32-py")
class Adler32Py(FixityAlgorithm):
    MOD = 65521

    def _fold(self, data):
        a, b = 1, 0
        for byte in data:  # expect: GIL001 -- byte-by-byte loop over a 512 KiB deposit: ~40 ms of pure Python per task
            a = (a + byte) % self.MOD
            b = (b + a) % self.MOD
        return f"{(b << 16) | a:08x}"


class Auditor:
    def __init__(self, policy):
        self.policy = policy
        self.bytes_checked = 0
        self.verified = 0
        self.failures = []
        self.by_digest = {}
        self.duplicates = []
        self.report_slot = threading.BoundedSemaphore(1)

    def check(self, path, name, expected=None):
        digest = ALGORITHMS[name]().digest(path)
        self.bytes_checked += os.path.getsize(path)  # expect: GIL002 -- every pool task adds to the same auditor counter, unlocked
        if expected is not None and digest != expected:
            self.failures.append((path, name))  # ok: GIL002 -- list.append is one call, not a read-modify-write
        if name == "sha256":
            self._register(digest, path)
        with self.report_slot:
            self.verified += 1  # ok: GIL002 -- BoundedSemaphore(1) is used as a mutex here
        return path, name, digest

    def _register(self, digest, path):
        if digest in self.by_digest:  # expect: GIL003 -- two tasks hashing identical deposits can both miss and both register
            self.duplicates.append((path, self.by_digest[digest]))
        else:
            self.by_digest[digest] = path


def make_deposits(directory, policy):
    rng = random.Random(policy["seed"])
    paths = []
    for n in range(policy["deposits"]):
        body = rng.randbytes(policy["deposit_bytes"])
        path = os.path.join(directory, f"deposit_{n:03d}.bin")
        with open(path, "wb") as fh:
            fh.write(body)
        paths.append(path)
    dup = os.path.join(directory, "deposit_000_copy.bin")
    with open(paths[0], "rb") as src, open(dup, "wb") as dst:
        dst.write(src.read())
    paths.append(dup)
    return paths


def audit(paths, policy):
    auditor = Auditor(policy)
    with ThreadPoolExecutor(max_workers=policy["workers"]) as pool:
        futures = [pool.submit(auditor.check, path, name)
                   for path in paths for name in policy["algorithms"]]
        done, not_done = wait(futures, return_when=FIRST_EXCEPTION)
        results = [f.result() for f in done]
    return auditor, results, not_done


def main(policy=POLICY):
    with tempfile.TemporaryDirectory() as store:
        paths = make_deposits(store, policy)
        auditor, results, not_done = audit(paths, policy)
    print(f"tasks: {len(results)} done, {len(not_done)} not done")
    print(f"bytes checked: {auditor.bytes_checked}  verified: {auditor.verified}  failures: {auditor.failures}")
    print(f"duplicates: {[(os.path.basename(a), os.path.basename(b)) for a, b in auditor.duplicates]}")


if __name__ == "__main__":
    main()
