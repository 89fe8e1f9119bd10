"""Race-committee start-sequence controller (asyncio).

Runs the warning / preparatory / one-minute / start signals (compressed to
tens of milliseconds for the demo), sounds the horn through a relay board,
reads finish-line transponder pings from the timing box and writes the race
log to disk.
"""
import asyncio
import os
import socket
import tempfile
import time

SIGNALS = [("warning", 1), ("preparatory", 1), ("one-minute", 1), ("start", 2)]
SIGNAL_GAP_S = 0.04


def sound_horn(blasts):
    """Close the relay for each blast; the board's driver API is blocking."""
    for _ in range(blasts):
        time.sleep(0.015)  # expect: GIL004


def append_race_log(path, lines):
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    time.sleep(0.01)  # ok: GIL004


async def start_sequence(log):
    t0 = time.monotonic()
    for name, blasts in SIGNALS:
        sound_horn(blasts)
        log.append(f"{time.monotonic() - t0:6.3f}s {name} ({blasts} blast)")
        await asyncio.sleep(SIGNAL_GAP_S)  # ok: GIL004


async def read_pings_legacy(sock, log):
    """Old timing-box reader: a plain blocking socket inside a coroutine."""
    data = sock.recv(4096)  # expect: GIL004
    for ping in data.decode().split(";"):
        if ping:
            log.append(f"legacy ping {ping}")


async def read_pings(sock, log):
    loop = asyncio.get_running_loop()
    data = await loop.sock_recv(sock, 4096)  # ok: GIL004
    for ping in data.decode().split(";"):
        if ping:
            log.append(f"ping {ping}")


async def main(log_path):
    log = []
    legacy_box, legacy_line = socket.socketpair()
    box, line = socket.socketpair()
    box.setblocking(False)
    try:
        legacy_line.sendall(b"GBR-1234@00:41:07;FRA-88@00:41:19;")
        line.sendall(b"NED-7@00:42:02;GBR-990@00:42:30;")
        await asyncio.gather(start_sequence(log), read_pings_legacy(legacy_box, log),
                             read_pings(box, log))
        await asyncio.to_thread(append_race_log, log_path, log)
    finally:
        for s in (legacy_box, legacy_line, box, line):
            s.close()
    return log


if __name__ == "__main__":
    fd, path = tempfile.mkstemp(suffix=".racelog")
    os.close(fd)
    try:
        entries = asyncio.run(main(path))
        print("\n".join(entries))
        with open(path, encoding="utf-8") as fh:
            print(f"race log has {len(fh.read().splitlines())} lines")
    finally:
        os.remove(path)
