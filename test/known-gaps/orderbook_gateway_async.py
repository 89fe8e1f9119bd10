"""Asyncio order-entry gateway sitting in front of the matching engine.

Client sessions arrive as newline-delimited JSON over a socket.  Each order
goes through a risk check (legacy synchronous compliance client), is
journaled to disk and then handed to the in-process matching engine.  A
feeder thread plays the part of a FIX bridge writing orders into the socket.
"""
import asyncio
import json
import logging
import os
import socket
import tempfile
import threading
import time
from dataclasses import asdict, dataclass

log = logging.getLogger("gateway")


@dataclass
class NewOrder:
    client_id: str
    account: str
    side: str
    price: float
    qty: int

    @property
    def notional(self):
        return self.price * self.qty


class ComplianceClient:
    """Wrapper around the old blocking compliance RPC library."""

    def __init__(self, latency=0.002, max_notional=250_000.0):
        self.latency = latency
        self.max_notional = max_notional
        self.calls = 0

    def _rpc(self, method, **params):
        time.sleep(self.latency)  # expect: GIL004
        self.calls += 1
        if method == "check_notional":
            return {"approved": params["notional"] <= self.max_notional}
        return {"approved": True}

    def approve(self, order):
        return self._rpc("check_notional", account=order.account, notional=order.notional)["approved"]


class Journal:
    """Append-only order journal; fsyncs every write like the real one."""

    def __init__(self, path):
        self.path = path
        self._fh = open(path, "a", encoding="utf-8")

    def append(self, order):
        self._fh.write(json.dumps(asdict(order)) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())
        time.sleep(0.001)  # ok: GIL004
        return self._fh.tell()

    def close(self):
        self._fh.close()


class MatchingEngineStub:
    """Just enough of the engine API for the gateway."""

    def __init__(self):
        self.accepted = []

    def submit(self, order):
        self.accepted.append(order)
        return f"ACK {order.client_id} #{len(self.accepted)}"


class OrderGateway:
    def __init__(self, engine, compliance, journal, *, handshake_sock):
        self.engine = engine
        self.compliance = compliance
        self.journal = journal
        self.handshake_sock = handshake_sock
        self.acks = 0
        self.rejects = 0

    async def handshake(self):
        banner = self.handshake_sock.recv(64)  # expect: GIL004
        log.info("session banner: %s", banner.decode().strip())

    async def handle(self, line):
        order = NewOrder(**json.loads(line))
        if not self.compliance.approve(order):
            self.rejects += 1  # ok: GIL002
            return f"REJECT {order.client_id}"
        await asyncio.to_thread(self.journal.append, order)
        await asyncio.sleep(0)  # ok: GIL004
        self.acks += 1
        return self.engine.submit(order)

    async def serve(self, sock):
        loop = asyncio.get_running_loop()
        await self.handshake()
        buf = b""
        replies = []
        while True:
            chunk = await loop.sock_recv(sock, 4096)  # ok: GIL004
            if not chunk:
                break
            buf += chunk
            *lines, buf = buf.split(b"\n")
            for line in lines:
                if line:
                    replies.append(await self.handle(line))
        return replies


def feed_orders(sock, count, pause=0.0005):
    """FIX-bridge stand-in: writes orders into the socket from its own thread."""
    accounts = ("ACC-1", "ACC-2", "ACC-3")
    try:
        for i in range(count):
            order = {
                "client_id": f"c{i:04d}",
                "account": accounts[i % len(accounts)],
                "side": "B" if i % 2 else "S",
                "price": 100.0 + (i % 7) * 0.25,
                "qty": 5000 if i % 11 == 0 else 100 + i,
            }
            sock.sendall(json.dumps(order).encode() + b"\n")
            time.sleep(pause)  # ok: GIL004
    finally:
        sock.shutdown(socket.SHUT_WR)


async def run_session(count, workdir):
    server_sock, client_sock = socket.socketpair()
    hs_server, hs_client = socket.socketpair()
    server_sock.setblocking(False)
    hs_client.sendall(b"FIX.4.4 BRIDGE READY\n")

    journal = Journal(os.path.join(workdir, "orders.journal"))
    gateway = OrderGateway(MatchingEngineStub(), ComplianceClient(), journal, handshake_sock=hs_server)
    feeder = threading.Thread(target=feed_orders, args=(client_sock, count), name="fix-bridge", daemon=True)
    feeder.start()
    try:
        replies = await gateway.serve(server_sock)
    finally:
        await asyncio.to_thread(feeder.join)
        journal.close()
        for s in (server_sock, client_sock, hs_server, hs_client):
            s.close()
    return gateway, replies


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(threadName)s %(message)s")
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        gw, replies = asyncio.run(run_session(120, tmp))
        elapsed = time.perf_counter() - started
        with open(os.path.join(tmp, "orders.journal"), encoding="utf-8") as fh:
            journaled = sum(1 for _ in fh)
    log.info("acks=%d rejects=%d journaled=%d compliance calls=%d in %.2f s",
             gw.acks, gw.rejects, journaled, gw.compliance.calls, elapsed)
    log.info("last replies: %s", replies[-3:])
