"""Async telemetry ingest: 5 vehicles x 40 frames; blocking socket send/recv and a blocking sleep stall the loop."""
import asyncio
import socket
import struct
import threading
import time
import zlib

VEHICLES = 5
FRAMES_PER_VEHICLE = 40
FRAME = struct.Struct("!HIfff")  # vehicle id, sequence, lat, lon, speed


def ground_station(sock):
    while True:  # ok: GIL001
        data = sock.recv(FRAME.size)  # ok: GIL004
        if not data:
            break
        sock.sendall(b"ACK" if zlib.crc32(data) % 97 else b"NAK")  # ok: GIL004


def lookup_vehicle_profile(vehicle_id):
    time.sleep(0.002)  # expect: GIL004
    return {"id": vehicle_id, "max_speed": 38.0}


def persist_batch(path, frames):
    time.sleep(0.01)  # ok: GIL004
    return len(frames)


class Ingest:
    def __init__(self, link):
        self.link = link
        self.naks = 0
        self.stored = 0

    async def handle_vehicle(self, vehicle_id):
        loop = asyncio.get_running_loop()
        batch = []
        for seq in range(FRAMES_PER_VEHICLE):
            frame = FRAME.pack(vehicle_id, seq, 52.5 + seq * 1e-4, 13.4, 20.0 + seq % 7)
            profile = lookup_vehicle_profile(vehicle_id)
            self.link.sendall(frame)  # expect: GIL004
            if self.link.recv(3) == b"NAK":  # expect: GIL004
                self.naks += 1  # ok: GIL002
            if FRAME.unpack(frame)[4] > profile["max_speed"]:
                print(f"vehicle {vehicle_id} over speed at frame {seq}")
            batch.append(frame)
            await asyncio.sleep(0.001)  # ok: GIL004
        written = await loop.run_in_executor(None, persist_batch, f"v{vehicle_id}.bin", batch)
        self.stored += written  # ok: GIL002


async def main():
    ours, theirs = socket.socketpair()
    station = threading.Thread(target=ground_station, args=(theirs,))
    station.start()
    ingest = Ingest(ours)
    start = time.perf_counter()
    await asyncio.gather(*(ingest.handle_vehicle(v) for v in range(VEHICLES)))
    elapsed = time.perf_counter() - start
    ours.shutdown(socket.SHUT_WR)
    station.join()
    ours.close()
    theirs.close()
    print(f"stored {ingest.stored} frames ({ingest.naks} NAKs) in {elapsed:.2f}s")
    print(f"lower bound if the loop never blocked: {FRAMES_PER_VEHICLE * 0.001 + 0.01:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
