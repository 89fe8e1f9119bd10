"""Crash recovery: verify redo-log checksums, then replay records in parallel, partitioned by page."""
import functools
import random
import struct
import threading

RECORD = struct.Struct("<QIiI")  # lsn, page_id, delta, checksum


def fletcher16(data):
    a = b = 0
    for byte in data:  # expect: GIL001
        a = (a + byte) % 255
        b = (b + a) % 255
    return (b << 8) | a


def write_log(n_records, n_pages, seed=5):
    rng, chunks = random.Random(seed), []
    for lsn in range(1, n_records + 1):  # ok: GIL001
        page, delta = rng.randrange(n_pages), rng.randint(-50, 50)
        chunks.append(RECORD.pack(lsn, page, delta, (page * 31 + delta) & 0xFFFF))
    body = b"".join(chunks)
    return body + struct.pack("<I", fletcher16(body))


def recover(log_bytes, n_partitions):
    body, (expected,) = log_bytes[:-4], struct.unpack("<I", log_bytes[-4:])
    verdict = {}
    checker = threading.Thread(target=lambda: verdict.update(ok=fletcher16(body) == expected))
    checker.start()

    partitions = [[] for _ in range(n_partitions)]
    for rec in RECORD.iter_unpack(body):  # ok: GIL001
        partitions[rec[1] % n_partitions].append(rec)

    applied = 0
    max_lsn = 0
    lsn_lock = threading.Lock()
    page_images = [None] * n_partitions

    def replay(slot, records):
        nonlocal applied, max_lsn
        pages = {}
        for lsn, page, delta, _crc in records:  # expect: GIL001
            pages[page] = pages.get(page, 0) + delta  # ok: GIL002
            applied += 1  # expect: GIL002
        with lsn_lock:
            if records:
                max_lsn = max(max_lsn, records[-1][0])  # ok: GIL002
        page_images[slot] = pages

    workers = [threading.Thread(target=functools.partial(replay, i, part))
               for i, part in enumerate(partitions)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    checker.join()
    merged = {}
    for image in page_images:
        merged.update(image)
    return verdict["ok"], applied, max_lsn, merged


def main():
    log = write_log(40_000, 200)
    ok, applied, max_lsn, pages = recover(log, 4)
    print("checksum ok:", ok, "records applied:", applied, "max lsn:", max_lsn)
    print("pages recovered:", len(pages), "net delta:", sum(pages.values()))


if __name__ == "__main__":
    main()
