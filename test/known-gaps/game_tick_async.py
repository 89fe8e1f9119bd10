"""asyncio tick loop for a small arena server.

One coroutine advances the arena every tick and broadcasts the state; bot
clients talk to the server over local socket pairs.  Every few ticks the loop
persists a snapshot and archives the replay buffer.  After the match the main
thread computes the final leaderboard.
"""
import asyncio
import functools
import json
import logging
import random
import socket
import time
from dataclasses import asdict, dataclass, field

log = logging.getLogger("arena")


def traced(coro_fn):
    """Log slow coroutine calls (anything over half a tick)."""

    @functools.wraps(coro_fn)
    async def wrapper(self, *args, **kwargs):
        t0 = time.perf_counter()
        result = await coro_fn(self, *args, **kwargs)
        spent = time.perf_counter() - t0
        if spent > self.dt / 2:
            log.debug("%s took %.1f ms", coro_fn.__name__, spent * 1000)
        return result

    return wrapper


@dataclass
class ArenaState:
    tick: int = 0
    scores: dict = field(default_factory=dict)
    events: list = field(default_factory=list)


class SnapshotStore:
    """Stand-in for the match database."""

    def __init__(self):
        self.rows = []
        self.archives = []

    def write(self, payload):
        time.sleep(0.003)  # expect: GIL004
        self.rows.append(payload)

    def archive(self, tick, events):
        blob = json.dumps(events).encode()
        time.sleep(0.005)  # ok: GIL004
        self.archives.append((tick, len(blob)))


class ArenaServer:
    def __init__(self, players, tick_rate=200, seed=7):
        self.dt = 1.0 / tick_rate
        self.state = ArenaState(scores={p: 0 for p in players})
        self.store = SnapshotStore()
        self.rng = random.Random(seed)
        self.ticks_run = 0
        self.commands_seen = 0

    @traced
    async def on_tick(self, n):
        self.state.tick = n
        self.ticks_run += 1  # ok: GIL002
        player = self.rng.choice(list(self.state.scores))
        self.state.scores[player] += self.rng.randint(1, 3)
        self.state.events.append((n, player))
        if n % 10 == 0:
            self.store.write(json.dumps(asdict(self.state)))
        if n % 25 == 0:
            events, self.state.events = self.state.events, []
            await asyncio.to_thread(self.store.archive, n, events)

    async def run(self, ticks):
        for n in range(ticks):
            await self.on_tick(n)
            await asyncio.sleep(self.dt)  # ok: GIL004

    async def read_legacy_bot(self, sock):
        """Old bots still use a blocking socket; this reads their command."""
        data = sock.recv(256)  # expect: GIL004
        self.commands_seen += 1
        return data.decode().strip()

    async def read_bot(self, sock):
        loop = asyncio.get_running_loop()
        data = await loop.sock_recv(sock, 256)  # ok: GIL004
        self.commands_seen += 1
        return data.decode().strip()


def make_bot_links(names, legacy):
    """Return (server_socket, client_socket) pairs with a command already sent."""
    links = []
    for name in names:
        server_end, client_end = socket.socketpair()
        if name not in legacy:
            server_end.setblocking(False)
        client_end.sendall(f"READY {name}\n".encode())
        links.append((name, server_end, client_end))
    return links


async def run_match(players, ticks):
    server = ArenaServer(players)
    legacy = set(players[:2])
    links = make_bot_links(players, legacy)
    readers = [
        server.read_legacy_bot(srv) if name in legacy else server.read_bot(srv)
        for name, srv, _ in links
    ]
    ready = await asyncio.gather(*readers)
    log.info("bots ready: %s", ready)
    await server.run(ticks)
    for _, srv, cli in links:
        srv.close()
        cli.close()
    return server


def final_leaderboard(scores, rounds=60_000, seed=11):
    """Monte-Carlo tie-breaker for the published leaderboard (main thread only)."""
    rng = random.Random(seed)
    names = sorted(scores)
    wins = dict.fromkeys(names, 0)
    for _ in range(rounds):  # ok: GIL001
        best, best_val = None, -1.0
        for name in names:
            v = scores[name] + rng.random()
            if v > best_val:
                best, best_val = name, v
        wins[best] += 1
    return sorted(names, key=lambda n: (-scores[n], -wins[n]))


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    players = [f"bot{i}" for i in range(6)]
    t0 = time.perf_counter()
    server = asyncio.run(run_match(players, ticks=120))
    board = final_leaderboard(server.state.scores)
    print(f"{server.ticks_run} ticks in {time.perf_counter() - t0:.2f}s, "
          f"{len(server.store.rows)} snapshots, {len(server.store.archives)} archives, "
          f"{server.commands_seen} bot commands")
    for rank, name in enumerate(board, 1):
        print(f"  #{rank} {name}: {server.state.scores[name]}")


if __name__ == "__main__":
    main()
