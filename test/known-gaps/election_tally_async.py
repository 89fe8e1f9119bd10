#!/usr/bin/env python3
"""Receive precinct ballot streams in asyncio, verify in processes, tally in a Manager dict."""
import asyncio
import multiprocessing as mp
import socket
import threading
import time
from concurrent.futures import ProcessPoolExecutor

CANDIDATES = ["ada", "grace", "linus"]


def precinct_feed(sock, precinct, n):
    with sock:
        for i in range(n):  # ok: GIL001
            ballot = f"{precinct}:{i}:{CANDIDATES[(i * 7 + i // 3 + len(precinct)) % 3]}\n"
            sock.sendall(ballot.encode())
            if i % 50 == 0:
                time.sleep(0.001)


def verify_and_tally(lines, tallies, tlock):
    valid = {}
    for line in lines:  # ok: GIL001
        precinct, serial, choice = line.split(":")
        if choice in CANDIDATES and sum(map(ord, precinct + serial)) % 13 != 0:
            valid[choice] = valid.get(choice, 0) + 1  # ok: GIL002
    with tlock:
        for choice, n in valid.items():
            tallies[choice] = tallies.get(choice, 0) + n  # ok: GIL002
    return sum(valid.values())


def log_batch(precinct, count):
    time.sleep(0.005)  # expect: GIL004
    print(f"  {precinct}: batch of {count} ballots verified")


async def drain_blocking(sock):
    data = b""
    while True:
        chunk = sock.recv(4096)  # expect: GIL004
        if not chunk:
            return data.decode().split()
        data += chunk


async def drain_async(loop, sock):
    sock.setblocking(False)
    data = b""
    while chunk := await loop.sock_recv(sock, 4096):  # ok: GIL004
        data += chunk
    return data.decode().split()


async def handle(precinct, lines, loop, pool, tallies, tlock):
    counted = await loop.run_in_executor(pool, verify_and_tally, lines, tallies, tlock)
    log_batch(precinct, counted)
    await asyncio.to_thread(time.sleep, 0.005)  # ok: GIL004
    return counted


async def main():
    loop = asyncio.get_running_loop()
    with mp.Manager() as mgr, ProcessPoolExecutor(max_workers=2) as pool:
        tallies, tlock = mgr.dict(), mgr.Lock()
        # open sockets only after the manager process is forked, so EOF arrives
        north_rx, north_tx = socket.socketpair()
        south_rx, south_tx = socket.socketpair()
        feeders = [threading.Thread(target=precinct_feed, args=(north_tx, "north", 400)),
                   threading.Thread(target=precinct_feed, args=(south_tx, "south", 300))]
        for f in feeders:
            f.start()
        north = await drain_blocking(north_rx)
        south = await drain_async(loop, south_rx)
        counts = await asyncio.gather(handle("north", north, loop, pool, tallies, tlock),
                                      handle("south", south, loop, pool, tallies, tlock))
        final = dict(tallies)
    for f in feeders:
        f.join()
    north_rx.close()
    south_rx.close()
    print(f"received {len(north) + len(south)} ballots, valid {sum(counts)}")
    for name in CANDIDATES:
        print(f"  {name:<6} {final.get(name, 0)}")


if __name__ == "__main__":
    asyncio.run(main())
