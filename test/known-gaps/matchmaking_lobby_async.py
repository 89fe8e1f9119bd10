"""Asyncio lobby service for a team-based shooter.

Players join lobbies through the gateway coroutine. Joining loads the player's
profile, runs an anti-cheat attestation and reserves a slot on a game server.
The profile store and the anti-cheat SDK are synchronous libraries.
"""
import asyncio
import functools
import hashlib
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("mm.lobby")


@dataclass
class Profile:
    player_id: str
    mmr: int
    region: str
    banned: bool = False


@dataclass
class Lobby:
    lobby_id: int
    region: str
    capacity: int = 10
    members: list = field(default_factory=list)

    @property
    def full(self):
        return len(self.members) >= self.capacity


class ProfileStore:
    """Synchronous client for the profile database."""

    def __init__(self, latency_s=0.003):
        self.latency_s = latency_s
        self.reads = 0

    def _query(self, player_id):
        time.sleep(self.latency_s)  # expect: GIL004
        digest = hashlib.blake2b(player_id.encode(), digest_size=4).digest()
        return Profile(player_id, 1000 + int.from_bytes(digest, "big") % 2000,
                       ("eu", "na", "sa")[digest[0] % 3])

    def load(self, player_id):
        self.reads += 1  # ok: GIL002
        return self._query(player_id)


class ServerSlots:
    """Context manager around the game-server slot table (shared by executor threads)."""

    def __init__(self, slots):
        self._lock = threading.Lock()
        self.free = slots

    def __enter__(self):
        self._lock.acquire()  # ok: GIL005
        return self

    def __exit__(self, exc_type, exc, tb):
        self._lock.release()
        return False


class AntiCheat:
    """Wrapper over a blocking attestation SDK."""

    def __init__(self, slots):
        self.slots = slots
        self.reserved = 0

    def attest_and_reserve(self, profile, *, nonce):
        time.sleep(0.004)  # ok: GIL004
        token = hashlib.sha256(f"{profile.player_id}:{nonce}".encode()).hexdigest()
        with self.slots as table:
            if table.free <= 0:  # ok: GIL003
                return None
            table.free -= 1  # ok: GIL002
            self.reserved += 1  # ok: GIL002
        return token


class LobbyGateway:
    def __init__(self, store, anticheat, executor):
        self.store = store
        self.anticheat = anticheat
        self.executor = executor
        self.lobbies = {}
        self._next_id = 0
        self.rejected = []

    def _lobby_for(self, region):
        lobby = self.lobbies.get(region)
        if lobby is None or lobby.full:  # ok: GIL003
            self._next_id += 1  # ok: GIL002
            lobby = self.lobbies[region] = Lobby(self._next_id, region)
        return lobby

    async def join(self, player_id):
        profile = self.store.load(player_id)
        if profile.banned:
            self.rejected.append(player_id)
            return None
        loop = asyncio.get_running_loop()
        attest = functools.partial(self.anticheat.attest_and_reserve, profile, nonce=player_id[::-1])
        token = await loop.run_in_executor(self.executor, attest)
        if token is None:
            self.rejected.append(player_id)
            return None
        lobby = self._lobby_for(profile.region)
        lobby.members.append((player_id, profile.mmr, token[:8]))
        await asyncio.sleep(0)  # let the UI push go out
        return lobby.lobby_id

    async def warm_up(self, player_ids):
        """Preload profiles off the loop before a tournament starts."""
        return await asyncio.gather(*(asyncio.to_thread(self.store._query, pid) for pid in player_ids))


async def serve(n_players, slots):
    executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="anticheat")
    gateway = LobbyGateway(ProfileStore(), AntiCheat(ServerSlots(slots)), executor)
    try:
        warmed = await gateway.warm_up([f"seed-{i}" for i in range(8)])
        results = await asyncio.gather(*(gateway.join(f"player-{i:04d}") for i in range(n_players)))
    finally:
        executor.shutdown(wait=True)
    return gateway, warmed, results


def main():
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    gateway, warmed, results = asyncio.run(serve(n_players=40, slots=36))
    placed = [r for r in results if r is not None]
    print(f"warmed {len(warmed)} profiles; placed {len(placed)} players in {len(set(placed))} lobbies")
    print(f"rejected {len(gateway.rejected)}; slots reserved {gateway.anticheat.reserved}, "
          f"free {gateway.anticheat.slots.free}")
    for region, lobby in sorted(gateway.lobbies.items()):
        print(f"  {region}: lobby {lobby.lobby_id} with {len(lobby.members)} members")
    print(f"profile reads {gateway.store.reads}; elapsed {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
