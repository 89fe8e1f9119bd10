"""Seismograph station: a digitizer streams samples over a link, a recorder stores them,
and an STA/LTA detector looks for earthquake onsets."""
import math
import socket
import struct
import threading

RATE_HZ = 100
SAMPLES = 60_000              # 10 minutes at 100 Hz
BLOCK = 500                   # samples per packet -> 120 packets
STA_WIN, LTA_WIN = 50, 1000   # short/long averaging windows
TRIGGER_RATIO = 4.0

link_bytes = 0
events_detected = 0


def synth_waveform():
    wave = []
    for i in range(SAMPLES):
        amp = 40 if 30_000 <= i < 31_500 else 3
        wave.append(int(amp * math.sin(i * 0.7) + (i * 7919) % 5 - 2))
    return wave


def digitizer(sock, packets):
    global link_bytes
    for payload in packets:
        sock.sendall(payload)
        link_bytes += len(payload)  # expect: GIL002
    sock.shutdown(socket.SHUT_WR)


def recorder(sock, buf):
    global link_bytes
    while True:  # ok: GIL001
        chunk = sock.recv(8192)
        if not chunk:
            break
        buf.extend(chunk)
        link_bytes += len(chunk)  # expect: GIL002


def detect(samples, onsets):
    global events_detected
    sta = lta = 0.0
    armed = True
    for i, x in enumerate(samples):  # expect: GIL001
        energy = x * x
        sta += (energy - sta) / STA_WIN
        lta += (energy - lta) / LTA_WIN
        if armed and i > LTA_WIN and sta > TRIGGER_RATIO * lta:
            onsets.append(i / RATE_HZ)
            events_detected += 1  # ok: GIL002
            armed = False
        elif not armed and sta < lta:
            armed = True


def main():
    wave = synth_waveform()
    packets = [struct.pack(f">{BLOCK}h", *wave[b * BLOCK:(b + 1) * BLOCK])
               for b in range(SAMPLES // BLOCK)]
    tx, rx = socket.socketpair()
    buf = bytearray()
    threads = [threading.Thread(target=digitizer, args=(tx, packets)),
               threading.Thread(target=recorder, args=(rx, buf))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    tx.close()
    rx.close()
    samples = list(struct.unpack(f">{len(buf) // 2}h", bytes(buf)))
    onsets = []
    det = threading.Thread(target=detect, args=(samples, onsets), name="sta-lta")
    det.start()
    det.join()
    print(f"link bytes={link_bytes} samples={len(samples)} events={events_detected} "
          f"onsets(s)={onsets}")


if __name__ == "__main__":
    main()
