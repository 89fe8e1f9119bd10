"""Audio-guide gateway: handsets request tour stops, the gateway streams clips.

Handsets talk to the gateway over a local socket (here a socketpair driven by a
handset simulator thread).  The gateway is asyncio-based; transcripts for the
accessibility screen are rendered by a slow synchronous library in a worker
thread.  The legacy room beacons are still read with a plain blocking socket.
"""
import asyncio
import socket
import threading
import time

CLIPS = {stop: bytes([stop]) * (2000 + 150 * stop) for stop in range(1, 13)}


def render_transcript(stop, language):
    time.sleep(0.006)  # ok: GIL004
    return f"[{language}] Stop {stop}: transcript of {len(CLIPS[stop])} bytes"


def handset_simulator(sock, stops):
    for stop in stops:
        sock.sendall(f"PLAY {stop:02d} en\n".encode())
        received = 0
        while received < len(CLIPS[stop]):
            received += len(sock.recv(65536))
        time.sleep(0.002)  # visitor walks to the next exhibit
    sock.sendall(b"BYE 00 xx\n")
    sock.close()


async def read_beacon(beacon_sock):
    data = beacon_sock.recv(32)  # expect: GIL004
    return data.decode().strip()


async def serve_handset(sock, beacon_sock):
    loop = asyncio.get_running_loop()
    buffer = b""
    played, transcripts = [], []
    while True:
        while b"\n" not in buffer:
            buffer += await loop.sock_recv(sock, 1024)  # ok: GIL004
        line, buffer = buffer.split(b"\n", 1)
        verb, stop, language = line.decode().split()
        if verb == "BYE":
            break
        room = await read_beacon(beacon_sock)
        await loop.sock_sendall(sock, CLIPS[int(stop)])
        transcripts.append(await asyncio.to_thread(render_transcript, int(stop), language))
        played.append((room, int(stop)))
    return played, transcripts


async def main():
    gateway_end, handset_end = socket.socketpair()
    gateway_end.setblocking(False)
    beacon_rx, beacon_tx = socket.socketpair()
    stops = [1, 4, 5, 9, 12]
    for stop in stops:
        beacon_tx.sendall(f"ROOM-{stop:02d}\n".encode().ljust(32))
    sim = threading.Thread(target=handset_simulator, args=(handset_end, stops))
    sim.start()
    started = time.perf_counter()
    played, transcripts = await serve_handset(gateway_end, beacon_rx)
    await asyncio.to_thread(sim.join)
    print(f"played {played} in {time.perf_counter() - started:.3f}s")
    print(transcripts[-1])
    for s in (gateway_end, beacon_rx, beacon_tx):
        s.close()


if __name__ == "__main__":
    asyncio.run(main())
