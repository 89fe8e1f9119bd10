"""Scan service logs for error codes with a regex in worker threads while another thread mirrors the raw files."""
import os
import re
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

LINES_PER_LOG = 150_000  # each log has 150,000 lines, about 9 MB
BLOCK = 1024 * 1024  # the mirror copies 1 MiB per read/write
ERROR_RE = re.compile(r"^\S+ \S+ (?:ERROR|FATAL) \[(?P<svc>[\w-]+)\] code=(?P<code>E\d{4})", re.MULTILINE)


def write_log(path, seed):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(LINES_PER_LOG):  # ok: GIL001
            level = "ERROR" if (i * seed) % 17 == 0 else "INFO"
            f.write(f"2024-06-01 12:00:{i % 60:02d} {level} [svc-{i % 5}] code=E{(i * seed) % 9000 + 1000} done\n")


def count_errors(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    per_code = {}
    for match in ERROR_RE.finditer(text):  # expect: GIL001
        per_code[match["code"]] = per_code.get(match["code"], 0) + 1  # ok: GIL002
    return path, per_code


def mirror(paths, dest_dir):
    for path in paths:  # ok: GIL001
        with open(path, "rb") as src, open(os.path.join(dest_dir, os.path.basename(path)), "wb") as dst:
            while block := src.read(BLOCK):  # ok: GIL001
                dst.write(block)


if __name__ == "__main__":
    work = tempfile.mkdtemp(prefix="logs-")
    paths = [os.path.join(work, f"node{n}.log") for n in range(4)]
    for n, path in enumerate(paths):
        write_log(path, n + 3)
    copier = threading.Thread(target=mirror, args=(paths, tempfile.mkdtemp(prefix="mirror-")))
    copier.start()
    with ThreadPoolExecutor(max_workers=4) as pool:
        for path, per_code in pool.map(count_errors, paths):
            print(f"{os.path.basename(path)}: {sum(per_code.values())} errors, {len(per_code)} distinct codes")
    copier.join()
