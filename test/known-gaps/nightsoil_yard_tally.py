"""Laystall yard tally: the yard keeper's asyncio loop takes cart reports off the wire.

Carts report "cart,tubs" lines over a socket; the keeper reads them with the
event loop's own sock_recv.  For the next night the keeper improves each
cart's round with a 2-opt pass, run in the loop's default executor.  At dawn
the watchman rings the yard bell, and the keeper listens for it badly.
"""
import asyncio
import functools
import logging
import math
import socket
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("nightsoil.yard")


@dataclass
class YardTally:
    tubs: dict = field(default_factory=dict)
    reports: int = 0
    rounds: dict = field(default_factory=dict)

    def add(self, cart, tubs):
        self.tubs[cart] = self.tubs.get(cart, 0) + tubs  # ok: GIL002
        self.reports += 1


def round_length(points, order):
    total = 0.0
    for a, b in zip(order, order[1:] + order[:1]):
        (x1, y1), (x2, y2) = points[a], points[b]
        total += math.hypot(x1 - x2, y1 - y2)
    return total


def optimise_round(points, *, passes):
    """2-opt improvement of a cart's round; pure-Python geometry."""
    order = list(range(len(points)))
    n = len(order)
    swaps = 0
    for _ in range(passes):  # expect: GIL001
        for i in range(1, n - 1):
            for j in range(i + 1, n):
                a, b = points[order[i - 1]], points[order[i]]
                c, d = points[order[j]], points[order[(j + 1) % n]]
                before = math.dist(a, b) + math.dist(c, d)
                after = math.dist(a, c) + math.dist(b, d)
                if after < before - 1e-9:
                    order[i:j + 1] = reversed(order[i:j + 1])
                    swaps += 1
    log.debug("2-opt: %d swaps in %d passes", swaps, passes)
    return order


def pits_for(cart, n):
    seed = sum(map(ord, cart))
    return [((seed * (i + 3) * 7919) % 997 / 10.0, (seed * (i + 5) * 104729) % 991 / 10.0)
            for i in range(n)]


async def read_reports(loop, sock, tally, expected):
    buf = b""
    while tally.reports < expected:
        chunk = await loop.sock_recv(sock, 64)  # ok: GIL004
        if not chunk:
            break
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            cart, tubs = line.decode().split(",")
            tally.add(cart, int(tubs))


async def plan_next_night(loop, tally, carts, pits_per_cart):
    jobs = {}
    for cart in carts:
        points = pits_for(cart, pits_per_cart)
        job = functools.partial(optimise_round, points, passes=12)
        jobs[cart] = (points, loop.run_in_executor(None, job))
    for cart, (points, fut) in jobs.items():
        order = await fut
        tally.rounds[cart] = round(round_length(points, order), 1)


async def wait_for_dawn(bell):
    bell.settimeout(2.0)
    data = bell.recv(16)  # expect: GIL004
    return data.decode()


def carts_report(sock, reports, gap):
    for cart, tubs in reports:
        time.sleep(gap)
        sock.sendall(f"{cart},{tubs}\n".encode())


def watchman(sock, after):
    time.sleep(after)
    sock.sendall(b"dawn")


async def keeper(carts, reports, pits_per_cart):
    loop = asyncio.get_running_loop()
    tally = YardTally()
    yard_in, yard_out = socket.socketpair()
    bell_in, bell_out = socket.socketpair()
    yard_in.setblocking(False)
    senders = [threading.Thread(target=carts_report, args=(yard_out, reports, 0.003)),
               threading.Thread(target=watchman, args=(bell_out, 0.25))]
    for t in senders:
        t.start()
    await asyncio.gather(read_reports(loop, yard_in, tally, len(reports)),
                         plan_next_night(loop, tally, carts, pits_per_cart))
    dawn = await wait_for_dawn(bell_in)
    for t in senders:
        t.join()
    for s in (yard_in, yard_out, bell_in, bell_out):
        s.close()
    return tally, dawn


def main():
    carts = ["Jem", "Ned", "Tobias"]
    reports = [(carts[i % 3], 2 + i % 5) for i in range(15)]
    start = time.perf_counter()
    tally, dawn = asyncio.run(keeper(carts, reports, pits_per_cart=150))
    print(f"{tally.reports} reports, tubs {tally.tubs}; bell says {dawn!r}")
    for cart, length in sorted(tally.rounds.items()):
        print(f"  {cart}: next round {length} chains")
    print(f"yard closed in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
