"""Delegation and serial consistency check for hosted zones.

For every zone we ask the primary and the secondary for their SOA serial,
compare them with the serial the registry API reports and estimate the AXFR
size.  The name servers are simulated by threads speaking a tiny line protocol
over local socket pairs; the checker itself is asyncio.  The legacy code path
for the primary still uses the blocking socket API.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import socket
import threading
import time

log = logging.getLogger("dns.check")

ZONE_DB = {
    "corp.example.": 2024060101,
    "shop.example.": 2024060307,
    "edge.example.": 2024052811,
    "mail.example.": 2024060100,
}
server_stats = {"queries": 0, "errors": 0}


def serve(sock: socket.socket, zone_db: dict[str, int], lag: int = 0) -> None:
    """Minimal authoritative server: 'SOA <zone>' -> 'OK <serial>'."""
    with sock:
        while True:  # ok: GIL001
            data = sock.recv(512)
            if not data:
                break
            server_stats["queries"] += 1  # expect: GIL002
            _, zone = data.decode().split()
            serial = zone_db.get(zone)
            reply = f"OK {serial - lag}" if serial else "NXDOMAIN"
            sock.sendall(reply.encode())


def retry(*, attempts: int = 3, backoff: float = 0.01, on=(ConnectionError,)):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(1, attempts + 1):
                try:
                    return fn(*args, **kwargs)
                except on as exc:
                    if attempt == attempts:
                        raise
                    log.info("%s: %s, retry %d", fn.__name__, exc, attempt)
                    time.sleep(backoff * 2 ** (attempt - 1))  # expect: GIL004
        return wrapper
    return decorate


_registry_calls: dict[str, int] = {}


@retry(attempts=3, backoff=0.01)
def registry_serial(zone: str) -> int:
    """Registry API client (synchronous SDK); the first call per zone times out."""
    _registry_calls[zone] = _registry_calls.get(zone, 0) + 1  # ok: GIL002
    if _registry_calls[zone] == 1:
        raise ConnectionError("registry timeout")
    return ZONE_DB[zone]


def transfer_size(zone: str) -> int:
    """Runs an AXFR with the vendor tool; blocking, so it goes to a worker thread."""
    time.sleep(0.02)  # ok: GIL004
    return 1_000 + 37 * len(zone)


class DelegationChecker:
    def __init__(self, primary: socket.socket, secondary: socket.socket):
        self.primary = primary  # legacy: blocking socket
        self.secondary = secondary
        self.secondary.setblocking(False)
        self._secondary_lock = asyncio.Lock()

    async def primary_serial(self, zone: str) -> int | None:
        self.primary.sendall(f"SOA {zone}".encode())  # expect: GIL004
        reply = self.primary.recv(512).decode()  # expect: GIL004
        return int(reply.split()[1]) if reply.startswith("OK") else None

    async def secondary_serial(self, zone: str) -> int | None:
        loop = asyncio.get_running_loop()
        async with self._secondary_lock:
            await loop.sock_sendall(self.secondary, f"SOA {zone}".encode())  # ok: GIL004
            reply = (await loop.sock_recv(self.secondary, 512)).decode()  # ok: GIL004
        return int(reply.split()[1]) if reply.startswith("OK") else None

    async def check_zone(self, zone: str) -> dict:
        primary = await self.primary_serial(zone)
        secondary = await self.secondary_serial(zone)
        registry = registry_serial(zone)
        axfr = await asyncio.to_thread(transfer_size, zone)
        await asyncio.sleep(0)  # ok: GIL004
        return {"zone": zone, "primary": primary, "secondary": secondary, "registry": registry,
                "axfr_bytes": axfr, "in_sync": primary == secondary == registry}


async def run_checks(zones: list[str]) -> list[dict]:
    p_ours, p_server = socket.socketpair()
    s_ours, s_server = socket.socketpair()
    servers = [
        threading.Thread(target=serve, args=(p_server, ZONE_DB), name="ns1", daemon=True),
        threading.Thread(target=serve, args=(s_server, ZONE_DB), kwargs={"lag": 1}, name="ns2", daemon=True),
    ]
    for t in servers:
        t.start()
    checker = DelegationChecker(p_ours, s_ours)
    try:
        return await asyncio.gather(*(checker.check_zone(z) for z in zones))
    finally:
        p_ours.close()
        s_ours.close()
        for t in servers:
            t.join(timeout=1)


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    started = time.perf_counter()
    results = asyncio.run(run_checks(sorted(ZONE_DB)))
    for r in results:
        flag = "ok " if r["in_sync"] else "LAG"
        print(f"{flag} {r['zone']:<15} primary={r['primary']} secondary={r['secondary']} "
              f"registry={r['registry']} axfr={r['axfr_bytes']}B")
    print(f"server queries = {server_stats['queries']} (expected {2 * len(results)})")
    print(f"wall = {time.perf_counter() - started:.3f}s")


if __name__ == "__main__":
    main()
