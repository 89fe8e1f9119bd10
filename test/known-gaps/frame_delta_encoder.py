#!/usr/bin/env python3
"""Encode a short synthetic video clip as deflated XOR deltas between
consecutive frames, one thread per frame, then decode it to verify."""
import functools
import threading
import zlib

FW, FH = 80, 60


def make_frames(count):
    frames = []
    for k in range(count):  # ok: GIL001
        frames.append(bytes(((x + k * 3) ^ y) & 0xFF for y in range(FH) for x in range(FW)))
    return frames


def xor_delta(prev, cur):
    out = bytearray(len(cur))
    for i in range(len(cur)):  # expect: GIL001
        out[i] = prev[i] ^ cur[i]
    return out


def run_encoder(frames):
    packets = [None] * len(frames)
    encoded = 0
    sink_lock = threading.Lock()
    sink = []

    def encode(idx, level):
        nonlocal encoded
        prev = frames[idx - 1] if idx else bytes(len(frames[idx]))
        packet = zlib.compress(bytes(xor_delta(prev, frames[idx])), level)
        packets[idx] = packet
        encoded += 1  # expect: GIL002
        sink_lock.acquire()  # expect: GIL005
        sink.append((idx, zlib.crc32(packet)))
        if len(sink) > len(frames):
            raise RuntimeError("sink overflow")
        sink_lock.release()

    threads = [
        threading.Thread(target=functools.partial(encode, i, 9 if i == 0 else 6))
        for i in range(len(frames))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return packets, encoded, sorted(sink)


def decode(packets):
    frames = []
    prev = None
    for packet in packets:  # ok: GIL001
        delta = zlib.decompress(packet)
        prev = delta if prev is None else bytes(a ^ b for a, b in zip(prev, delta))
        frames.append(prev)
    return frames


def main():
    frames = make_frames(12)
    packets, encoded, crcs = run_encoder(frames)
    assert decode(packets) == frames
    raw = sum(len(f) for f in frames)
    packed = sum(len(p) for p in packets)
    print(f"frames={len(frames)} encoded={encoded} raw={raw} packed={packed}")
    print("first crcs:", ", ".join(f"{i}:{c:08x}" for i, c in crcs[:4]))


if __name__ == "__main__":
    main()
