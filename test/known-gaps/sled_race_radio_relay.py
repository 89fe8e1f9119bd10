"""Base-station relay for checkpoint radio traffic during a sled race.

Each checkpoint radio is bridged to the base station over a local socket
(socket.socketpair() stands in for the serial bridge). The relay runs an
asyncio loop: it forwards arrival reports to the race-office log and reads the
status line that the old weather station pushes over its own link.
"""
import asyncio
import functools
import os
import socket
import tempfile
import threading
import time

archive_lock = threading.Lock()


def radio_chatter(sock, checkpoint, bibs):
    """Runs in a plain thread: the checkpoint operator keys in arrivals."""
    for bib in bibs:  # ok: GIL001
        time.sleep(0.01)
        sock.sendall(f"{checkpoint}:{bib};".encode())
    sock.shutdown(socket.SHUT_WR)


def weather_station(sock):
    time.sleep(0.05)  # the station samples its sensors
    sock.sendall(b"-18C wind 22 km/h NW\n")


def archive_message(path, line):
    """Append to the office log; the NAS is slow, so this runs in the executor."""
    if not archive_lock.acquire(timeout=1.0):  # ok: GIL005
        return False
    try:
        time.sleep(0.003)  # ok: GIL004
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    finally:
        archive_lock.release()
    return True


async def relay_checkpoint(sock, path):
    loop = asyncio.get_running_loop()
    buf, relayed = b"", 0
    while True:
        chunk = await loop.sock_recv(sock, 1024)  # ok: GIL004
        if not chunk:
            break
        *messages, buf = (buf + chunk).split(b";")
        for msg in messages:
            await loop.run_in_executor(None, functools.partial(archive_message, path, msg.decode()))
            relayed += 1
    return relayed


async def weather_status(sock):
    reply = sock.recv(1024)  # expect: GIL004
    return reply.decode().strip()


async def main(path):
    links, threads = [], []
    for name in ("Finger Lake", "Rohn", "Ophir"):
        radio_end, base_end = socket.socketpair()
        base_end.setblocking(False)
        links.append(base_end)
        threads.append(threading.Thread(target=radio_chatter, args=(radio_end, name, range(1, 9))))
    wx_radio, wx_base = socket.socketpair()
    threads.append(threading.Thread(target=weather_station, args=(wx_radio,)))
    for t in threads:
        t.start()
    status = await weather_status(wx_base)
    counts = await asyncio.gather(*(relay_checkpoint(s, path) for s in links))
    for t in threads:
        t.join()
    print(f"weather: {status}")
    print(f"relayed {sum(counts)} arrival reports {counts}")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        log_path = os.path.join(tmp, "office.log")
        asyncio.run(main(log_path))
        with open(log_path, encoding="utf-8") as fh:
            print(f"office log has {len(fh.read().splitlines())} lines")
