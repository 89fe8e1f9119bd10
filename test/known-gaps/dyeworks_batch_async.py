"""Dye batch controller: an asyncio loop talks to the dosing pump over a socket,
reads the legacy level gauge, runs rinse cycles and computes blend recipes."""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import random
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("dyeworks.batch")

DYES = {"indigo": (30.0, 10.0, -45.0), "madder": (45.0, 55.0, 30.0),
        "weld": (85.0, -5.0, 75.0), "walnut": (35.0, 8.0, 20.0)}
BATCH_CONFIG = {"search_iterations": 12000, "gauge_period": 0.02, "rinse_s": 0.01}


@dataclass(frozen=True)
class BatchOrder:
    batch_id: str
    target: tuple[float, float, float]
    litres: float


def pump_server(sock: socket.socket) -> None:
    """Simulated dosing pump: answers one JSON request per line."""
    buf = b""
    while True:  # ok: GIL001
        chunk = sock.recv(4096)  # ok: GIL004
        if not chunk:
            break
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            req = json.loads(line)
            reply = {"batch": req["batch"], "dosed_ml": round(req["litres"] * 12.5, 1)}
            sock.sendall(json.dumps(reply).encode() + b"\n")
    sock.close()


def gauge_feed(sock: socket.socket, readings: int, period: float) -> None:
    for i in range(readings):
        time.sleep(period)
        sock.sendall(f"{50.0 + i:08.2f}".encode())
    sock.close()


class PumpLink:
    def __init__(self, sock: socket.socket) -> None:
        sock.setblocking(False)
        self.sock = sock
        self._buf = b""
        self._turn = asyncio.Lock()

    async def request(self, **payload) -> dict:
        loop = asyncio.get_running_loop()
        async with self._turn:  # one request in flight on the pump line
            await loop.sock_sendall(self.sock, json.dumps(payload).encode() + b"\n")
            while b"\n" not in self._buf:
                self._buf += await loop.sock_recv(self.sock, 4096)  # ok: GIL004
            line, self._buf = self._buf.split(b"\n", 1)
        return json.loads(line)


def blend_recipe(target: tuple[float, float, float], dyes: dict, iterations: int, seed: int) -> dict:
    """Random-restart search for dye weights whose mixed colour is nearest the target."""
    rng = random.Random(seed)
    names = list(dyes)
    best_err, best_w = float("inf"), None
    for _ in range(iterations):  # expect: GIL001
        w = [rng.random() for _ in names]
        total = sum(w)
        mixed = [sum(wi * dyes[n][k] for wi, n in zip(w, names)) / total for k in range(3)]
        err = sum((m - t) ** 2 for m, t in zip(mixed, target))
        if err < best_err:
            best_err, best_w = err, [wi / total for wi in w]
    return {"error": best_err ** 0.5, "weights": dict(zip(names, best_w))}


def rinse_cycle(batch_id: str, seconds: float) -> str:
    log.info("rinsing lines before %s", batch_id)
    time.sleep(seconds)  # ok: GIL004
    return batch_id


async def check_level(gauge: socket.socket) -> float:
    raw = gauge.recv(8)  # expect: GIL004
    return float(raw.decode()) if raw else 0.0


async def run_batch(order: BatchOrder, link: PumpLink, pool: ThreadPoolExecutor, gauge) -> dict:
    loop = asyncio.get_running_loop()
    job = functools.partial(blend_recipe, order.target, DYES, BATCH_CONFIG["search_iterations"],
                            seed=int(order.batch_id[2:]))
    recipe_fut = loop.run_in_executor(pool, job)
    await loop.run_in_executor(None, rinse_cycle, order.batch_id, BATCH_CONFIG["rinse_s"])
    level = await check_level(gauge)
    reply = await link.request(batch=order.batch_id, litres=order.litres)
    recipe = await recipe_fut
    return {"batch": order.batch_id, "level": level, **reply, **recipe}


async def main() -> None:
    pump_a, pump_b = socket.socketpair()
    gauge_a, gauge_b = socket.socketpair()
    orders = [BatchOrder("B-101", (40.0, 30.0, 10.0), 120.0),
              BatchOrder("B-102", (60.0, 5.0, 40.0), 80.0),
              BatchOrder("B-103", (33.0, 12.0, -25.0), 95.0)]
    server = threading.Thread(target=pump_server, args=(pump_b,), name="pump")
    feeder = threading.Thread(target=gauge_feed, name="gauge",
                              args=(gauge_b, len(orders), BATCH_CONFIG["gauge_period"]))
    server.start()
    feeder.start()
    link = PumpLink(pump_a)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="recipe") as pool:
        results = await asyncio.gather(*(run_batch(o, link, pool, gauge_a) for o in orders))
    wall = time.perf_counter() - start
    pump_a.close()
    feeder.join()
    server.join()
    gauge_a.close()
    for r in results:
        weights = ", ".join(f"{k} {v:.2f}" for k, v in r["weights"].items())
        print(f"{r['batch']}: dosed {r['dosed_ml']} ml, level {r['level']:.1f}, "
              f"err {r['error']:.2f} [{weights}]")
    print(f"wall {wall:.3f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main())
