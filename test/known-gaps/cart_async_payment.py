"""Async checkout API in front of a synchronous payment-provider SDK.

The web tier is asyncio-based; the payment provider only ships a blocking SDK
whose worker thread sends our requests and whose replies come back on a socket.
Authorizations, refunds for cancelled orders and the end-of-day settlement all
go through this module.
"""
from __future__ import annotations

import asyncio
import logging
import queue
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Dict, List, Optional

log = logging.getLogger("shop.payments")

OPTIONS = {"rate_limit": 0.001, "psp_latency": 0.002, "refund_workers": 2}


@dataclass(frozen=True)
class PspRequest:
    kind: str          # "auth" or "refund"
    ref: str
    amount: float


@dataclass
class Order:
    ref: str
    amount: float
    status: str = "new"
    cancelled: bool = False


class PspSimulator(threading.Thread):
    """Stand-in for the provider: answers each request on the socket of its kind."""

    def __init__(self, requests: "queue.Queue[Optional[PspRequest]]",
                 replies: Dict[str, socket.socket], latency: float) -> None:
        super().__init__(name="psp", daemon=True)
        self._requests, self._replies, self._latency = requests, replies, latency

    def run(self) -> None:
        while True:
            req = self._requests.get()
            if req is None:
                break
            time.sleep(self._latency)  # ok: GIL004
            verdict = "APPROVED" if req.amount < 500 else "DECLINED"
            self._replies[req.kind].sendall(f"{verdict} {req.ref}\n".encode())
        for sock in self._replies.values():
            sock.close()


class PspClient:
    """The vendor SDK: blocking calls, one outstanding request per channel."""

    def __init__(self, outbox: "queue.Queue[Optional[PspRequest]]",
                 auth_sock: socket.socket, refund_sock: socket.socket) -> None:
        self._outbox = outbox
        self._auth_sock = auth_sock
        self._refund_sock = refund_sock
        self._refund_lock = threading.Lock()

    def authorize(self, ref: str, amount: float) -> str:
        self._outbox.put(PspRequest("auth", ref, amount))
        reply = self._auth_sock.recv(128)  # expect: GIL004
        return reply.decode().strip()

    def refund(self, ref: str, amount: float) -> str:
        with self._refund_lock:
            self._outbox.put(PspRequest("refund", ref, amount))
            reply = self._refund_sock.recv(128)  # ok: GIL004
        return reply.decode().strip()

    def close(self) -> None:
        self._outbox.put(None)


def settle_batch(orders: List[Order]) -> int:
    """End-of-day settlement file upload (SFTP in production)."""
    captured = [o for o in orders if o.status == "authorized"]
    for _ in range(0, len(captured), 10):
        time.sleep(0.003)  # ok: GIL004
    return len(captured)


class CheckoutApi:
    def __init__(self, client: PspClient, executor: ThreadPoolExecutor, **options: float) -> None:
        self._client = client
        self._executor = executor
        self._rate_limit = options.get("rate_limit", 0.001)
        self.authorized = 0

    async def _respect_rate_limit(self) -> None:
        time.sleep(self._rate_limit)  # expect: GIL004

    async def checkout(self, order: Order) -> Order:
        await self._respect_rate_limit()
        verdict = self._client.authorize(order.ref, order.amount)
        order.status = "authorized" if verdict.startswith("APPROVED") else "declined"
        if order.status == "authorized":
            self.authorized += 1  # ok: GIL002
        return order

    async def refund(self, order: Order) -> str:
        loop = asyncio.get_running_loop()
        verdict = await loop.run_in_executor(self._executor, self._client.refund,
                                             order.ref, order.amount)
        order.status = "refunded" if verdict.startswith("APPROVED") else order.status
        return verdict

    async def end_of_day(self, orders: List[Order]) -> int:
        return await asyncio.to_thread(settle_batch, orders)


async def main() -> None:
    outbox: "queue.Queue[Optional[PspRequest]]" = queue.Queue()
    auth_ours, auth_theirs = socket.socketpair()
    refund_ours, refund_theirs = socket.socketpair()
    psp = PspSimulator(outbox, {"auth": auth_theirs, "refund": refund_theirs},
                       OPTIONS["psp_latency"])
    psp.start()
    client = PspClient(outbox, auth_ours, refund_ours)
    executor = ThreadPoolExecutor(max_workers=int(OPTIONS["refund_workers"]))
    api = CheckoutApi(client, executor, **OPTIONS)

    orders = [Order(f"ORD-{n:04d}", amount=round(19.99 + 37.5 * (n % 15), 2),
                    cancelled=(n % 7 == 3)) for n in range(40)]
    started = time.perf_counter()
    await asyncio.gather(*(api.checkout(o) for o in orders))
    t_checkout = time.perf_counter() - started
    refunds = await asyncio.gather(*(api.refund(o) for o in orders
                                     if o.cancelled and o.status == "authorized"))
    settled = await api.end_of_day(orders)

    client.close()
    psp.join(timeout=1.0)
    executor.shutdown(wait=True)
    for sock in (auth_ours, refund_ours):
        sock.close()
    declined = sum(o.status == "declined" for o in orders)
    print(f"authorized={api.authorized} declined={declined} refunds={len(refunds)} "
          f"settled={settled}")
    print(f"checkout of {len(orders)} orders took {t_checkout:.3f}s on the event loop")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
