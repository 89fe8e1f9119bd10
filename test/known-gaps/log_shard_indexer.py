#!/usr/bin/env python3
"""Index log shards: reader threads load files, worker processes count levels."""
import multiprocessing as mp
import os
import tempfile
import threading

LEVELS = ("DEBUG", "INFO", "WARN", "ERROR")
lines_read = 0
bytes_read = 0
read_lock = threading.Lock()


def make_shards(folder, count):
    paths = []
    for i in range(count):
        path = os.path.join(folder, f"shard{i}.log")
        with open(path, "w") as fh:
            for n in range(400):
                level = LEVELS[(n * (i + 3)) % 4]
                fh.write(f"2024-01-01T00:00:{n % 60:02d} {level} req={n}\n")
        paths.append(path)
    return paths


def read_shard(path, texts, idx):
    global lines_read, bytes_read
    with open(path) as fh:
        data = fh.read()
    texts[idx] = data
    lines_read += data.count("\n")  # expect: GIL002
    with read_lock:
        bytes_read += len(data)  # ok: GIL002


def count_levels(shard_idx, text, level_counts, total_errors):
    local = [0, 0, 0, 0]
    for line in text.splitlines():  # ok: GIL001
        parts = line.split(" ", 2)
        local[LEVELS.index(parts[1])] += 1
    base = shard_idx * len(LEVELS)
    for j, c in enumerate(local):
        level_counts[base + j] += c  # ok: GIL002
    with total_errors.get_lock():
        total_errors.value += local[3]  # ok: GIL002


def fingerprint(texts, out):
    h = 0
    for ch in "".join(texts):  # expect: GIL001
        h = (h * 131 + ord(ch)) & 0xFFFFFFFF
    out["fingerprint"] = f"{h:08x}"


def main():
    with tempfile.TemporaryDirectory() as folder:
        paths = make_shards(folder, 4)
        texts = [None] * len(paths)
        readers = [threading.Thread(target=read_shard, args=(p, texts, i))
                   for i, p in enumerate(paths)]
        for t in readers:
            t.start()
        for t in readers:
            t.join()

    level_counts = mp.Array("i", len(paths) * len(LEVELS))
    total_errors = mp.Value("i", 0)
    procs = [mp.Process(target=count_levels, args=(i, texts[i], level_counts, total_errors))
             for i in range(len(texts))]
    summary = {}
    fp_thread = threading.Thread(target=fingerprint, args=(texts, summary))
    fp_thread.start()
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    fp_thread.join()

    for i in range(len(paths)):
        row = level_counts[i * 4:(i + 1) * 4]
        print(f"shard{i}: " + " ".join(f"{lv}={n}" for lv, n in zip(LEVELS, row)))
    print(f"errors={total_errors.value} lines={lines_read} bytes={bytes_read}")
    print(f"fingerprint={summary['fingerprint']}")


if __name__ == "__main__":
    main()
