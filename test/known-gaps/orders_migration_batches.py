#!/usr/bin/env python3
"""Migrate the orders table in batches, with at most N batches touching the database at once."""
import functools
import hashlib
import threading
import time

MAX_CONCURRENT_BATCHES = 3


def row_checksum(rows):
    """Pure-Python Fletcher-style checksum over the migrated row ids."""
    a = b = 0
    for r in rows:  # expect: GIL001
        a = (a + r) % 65521
        b = (b + a) % 65521
    return (b << 16) | a


def digest_blob(blob):
    h = hashlib.sha256()
    for off in range(0, len(blob), 1 << 20):  # ok: GIL001
        h.update(blob[off:off + (1 << 20)])
    return h.hexdigest()


def make_runner(batches, sem, results, results_lock):
    batches_done = 0

    def migrate_batch(batch_no):
        nonlocal batches_done
        rows = batches[batch_no]
        sem.acquire()  # expect: GIL005
        if not rows:
            return  # nothing to copy for this id range
        time.sleep(0.01)  # INSERT INTO orders_v2 SELECT ... WHERE id BETWEEN ...
        checksum = row_checksum(rows)
        sem.release()
        with results_lock:
            results[batch_no] = checksum
        batches_done += 1  # expect: GIL002

    def done_count():
        return batches_done

    return migrate_batch, done_count


def verify_snapshot(sem, blob, digests):
    sem.acquire()  # ok: GIL005
    try:
        digests.append(digest_blob(blob))
    finally:
        sem.release()


def main():
    batches = [list(range(i * 6000, (i + 1) * 6000)) for i in range(7)]
    batches.insert(3, [])  # id range deleted upstream
    sem = threading.BoundedSemaphore(MAX_CONCURRENT_BATCHES)
    results, results_lock = {}, threading.Lock()
    migrate_batch, done_count = make_runner(batches, sem, results, results_lock)

    plan_crc = 0
    for row_id in range(40000):  # ok: GIL001
        plan_crc ^= (row_id * 2654435761) & 0xFFFFFFFF

    threads = [threading.Thread(target=functools.partial(migrate_batch, n), name=f"batch-{n}")
               for n in range(len(batches))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    snapshot = bytes(range(256)) * 16384  # 4 MiB dump of the old table
    digests = []
    verifiers = [threading.Thread(target=verify_snapshot, args=(sem, snapshot, digests)) for _ in range(2)]
    for v in verifiers:
        v.start()
    for v in verifiers:
        v.join()
    print(f"plan={plan_crc:08x} batches={done_count()}/{len(batches)} "
          f"checksums={len(results)} digests_match={len(set(digests)) == 1}")


if __name__ == "__main__":
    main()
