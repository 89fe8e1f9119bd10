"""Ground-station decoder for radiosonde telemetry frames.

A receiver thread reads raw frames from the radio link (a local socket pair
stands in for the SDR here) and hands them over a queue; the frames of the
flight are then checked with a pure-Python CRC-16 and converted to units by a
pool of decoder threads sharing one TelemetryDecoder.
"""
import queue
import socket
import struct
import threading
from concurrent.futures import ThreadPoolExecutor

FRAME_SIZE = 256
PAYLOAD = FRAME_SIZE - 2


def crc16_ccitt(data):
    crc = 0xFFFF
    for byte in data:  # expect: GIL001
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def receive_frames(sock, out_q):
    """Cut the byte stream from the radio into fixed-size frames."""
    buf = b""
    while True:  # ok: GIL001
        chunk = sock.recv(4096)
        if not chunk:
            break
        buf += chunk
        while len(buf) >= FRAME_SIZE:
            out_q.put(buf[:FRAME_SIZE])
            buf = buf[FRAME_SIZE:]
    out_q.put(None)


class TelemetryDecoder:
    def __init__(self):
        self.frames_ok = 0
        self.frames_bad = 0

    def decode(self, frame):
        body, (crc,) = frame[:PAYLOAD], struct.unpack(">H", frame[PAYLOAD:])
        if crc16_ccitt(body) != crc:
            self.frames_bad += 1  # expect: GIL002
            return None
        self.frames_ok += 1  # expect: GIL002
        seq, pressure, temp, humidity = struct.unpack(">Ihhh", body[:10])
        return seq, pressure / 10.0, temp / 100.0, humidity / 10.0


def make_frame(seq):
    body = struct.pack(">Ihhh", seq, 10132 - seq * 12, 1500 - seq * 5, 800 - seq)
    body += bytes((seq * 7 + i) & 0xFF for i in range(PAYLOAD - len(body)))
    crc = crc16_ccitt(body)
    if seq % 25 == 24:
        crc ^= 0x0101  # a burst of static on the link
    return body + struct.pack(">H", crc)


if __name__ == "__main__":
    radio, ground = socket.socketpair()
    frames_q = queue.Queue()
    rx = threading.Thread(target=receive_frames, args=(ground, frames_q), name="rx")
    rx.start()
    radio.sendall(b"".join(make_frame(seq) for seq in range(800)))
    radio.close()
    frames = []
    while (frame := frames_q.get()) is not None:
        frames.append(frame)
    rx.join()
    ground.close()

    decoder = TelemetryDecoder()
    with ThreadPoolExecutor(max_workers=4) as pool:
        decoded = [row for row in pool.map(decoder.decode, frames) if row]
    print(f"received {len(frames)} frames: {decoder.frames_ok} ok, {decoder.frames_bad} bad")
    seq, p, t, h = decoded[-1]
    print(f"last good frame #{seq}: {p:.1f} hPa, {t:.2f} C, {h:.1f} %RH")
