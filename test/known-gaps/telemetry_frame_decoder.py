"""Decode a recorded satellite downlink pass into telemetry packets.

A pass recording is split per virtual channel. Housekeeping channels carry
short frames protected by a CRC-16/CCITT trailer; the science channel carries
zlib-compressed instrument blocks. Every channel is decoded by its own thread
and packets are handed to the archiver through a queue.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import queue
import random
import struct
import threading
import zlib
from dataclasses import dataclass
from typing import Dict, Iterator, List

log = logging.getLogger("decoder")

SYNC = b"\x1a\xcf\xfc\x1d"
HEADER = struct.Struct(">HHB")  # apid, sequence, payload length
STATS: Dict[str, int] = {}


@dataclass(frozen=True)
class Packet:
    vc: int
    apid: int
    seq: int
    payload: bytes


def crc16_ccitt(data: bytes, crc: int = 0xFFFF) -> int:
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            if crc & 0x8000:
                crc = ((crc << 1) ^ 0x1021) & 0xFFFF
            else:
                crc = (crc << 1) & 0xFFFF
    return crc


def iter_frames(blob: bytes) -> Iterator[bytes]:
    """Yield raw frames (header + payload + crc) found after each sync marker."""
    pos = blob.find(SYNC)
    while pos != -1:
        start = pos + len(SYNC)
        apid, seq, length = HEADER.unpack_from(blob, start)
        end = start + HEADER.size + length + 2
        yield blob[start:end]
        pos = blob.find(SYNC, end)


def decode(frames: Iterator[bytes], vc: int) -> Iterator[Packet]:
    for frame in frames:
        body, trailer = frame[:-2], frame[-2:]
        if crc16_ccitt(body) != struct.unpack(">H", trailer)[0]:
            STATS["crc_errors"] = STATS.get("crc_errors", 0) + 1  # expect: GIL002
            continue
        apid, seq, _length = HEADER.unpack_from(body)
        yield Packet(vc, apid, seq, body[HEADER.size:])


def decode_channel(vc: int, recording: bytes, sink: "queue.Queue[Packet]") -> None:
    decoded = 0
    for packet in decode(iter_frames(recording), vc):  # expect: GIL001
        sink.put(packet)
        decoded += 1  # ok: GIL002
        STATS["frames"] = STATS.get("frames", 0) + 1  # expect: GIL002
    log.info("vc%d: %d packets", vc, decoded)


def inflate_science(blocks: List[bytes], digests: Dict[int, str]) -> None:
    for index, block in enumerate(blocks):  # ok: GIL001
        raw = zlib.decompress(block)
        digests[index] = hashlib.sha256(raw).hexdigest()  # ok: GIL002


def make_recording(rng: random.Random, apids: List[int], frames: int,
                   corrupt_every: int = 0) -> bytes:
    out = bytearray()
    for seq in range(frames):
        payload = bytes(rng.getrandbits(8) for _ in range(64))
        body = HEADER.pack(rng.choice(apids), seq, len(payload)) + payload
        crc = crc16_ccitt(body)
        if corrupt_every and seq % corrupt_every == corrupt_every - 1:
            crc ^= 0x0101
        out += SYNC + body + struct.pack(">H", crc)
        out += bytes(rng.randrange(0, 3))  # fill bytes between frames
    return bytes(out)


def make_science_blocks(count: int, size: int) -> List[bytes]:
    pattern = bytes(range(256)) * (size // 256)
    return [zlib.compress(pattern[i:] + pattern[:i], 1) for i in range(count)]


class PassDecoder:
    def __init__(self, recordings: Dict[int, bytes], science: List[bytes]) -> None:
        self.recordings = recordings
        self.science = science
        self.sink: "queue.Queue[Packet]" = queue.Queue()
        self.digests: Dict[int, str] = {}

    def run(self) -> Dict[str, object]:
        workers = [
            threading.Thread(
                target=functools.partial(decode_channel, vc, blob, sink=self.sink),
                name=f"vc{vc}",
            )
            for vc, blob in sorted(self.recordings.items())
        ]
        workers.append(threading.Thread(target=inflate_science,
                                        args=(self.science, self.digests), name="science"))
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        return self.archive()

    def archive(self) -> Dict[str, object]:
        per_apid: Dict[int, int] = {}
        last_seq: Dict[int, int] = {}
        while True:
            try:
                packet = self.sink.get_nowait()
            except queue.Empty:
                break
            per_apid[packet.apid] = per_apid.get(packet.apid, 0) + 1  # ok: GIL002
            last_seq[packet.vc] = max(last_seq.get(packet.vc, -1), packet.seq)
        return {"per_apid": per_apid, "last_seq": last_seq, "science": len(self.digests)}


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    rng = random.Random(11)
    recordings = {
        0: make_recording(rng, [100, 101], frames=600),
        1: make_recording(rng, [200, 201, 202], frames=600, corrupt_every=150),
        2: make_recording(rng, [300], frames=600),
    }
    science = make_science_blocks(count=6, size=1 << 20)
    result = PassDecoder(recordings, science).run()
    print(f"packets per APID: {dict(sorted(result['per_apid'].items()))}")
    print(f"last sequence per VC: {result['last_seq']}")
    print(f"science blocks: {result['science']}, stats: {dict(sorted(STATS.items()))}")
