"""Async pager for urgent housekeeping jobs.

The property-management system (PMS) pushes "room needed now" frames (VIP early
arrivals, spills) over a local socket.  The pager service reads them on an
asyncio loop, pages the nearest attendant through the vendor's synchronous SMS
SDK, and escalates to the front-desk phone when nobody acknowledges in time.
"""
from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("hk.pager")

SETTINGS = {"sms_latency": 0.02, "ack_timeout": 0.03, "desk_ring_seconds": 0.01}


@dataclass
class UrgentJob:
    room: int
    reason: str
    priority: int = 1

    @property
    def floor(self) -> int:
        return self.room // 100


class SmsGateway:
    """Vendor SDK: every call is a blocking HTTPS request."""

    def __init__(self, latency: float):
        self.latency = latency
        self.sent = 0
        self._throttle_lock = threading.Lock()
        self._last_sent: dict = {}

    def send_page(self, attendant: str, text: str) -> str:
        time.sleep(self.latency)  # ok: GIL004
        self.sent += 1  # expect: GIL002
        self._note(attendant)
        return f"msg-{attendant}-{abs(hash(text)) % 10000}"

    def _note(self, attendant: str) -> None:
        self._throttle_lock.acquire()  # ok: GIL005
        try:
            self._last_sent[attendant] = time.monotonic()
        finally:
            self._throttle_lock.release()


class FrontDesk:
    def __init__(self, ring_seconds: float):
        self.ring_seconds = ring_seconds
        self.calls: list = []

    def ring(self, job: UrgentJob) -> None:
        """Ring the desk phone through the old PBX bridge (synchronous)."""
        time.sleep(self.ring_seconds)  # expect: GIL004
        self.calls.append(job.room)


def read_frame(sock: socket.socket) -> bytes:
    """Read one newline-terminated frame from the PMS socket."""
    chunks = []
    while True:
        byte = sock.recv(1)  # expect: GIL004
        if not byte or byte == b"\n":
            return b"".join(chunks)
        chunks.append(byte)


class PagerService:
    def __init__(self, gateway: SmsGateway, desk: FrontDesk, roster: dict, settings: dict):
        self.gateway = gateway
        self.desk = desk
        self.roster = roster
        self.settings = settings
        self.escalated = 0
        self.paged: list = []

    def _escalate(self, job: UrgentJob) -> None:
        log.info("escalating room %d", job.room)
        self.desk.ring(job)
        self.escalated += 1  # ok: GIL002

    async def page(self, job: UrgentJob) -> None:
        loop = asyncio.get_running_loop()
        attendant = self.roster.get(job.floor, "floater")
        text = f"Room {job.room}: {job.reason}"
        msg_id = await loop.run_in_executor(None, self.gateway.send_page, attendant, text)
        self.paged.append((job.room, attendant, msg_id))
        try:
            await asyncio.wait_for(self._wait_for_ack(job), self.settings["ack_timeout"])
        except asyncio.TimeoutError:
            self._escalate(job)

    async def _wait_for_ack(self, job: UrgentJob) -> None:
        await asyncio.sleep(0.01 * job.priority)  # ok: GIL004
        if job.priority > 2:
            await asyncio.Event().wait()  # nobody answers high-priority pages in time

    async def listen(self, pms: socket.socket, count: int) -> None:
        tasks = []
        for _ in range(count):
            frame = read_frame(pms)
            job = UrgentJob(**json.loads(frame))
            tasks.append(asyncio.create_task(self.page(job)))
            await asyncio.sleep(0)
        await asyncio.gather(*tasks)

    async def audit(self) -> float:
        loop = asyncio.get_running_loop()
        started = time.perf_counter()
        await loop.run_in_executor(None, lambda: time.sleep(0.005))  # ok: GIL004
        return time.perf_counter() - started


def pms_feed(sock: socket.socket, jobs) -> None:
    """Simulated PMS: runs in its own thread and writes frames."""
    for job in jobs:
        sock.sendall(json.dumps(job).encode() + b"\n")
        time.sleep(0.004)


async def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    jobs = [
        {"room": 312, "reason": "VIP early arrival", "priority": 3},
        {"room": 415, "reason": "spill in bathroom", "priority": 1},
        {"room": 108, "reason": "extra towels", "priority": 1},
        {"room": 221, "reason": "VIP early arrival", "priority": 3},
        {"room": 509, "reason": "crib request", "priority": 2},
    ]
    roster = {1: "mara", 2: "tomas", 3: "ines", 4: "oleg"}
    service = PagerService(SmsGateway(SETTINGS["sms_latency"]),
                           FrontDesk(SETTINGS["desk_ring_seconds"]), roster, SETTINGS)
    srv, cli = socket.socketpair()
    feeder = threading.Thread(target=pms_feed, args=(cli, jobs), name="pms-feed", daemon=True)
    feeder.start()
    started = time.perf_counter()
    await service.listen(srv, len(jobs))
    audit_s = await service.audit()
    feeder.join()
    srv.close()
    cli.close()
    print(f"paged {len(service.paged)} jobs in {time.perf_counter() - started:.2f}s "
          f"(sms sent {service.gateway.sent}, escalated {service.escalated}, audit {audit_s:.3f}s)")
    print("desk calls:", service.desk.calls)
    print("pages:", [(room, who) for room, who, _ in service.paged])


if __name__ == "__main__":
    asyncio.run(main())
