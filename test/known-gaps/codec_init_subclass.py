"""Payload codecs register themselves through __init_subclass__; the job
list in CONFIG picks a codec by name for each encoder thread."""
import threading
import zlib

CONFIG = {
    "rle_bytes": 200_000,          # sensor dump fed to the run-length codec
    "deflate_lines": 80_000,       # access-log lines fed to the deflate codec
    "chunk_bytes": 262_144,        # deflate works in 256 KiB chunks
    "jobs": ["rle", "rle", "deflate", "deflate"],
}

STATS = {"rle": 0, "deflate": 0}
CALLS = {"total": 0}
STATS_LOCK = threading.Lock()


class Codec:
    registry = {}

    def __init_subclass__(cls, name, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.name = name
        Codec.registry[name] = cls

    def encode(self, data):
        raise NotImplementedError

    def run(self, data, results, slot):
        out = self.encode(data)
        results[slot] = len(out)
        STATS[self.name] += len(out)  # expect: GIL002
        with STATS_LOCK:
            CALLS["total"] += 1  # ok: GIL002


class RunLengthCodec(Codec, name="rle"):
    def encode(self, data):
        out = bytearray()
        prev, run = data[0], 1
        for b in data[1:]:  # expect: GIL001
            if b == prev and run < 255:
                run += 1
            else:
                out += bytes((run, prev))
                prev, run = b, 1
        out += bytes((run, prev))
        return bytes(out)


class DeflateCodec(Codec, name="deflate"):
    def encode(self, data):
        size = CONFIG["chunk_bytes"]
        parts = []
        for start in range(0, len(data), size):  # ok: GIL001
            parts.append(zlib.compress(data[start:start + size], 6))
        return b"".join(parts)


def main():
    payloads = {
        "rle": bytes((i // 7) % 256 for i in range(CONFIG["rle_bytes"])),  # ok: GIL001
        "deflate": b"GET /index.html HTTP/1.1 200 1024\n" * CONFIG["deflate_lines"],
    }
    results = [0] * len(CONFIG["jobs"])
    threads = []
    for slot, name in enumerate(CONFIG["jobs"]):
        codec = Codec.registry[name]()
        threads.append(threading.Thread(target=codec.run, args=(payloads[name], results, slot)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("encoded sizes:", results)
    print("per codec:", STATS, "calls:", CALLS["total"])


if __name__ == "__main__":
    main()
