"""Pinder claims desk: owners come to the pound to claim their beasts back.

Each owner's claim arrives as one line on a local socket pair (sent by a small
"owner" thread).  The asyncio desk reads the claim, asks the pinder to approve it
(a blocking check run with asyncio.to_thread) and releases the beast from the
pound's release register.
"""
import asyncio
import json
import logging
import socket
import threading
import time
from dataclasses import dataclass, asdict

log = logging.getLogger("pinder.claims")

DESK = {"daily_approvals": 5, "token_check_s": 0.002, "legacy_windows": {1, 4}}


@dataclass
class Claim:
    owner: str
    tag: str
    fee_pence: int


class ReleaseRegister:
    """Beasts held in the pound and the record of who took them home."""

    def __init__(self, held, daily_approvals: int):
        self._lock = threading.Lock()
        self.held = dict(held)
        self.released: dict = {}
        self.approvals_left = daily_approvals

    def approve(self, claim: Claim) -> bool:
        if self.approvals_left > 0:  # expect: GIL003
            time.sleep(DESK["token_check_s"])  # ok: GIL004
            self.approvals_left -= 1  # expect: GIL002
            return True
        return False

    def release(self, claim: Claim) -> str:
        self._lock.acquire()  # expect: GIL005
        if claim.tag not in self.held:
            return f"{claim.tag}: not in the pound"
        beast = self.held.pop(claim.tag)
        self.released[claim.tag] = (claim.owner, beast)
        self._lock.release()
        return f"{claim.tag}: {beast} released to {claim.owner}"

    def still_held(self):
        if not self._lock.acquire(blocking=False):  # ok: GIL005
            return None
        try:
            return sorted(self.held)
        finally:
            self._lock.release()


class Owner(threading.Thread):
    def __init__(self, claim: Claim, sock: socket.socket, delay_s: float):
        super().__init__(name=f"owner-{claim.owner}")
        self.claim, self.sock, self.delay_s = claim, sock, delay_s

    def run(self) -> None:
        time.sleep(self.delay_s)  # ok: GIL004
        self.sock.sendall(json.dumps(asdict(self.claim)).encode() + b"\n")
        self.sock.close()


class Desk:
    def __init__(self, register: ReleaseRegister):
        self.register = register
        self.claims_seen = 0
        self.outcomes: list = []

    async def read_claim(self, window: int, sock: socket.socket) -> Claim:
        buf = b""
        if window in DESK["legacy_windows"]:
            # The old window terminal still uses the blocking driver.
            while not buf.endswith(b"\n"):
                buf += sock.recv(256)  # expect: GIL004
        else:
            loop = asyncio.get_running_loop()
            sock.setblocking(False)
            while not buf.endswith(b"\n"):
                buf += await loop.sock_recv(sock, 256)  # ok: GIL004
        return Claim(**json.loads(buf))

    async def serve(self, window: int, sock: socket.socket) -> None:
        claim = await self.read_claim(window, sock)
        self.claims_seen += 1  # ok: GIL002
        if await asyncio.to_thread(self.register.approve, claim):
            outcome = await asyncio.to_thread(self.register.release, claim)
        else:
            outcome = f"{claim.tag}: come back tomorrow"
        self.outcomes.append(outcome)
        sock.close()


async def open_desk(claims) -> Desk:
    held = {c.tag: kind for c, kind in zip(claims, ("cow", "ewe", "sow", "gelding",
                                                    "goose", "heifer", "ram"))}
    desk = Desk(ReleaseRegister(held, DESK["daily_approvals"]))
    pairs = [socket.socketpair() for _ in claims]
    owners = [Owner(c, theirs, 0.003 * i) for i, (c, (_, theirs)) in enumerate(zip(claims, pairs))]
    for o in owners:
        o.start()
    await asyncio.gather(*(desk.serve(i, ours) for i, (ours, _) in enumerate(pairs)))
    for o in owners:
        o.join()
    return desk


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    claims = [Claim(name, f"T{i:02d}", 4 + i) for i, name in
              enumerate(("Abel", "Bartram", "Cicely", "Dunstan", "Edith", "Fulk", "Gryffin"))]
    started = time.perf_counter()
    desk = asyncio.run(open_desk(claims))
    for line in sorted(desk.outcomes):
        log.info(line)
    print(f"claims seen = {desk.claims_seen} (expected {len(claims)})")
    print(f"released = {len(desk.register.released)} (expected {DESK['daily_approvals']}); "
          f"approvals left = {desk.register.approvals_left} (expected 0)")
    print(f"still held: {desk.register.still_held()}; {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
