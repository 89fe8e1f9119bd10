"""Ingest zlib-compressed JSON event batches: loader threads parse them, a spooler thread writes raw copies."""
import json
import os
import tempfile
import threading
import zlib

RECORDS_PER_BATCH = 20_000  # one batch = a JSON array of 20,000 event dicts, about 1.2 MB decompressed
BATCHES = 16


def make_batch(batch_no):
    return [{"id": batch_no * RECORDS_PER_BATCH + i, "user": f"u{i % 977}",  # ok: GIL001
             "bytes": (i * 37) % 65536, "ok": i % 13 != 0} for i in range(RECORDS_PER_BATCH)]


def load_batches(blobs, sizes):
    for blob in blobs:  # expect: GIL001
        events = json.loads(zlib.decompress(blob))
        sizes.append(len(events))  # ok: GIL002


def spool_batches(blobs, path):
    with open(path, "wb") as out:
        for blob in blobs:  # ok: GIL001
            out.write(zlib.decompress(blob))


blobs = [zlib.compress(json.dumps(make_batch(n)).encode()) for n in range(BATCHES)]  # ok: GIL001
sizes = []
spool_path = os.path.join(tempfile.mkdtemp(), "events.raw")
threads = [threading.Thread(target=load_batches, args=(blobs[i::2], sizes)) for i in range(2)]
threads.append(threading.Thread(target=spool_batches, args=(blobs, spool_path)))
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"parsed {sum(sizes)} events from {len(sizes)} batches; "
      f"spooled {os.path.getsize(spool_path) // 1024} KiB to {spool_path}")
os.remove(spool_path)
