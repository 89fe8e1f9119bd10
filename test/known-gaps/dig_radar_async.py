"""Dig-site field laptop: asyncio collects readings from ground-radar units over local sockets."""
import asyncio
import socket
import time

UNITS = {"north-grid": False, "south-grid": True, "spoil-heap": False}  # name -> legacy firmware


def make_unit_socket(unit, depth):
    ours, theirs = socket.socketpair()
    theirs.sendall(f"{unit}:depth={depth:.2f};signal=0.42\n".encode())
    theirs.close()
    return ours


def warm_up_antenna(seconds):
    time.sleep(seconds)  # expect: GIL004


def parse(raw):
    name, fields = raw.decode().strip().split(":")
    values = dict(f.split("=") for f in fields.split(";"))
    return name, float(values["depth"]), float(values["signal"])


async def poll_unit(unit, legacy, depth):
    loop = asyncio.get_running_loop()
    sock = make_unit_socket(unit, depth)
    if legacy:
        warm_up_antenna(0.03)
        raw = sock.recv(1024)  # expect: GIL004
    else:
        sock.setblocking(False)
        raw = await loop.sock_recv(sock, 1024)  # ok: GIL004
    sock.close()
    return parse(raw)


async def rest_between_sweeps():
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, time.sleep, 0.05)  # ok: GIL004


async def survey(sweeps):
    found = []
    for sweep in range(sweeps):
        found += await asyncio.gather(*(poll_unit(u, legacy, 1.5 + sweep * 0.1)
                                        for u, legacy in UNITS.items()))
        await rest_between_sweeps()
    return found


def archive_results(found):
    time.sleep(0.02)  # ok: GIL004
    return {name: depth for name, depth, _ in found}


if __name__ == "__main__":
    start = time.perf_counter()
    readings = asyncio.run(survey(3))
    latest = archive_results(readings)
    print(f"{len(readings)} readings in {time.perf_counter() - start:.2f}s; latest depths {latest}")
