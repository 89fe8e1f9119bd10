# Models a codec registry: payloads are encoded by codec name on a thread pool, and each lookup builds a new codec.
import random
import zlib
from concurrent.futures import ThreadPoolExecutor

CODECS = {}
usage = {}


def register_codec(name):
    def deco(cls):
        CODECS[name] = cls
        usage[name] = 0
        return cls
    return deco


def get_codec(name):
    """Returns a fresh codec instance for every lookup."""
    return CODECS[name]()


@register_codec("rle")
class RunLengthCodec:
    def __init__(self):
        self.calls = 0
        self.bytes_in = 0

    def encode(self, data):
        self.calls += 1  # ok: GIL002
        self.bytes_in += len(data)  # ok: GIL002
        out = bytearray()
        i, n = 0, len(data)
        while i < n:  # expect: GIL001
            run = 1
            while i + run < n and run < 255 and data[i + run] == data[i]:
                run += 1
            out.append(run)
            out.append(data[i])
            i += run
        return bytes(out)


@register_codec("deflate")
class DeflateCodec:
    chunk_size = 64 * 1024

    def encode(self, data):
        compressor = zlib.compressobj(6)
        parts = []
        for start in range(0, len(data), self.chunk_size):  # ok: GIL001
            parts.append(compressor.compress(data[start:start + self.chunk_size]))
        parts.append(compressor.flush())
        return b"".join(parts)


@register_codec("xor")
class XorCodec:
    _tables = {}

    def __init__(self, key=0x5A):
        if key not in XorCodec._tables:  # expect: GIL003
            XorCodec._tables[key] = bytes(b ^ key for b in range(256))  # ok: GIL001
        self.table = XorCodec._tables[key]

    def encode(self, data):
        return data.translate(self.table)


@register_codec("fletcher")
class FletcherChecksumCodec:
    def encode(self, data):
        lo = hi = 0
        for byte in data:  # expect: GIL001
            lo = (lo + byte) % 255
            hi = (hi + lo) % 255
        return data + bytes((hi, lo))


def encode_job(codec_name, payload):
    codec = get_codec(codec_name)
    usage[codec_name] += 1  # expect: GIL002
    encoded = codec.encode(payload)
    return codec_name, len(payload), len(encoded)


def main():
    rng = random.Random(42)
    noisy = rng.randbytes(200_000)
    repetitive = b"timestamp=1700000000 level=INFO msg=ok\n" * 25_000
    jobs = [
        ("rle", noisy),
        ("deflate", repetitive),
        ("xor", noisy),
        ("fletcher", noisy),
        ("deflate", noisy),
        ("xor", repetitive),
    ]
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [pool.submit(encode_job, name, payload) for name, payload in jobs]
        for fut in futures:
            name, size_in, size_out = fut.result()
            print(f"{name:9s} {size_in:8d} -> {size_out:8d}")
    print("usage:", usage)


if __name__ == "__main__":
    main()
