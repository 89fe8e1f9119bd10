"""Asyncio contest logger front end that polls the radio over CAT.

The rig answers Kenwood-style CAT commands ("FA;" -> "FA00014025000;") on a
serial-over-TCP bridge, simulated here by threads on socketpairs.  The band
map is refreshed with non-blocking socket calls; the frequency read used
when a QSO is logged still goes through the synchronous helper from the
old logger.
"""
import asyncio
import socket
import threading
import time


def rig_bridge(sock, start_hz):
    freq = start_hz
    while data := sock.recv(64):  # ok: GIL004
        time.sleep(0.001)  # serial round trip to the rig
        for command in data.decode().split(";")[:-1]:
            if command == "FA":
                freq += 250
                sock.sendall(f"FA{freq:011d};".encode())
            elif command == "SM0":
                sock.sendall(f"SM0{freq % 30:04d};".encode())
    sock.close()


def read_vfo_a(sock):
    """Synchronous CAT query kept from the old logger."""
    sock.sendall(b"FA;")
    reply = sock.recv(64)  # expect: GIL004
    return int(reply[2:-1])


async def refresh_band_map(sock, spots, rounds):
    loop = asyncio.get_running_loop()
    for _ in range(rounds):
        await loop.sock_sendall(sock, b"SM0;")
        reply = await loop.sock_recv(sock, 64)  # ok: GIL004
        spots.append(int(reply[3:-1]))
        await asyncio.sleep(0.004)  # ok: GIL004


async def log_qsos(sock, calls, log):
    for call in calls:
        await asyncio.sleep(0.01)  # operator types the exchange
        freq = read_vfo_a(sock)
        log.append((time.strftime("%H%M", time.gmtime()), call, freq))


async def main(logger_end, bandmap_end):
    log, spots = [], []
    calls = ["K1TTT", "JA3YBK", "VK6LW", "PY2SEX", "ZS6AF", "W2FU", "EA8RM", "HS0ZDX"]
    await asyncio.gather(log_qsos(logger_end, calls, log), refresh_band_map(bandmap_end, spots, 20))
    return log, spots


def run():
    logger_end, rig_end_a = socket.socketpair()
    bandmap_end, rig_end_b = socket.socketpair()
    bandmap_end.setblocking(False)
    bridges = [threading.Thread(target=rig_bridge, args=(rig_end_a, 14_025_000), daemon=True),
               threading.Thread(target=rig_bridge, args=(rig_end_b, 7_012_000), daemon=True)]
    for bridge in bridges:
        bridge.start()
    log, spots = asyncio.run(main(logger_end, bandmap_end))
    logger_end.close()
    bandmap_end.close()
    for bridge in bridges:
        bridge.join(timeout=1.0)
    for utc, call, freq in log:
        print(f"QSO: {freq // 1000:6d} CW {utc} {call}")
    print(f"band map refreshed {len(spots)} times, last S-meter {spots[-1]}")


if __name__ == "__main__":
    run()
