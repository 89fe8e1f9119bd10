"""Nightly export: one thread per region serializes daily rows to JSON files; another copies a binary snapshot."""
import json
import os
import tempfile
import threading

DAYS = 30
ROWS_PER_DAY = 5_000  # 5,000 order dicts per day and region, about 0.26 MB of JSON each
SNAPSHOT_BYTES = 64 * 1024 * 1024  # 64 MiB snapshot, written 1 MiB at a time
CHUNK = 1024 * 1024


def export_region(region, days, out_dir):
    for day, rows in enumerate(days):  # expect: GIL001
        text = json.dumps(rows, separators=(",", ":"))
        with open(os.path.join(out_dir, f"{region}-{day:02d}.json"), "w", encoding="utf-8") as f:
            f.write(text)


def copy_snapshot(snapshot, path):
    view = memoryview(snapshot)
    with open(path, "wb") as f:
        for offset in range(0, len(view), CHUNK):  # ok: GIL001
            f.write(view[offset:offset + CHUNK])
        f.flush()
        os.fsync(f.fileno())


if __name__ == "__main__":
    out_dir = tempfile.mkdtemp(prefix="export-")
    rows = [[{"order": d * ROWS_PER_DAY + i, "sku": f"SKU-{i % 400:04d}", "qty": i % 7 + 1,  # ok: GIL001
              "price": round(3.5 + i % 50 * 0.25, 2)} for i in range(ROWS_PER_DAY)] for d in range(DAYS)]
    threads = [threading.Thread(target=export_region, args=(region, rows, out_dir)) for region in ("eu", "us")]
    threads.append(threading.Thread(target=copy_snapshot,
                                    args=(bytes(SNAPSHOT_BYTES), os.path.join(out_dir, "snapshot.bin"))))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = sum(os.path.getsize(os.path.join(out_dir, n)) for n in os.listdir(out_dir))
    print(f"wrote {len(os.listdir(out_dir))} files, {total // (1024 * 1024)} MiB, to {out_dir}")
