"""Two threads read the same 4 MB export through a block generator: one hashes, one scans.

The program writes a 4 MB newline-separated export into a temporary directory.
read_blocks() yields it in 256 KB blocks. The digest thread feeds each block to
hashlib.sha256, which releases the GIL while hashing large buffers; the scan
thread finds the longest record by looking at every byte in a Python loop.

Lessons: a loop whose time goes to file reads and hashlib on big buffers is not
CPU-bound in the GIL sense (16 iterations, the work is done in C without the
GIL); the byte-by-byte scan is, and it holds the GIL for its whole run.
"""
import hashlib
import os
import tempfile
import threading

FILE_SIZE = 4 * 1024 * 1024
BLOCK_SIZE = 256 * 1024


def read_blocks(path, size=BLOCK_SIZE):
    with open(path, "rb") as fh:
        while True:  # ok: GIL001
            block = fh.read(size)
            if not block:
                return
            yield block


def digest_file(path, report):
    sha = hashlib.sha256()
    for block in read_blocks(path):  # ok: GIL001
        sha.update(block)
    report["sha256"] = sha.hexdigest()


def longest_record(path, report):
    longest = current = 0
    for block in read_blocks(path):  # expect: GIL001
        for byte in block:
            if byte == 10:
                longest = max(longest, current)
                current = 0
            else:
                current += 1
    report["longest"] = max(longest, current)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "export.csv")
        row = b"".join(b"%06d,sensor-%02d,%d\n" % (n, n % 40, n * 7 % 997) for n in range(2_000))
        with open(path, "wb") as fh:
            fh.write((row * (FILE_SIZE // len(row) + 1))[:FILE_SIZE])
        report = {}
        threads = [threading.Thread(target=digest_file, args=(path, report)),
                   threading.Thread(target=longest_record, args=(path, report))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    print(f"sha256 = {report['sha256'][:16]}..., longest record = {report['longest']} bytes")
