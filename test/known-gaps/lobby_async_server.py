"""Async lobby server: join requests arrive on an asyncio.Queue, lobbies are balanced off-loop.

The event loop owns all lobby bookkeeping.  Team balancing is a local search that is
pushed to a worker thread with asyncio.to_thread; snapshots are written to a temp dir.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import tempfile
import time
from dataclasses import asdict, dataclass, field

log = logging.getLogger("lobby.server")

SETTINGS = {
    "lobby_size": 10,
    "balance_iterations": 120_000,
    "snapshot_every": 2,
    "fsync_delay_s": 0.004,
}


@dataclass
class JoinRequest:
    handle: str
    rating: int
    party: int = 1


@dataclass
class PendingLobby:
    lobby_id: int
    members: list = field(default_factory=list)

    @property
    def full(self) -> bool:
        return len(self.members) >= SETTINGS["lobby_size"]


def balance_teams(ratings: list[int], iterations: int, seed: int) -> tuple[list[int], int]:
    """Local search for a split into two equal teams with the smallest rating gap."""
    rng = random.Random(seed)
    half = len(ratings) // 2
    order = list(range(len(ratings)))
    best_gap = abs(sum(ratings[i] for i in order[:half]) - sum(ratings[i] for i in order[half:]))
    for _ in range(iterations):  # expect: GIL001
        a = rng.randrange(half)
        b = half + rng.randrange(len(ratings) - half)
        order[a], order[b] = order[b], order[a]
        left = 0
        for i in order[:half]:
            left += ratings[i]
        gap = abs(2 * left - sum(ratings))
        if gap <= best_gap:
            best_gap = gap
        else:
            order[a], order[b] = order[b], order[a]
    return order, best_gap


def write_snapshot(path: str, payload: dict) -> None:
    """Synchronous snapshot writer with a simulated slow disk."""
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(payload, fh)
        fh.flush()
    time.sleep(SETTINGS["fsync_delay_s"])  # expect: GIL004


class LobbyServer:
    def __init__(self, snapshot_dir: str) -> None:
        self.snapshot_dir = snapshot_dir
        self.queue: asyncio.Queue[JoinRequest | None] = asyncio.Queue()
        self.current = PendingLobby(1)
        self.closed: list[dict] = []
        self.joins = 0
        self.snapshots = 0

    async def accept(self) -> None:
        while True:
            req = await self.queue.get()
            if req is None:
                break
            self.joins += 1  # ok: GIL002
            self.current.members.append(req)
            if self.current.full:
                await self._close_lobby()
        if self.current.members:
            await self._close_lobby()

    async def _close_lobby(self) -> None:
        lobby, self.current = self.current, PendingLobby(self.current.lobby_id + 1)
        ratings = [m.rating for m in lobby.members]
        order, gap = await asyncio.to_thread(
            balance_teams, ratings, SETTINGS["balance_iterations"], lobby.lobby_id)
        half = len(order) // 2
        record = {
            "lobby": lobby.lobby_id,
            "gap": gap,
            "red": [lobby.members[i].handle for i in order[:half]],
            "blue": [lobby.members[i].handle for i in order[half:]],
        }
        self.closed.append(record)
        if len(self.closed) % SETTINGS["snapshot_every"] == 0:
            self._snapshot()
        await self._notify(record)

    def _snapshot(self) -> None:
        path = os.path.join(self.snapshot_dir, f"lobbies-{len(self.closed)}.json")
        write_snapshot(path, {"closed": self.closed})
        self.snapshots += 1

    async def _notify(self, record: dict) -> None:
        loop = asyncio.get_running_loop()

        def push_to_matchmaking_bus() -> int:
            time.sleep(0.003)  # ok: GIL004
            return len(record["red"]) + len(record["blue"])

        delivered = await loop.run_in_executor(None, push_to_matchmaking_bus)
        log.info("lobby %s announced to %d players", record["lobby"], delivered)


async def produce(server: LobbyServer, count: int, seed: int) -> None:
    rng = random.Random(seed)
    for i in range(count):
        await server.queue.put(JoinRequest(f"p{i:03d}", int(rng.gauss(1500, 200))))
        if i % 7 == 0:
            await asyncio.sleep(0.001)  # ok: GIL004
    await server.queue.put(None)


async def main() -> None:
    with tempfile.TemporaryDirectory(prefix="lobbies-") as tmp:
        server = LobbyServer(tmp)
        started = time.perf_counter()
        await asyncio.gather(server.accept(), produce(server, 40, seed=3))
        elapsed = time.perf_counter() - started
        files = sorted(os.listdir(tmp))
        print(f"{server.joins} joins -> {len(server.closed)} lobbies in {elapsed:.2f}s")
        for rec in server.closed:
            print(f"  lobby {rec['lobby']}: gap {rec['gap']}, red={len(rec['red'])} blue={len(rec['blue'])}")
        print(f"snapshots written: {server.snapshots} ({', '.join(files)})")


if __name__ == "__main__":
    asyncio.run(main())
