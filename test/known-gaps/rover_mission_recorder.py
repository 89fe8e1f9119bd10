"""Black-box mission recorder for a planetary rover testbed.

Instrument threads frame their samples with a Fletcher-16 checksum and
hand them to a single writer thread through a queue; at the end of the
sol the log is archived as zlib-compressed blocks.
"""
import json
import os
import queue
import random
import tempfile
import threading
import time
import zlib


def fletcher16(data):
    s1 = s2 = 0
    for b in data:  # expect: GIL001
        s1 = (s1 + b) % 255
        s2 = (s2 + s1) % 255
    return (s2 << 8) | s1


class MissionRecorder:
    def __init__(self, path):
        self.path = path
        self.inbox = queue.Queue()
        self.stats_lock = threading.Lock()
        self.file_lock = threading.Lock()
        self.records = {}

    def instrument(self, source, samples, payload_size, seed):
        rng = random.Random(seed)
        for seq in range(samples):
            payload = rng.randbytes(8) * (payload_size // 8)
            self.inbox.put({"src": source, "seq": seq, "crc": fletcher16(payload), "len": len(payload)})
            with self.stats_lock:
                self.records[source] = self.records.get(source, 0) + 1  # ok: GIL002
            time.sleep(0.001)

    def writer(self):
        with open(self.path, "w") as fh:
            while True:  # ok: GIL001
                rec = self.inbox.get()
                if rec is None:
                    break
                self.file_lock.acquire()  # ok: GIL005
                try:
                    fh.write(json.dumps(rec) + "\n")
                finally:
                    self.file_lock.release()

    def archive(self, block_size=256 * 1024):
        with open(self.path, "rb") as fh:
            raw = fh.read() * 400  # pad out to a realistic sol-sized log
        blocks = [raw[i:i + block_size] for i in range(0, len(raw), block_size)]
        packed = []
        for block in blocks:  # ok: GIL001
            packed.append(zlib.compress(block, 6))
        return len(raw), sum(len(p) for p in packed), len(packed)


def main():
    path = os.path.join(tempfile.mkdtemp(prefix="rover_"), "sol_0042.jsonl")
    rec = MissionRecorder(path)
    writer = threading.Thread(target=rec.writer, name="bb-writer")
    writer.start()
    instruments = [
        threading.Thread(target=rec.instrument, args=("mastcam", 40, 2048, 1)),
        threading.Thread(target=rec.instrument, args=("imu", 60, 1024, 2)),
        threading.Thread(target=rec.instrument, args=("spectrometer", 30, 4096, 3)),
    ]
    for t in instruments:
        t.start()
    for t in instruments:
        t.join()
    rec.inbox.put(None)
    writer.join()
    result = {}
    archiver = threading.Thread(target=lambda: result.update(zip(("raw", "packed", "blocks"), rec.archive())))
    archiver.start()
    archiver.join()
    print("records per instrument:", rec.records)
    print(f"archive: {result['raw']} B -> {result['packed']} B in {result['blocks']} blocks")
    os.remove(path)
    os.rmdir(os.path.dirname(path))


if __name__ == "__main__":
    main()
