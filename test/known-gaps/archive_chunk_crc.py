"""Backup chunker: zlib compress/CRC of chunks in threads (releases the GIL) next to a pure-Python parity pass."""
import threading
import zlib

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
CHUNKS = 4

lines = [" ".join(WORDS[(i + j * j) % len(WORDS)] for j in range(12)) + f" #{i}\n"
         for i in range(150_000)]
blob = "".join(lines).encode()
size, rest = divmod(len(blob), CHUNKS)
chunks = [blob[k * size:(k + 1) * size] for k in range(CHUNKS)]
chunks[-1] += blob[CHUNKS * size:]

manifest = {}
parity = {}


def compress_chunks(indices):
    for idx in indices:  # ok: GIL001
        data = chunks[idx]
        packed = zlib.compress(data, 6)
        manifest[idx] = (zlib.crc32(data), len(packed))  # ok: GIL002


def xor_parity(idx):
    acc = 0
    for byte in chunks[idx]:  # expect: GIL001
        acc ^= byte
    parity[idx] = acc  # ok: GIL002


if __name__ == "__main__":
    threads = [threading.Thread(target=compress_chunks, args=(range(k, CHUNKS, 2),))
               for k in range(2)]
    threads += [threading.Thread(target=xor_parity, args=(k,)) for k in range(CHUNKS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"blob {len(blob)} bytes in {CHUNKS} chunks (remainder {rest})")
    for k in range(CHUNKS):
        crc, packed = manifest[k]
        print(f"  chunk {k}: crc {crc:08x}, {len(chunks[k])} -> {packed} bytes, parity {parity[k]:02x}")
