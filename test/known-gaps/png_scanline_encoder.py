#!/usr/bin/env python3
"""PNG-style encoder core: apply the 'Sub' scanline filter and deflate a
batch of synthetic RGB images on a thread pool; results come back on a queue."""
import queue
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor

BPP = 3
scratch = threading.local()
done_q = queue.Queue()
totals = {"images": 0, "raw": 0, "packed": 0}
totals_lock = threading.Lock()
seen = set()


def synth(w, h, seed):
    stride = w * BPP
    return bytes((seed * 31 + i * 7 + (i // stride) * 3) & 0xFF for i in range(h * stride))  # ok: GIL001


def sub_filter(data, w, h):
    stride = w * BPP
    out = bytearray(h * (stride + 1))
    out[0::stride + 1] = b"\x01" * h
    for i in range(h * stride):  # expect: GIL001
        y, x = divmod(i, stride)
        left = data[i - BPP] if x >= BPP else 0
        out[y * (stride + 1) + 1 + x] = (data[i] - left) & 0xFF
    return out


def encode(name, data, w, h):
    with totals_lock:
        if name in seen:  # ok: GIL003
            return
        seen.add(name)
    filtered = sub_filter(data, w, h)
    scratch.images = getattr(scratch, "images", 0) + 1  # ok: GIL002
    packed = zlib.compress(bytes(filtered), 9)
    totals_lock.acquire()  # ok: GIL005
    try:
        totals["images"] += 1  # ok: GIL002
        totals["raw"] += len(data)  # ok: GIL002
        totals["packed"] += len(packed)  # ok: GIL002
    finally:
        totals_lock.release()
    done_q.put((name, w, h, len(packed), scratch.images))


def main():
    jobs = [(f"tile_{i}.png", 48 + 8 * (i % 3), 32, i) for i in range(6)]
    jobs.append(jobs[0])
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="png") as pool:
        futs = [pool.submit(encode, name, synth(w, h, seed), w, h) for name, w, h, seed in jobs]
        for f in futs:
            f.result()

    rows = []
    while not done_q.empty():
        rows.append(done_q.get_nowait())
    for name, w, h, size, nth in sorted(rows):
        print(f"{name:<11} {w}x{h} -> {size:>5} bytes (worker job #{nth})")
    print(f"images={totals['images']} raw={totals['raw']} packed={totals['packed']}")


if __name__ == "__main__":
    main()
