"""Asyncio front-end for the platesetter (computer-to-plate) queue.

Plate rasters arrive over a local socket from the RIP workstation; the
compressor for the plate archive runs in the default executor. The legacy
proof-plate handler still reads its socket with a blocking recv().
"""
import asyncio
import random
import socket
import threading
import time
import zlib

STRIPE = 131_072
PLATE_BYTES = 2_097_152
SCREEN = bytes((i // 64) * 0x55 for i in range(256))  # four ink-coverage levels


def make_raster(seed):
    """A screened plate raster: random coverage quantised to four dot sizes."""
    return random.Random(seed).randbytes(PLATE_BYTES).translate(SCREEN)


def compress_plate(raster, level):
    """Compress the raster in 128 KiB stripes (runs in an executor thread)."""
    stripes = []
    for start in range(0, len(raster), STRIPE):  # ok: GIL001
        stripes.append(zlib.compress(raster[start:start + STRIPE], level))
    return stripes


def eject_plate(plate_id):
    """Drive the plate out onto the conveyor (the motor call blocks)."""
    time.sleep(0.02)  # ok: GIL004
    return plate_id


async def receive_proof_blocking(sock, size):
    """Legacy proof handler: reads the socket synchronously on the event loop."""
    chunks, received = [], 0
    while received < size:
        chunk = sock.recv(65536)  # expect: GIL004
        chunks.append(chunk)
        received += len(chunk)
    return b"".join(chunks)


async def receive_plate(loop, sock, size):
    sock.setblocking(False)
    chunks, received = [], 0
    while received < size:
        chunk = await loop.sock_recv(sock, 65536)  # ok: GIL004
        chunks.append(chunk)
        received += len(chunk)
    return b"".join(chunks)


async def main():
    loop = asyncio.get_running_loop()
    proof_rip, proof_in = socket.socketpair()
    plate_rip, plate_in = socket.socketpair()
    proof, plate = make_raster(3), make_raster(7)
    senders = [threading.Thread(target=proof_rip.sendall, args=(proof,)),
               threading.Thread(target=plate_rip.sendall, args=(plate,))]
    for s in senders:
        s.start()
    started = time.perf_counter()
    got_proof = await receive_proof_blocking(proof_in, len(proof))
    got_plate = await receive_plate(loop, plate_in, len(plate))
    stripes = await loop.run_in_executor(None, compress_plate, got_plate, 6)
    await loop.run_in_executor(None, eject_plate, "plate-0001")
    for s in senders:
        s.join()
    for sock in (proof_rip, proof_in, plate_rip, plate_in):
        sock.close()
    packed = sum(len(s) for s in stripes)
    print(f"proof {len(got_proof)} B, plate {len(got_plate)} B in {time.perf_counter() - started:.2f}s")
    print(f"plate archived as {len(stripes)} stripes, {packed} B ({packed / len(got_plate):.1%})")


if __name__ == "__main__":
    asyncio.run(main())
