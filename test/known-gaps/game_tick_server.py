"""Authoritative game server core: a fixed-rate tick loop plus one input reader per client.

Clients are simulated with ``socket.socketpair()``; each sends newline-delimited
commands ("JOIN", "MOVE dx dy", "FIRE target", "NICK name").  Reader threads
decode the commands and dispatch them through a handler registry; the tick
thread integrates positions at a fixed rate and hands snapshots to observers.
"""
import logging
import socket
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("tickserver")

TICK_HZ = 100
MAX_PLAYERS = 3


@dataclass
class Player:
    pid: str
    x: float = 0.0
    y: float = 0.0
    vx: float = 0.0
    vy: float = 0.0
    score: int = 0


@dataclass
class World:
    players: dict = field(default_factory=dict)
    stats: dict = field(default_factory=lambda: {"inputs": 0, "rejected": 0})
    lock: threading.Lock = field(default_factory=threading.Lock)
    max_players: int = MAX_PLAYERS

    def try_join(self, pid):
        """Admit a player if the match still has a free slot."""
        if len(self.players) < self.max_players:  # expect: GIL003
            time.sleep(0.002)  # reserve a slot with the matchmaker
            self.players[pid] = Player(pid, x=float(len(pid)), y=0.0)
            return True
        return False

    def rename(self, old, new):
        with self.lock:
            if new in self.players or old not in self.players:  # ok: GIL003
                return False
            player = self.players.pop(old)
            player.pid = new
            self.players[new] = player
            return True

    def snapshot(self):
        with self.lock:
            return {pid: (round(p.x, 2), round(p.y, 2), p.score) for pid, p in self.players.items()}


class TickLoop(threading.Thread):
    """Steps the simulation at TICK_HZ and publishes a snapshot every tick."""

    def __init__(self, world, max_ticks, observers=()):
        super().__init__(name="tick-loop", daemon=True)
        self.world = world
        self.max_ticks = max_ticks
        self.observers = list(observers)
        self.ticks_run = 0
        self.late_ticks = 0

    def step(self, dt):
        with self.world.lock:
            for p in self.world.players.values():
                p.x += p.vx * dt
                p.y += p.vy * dt
                p.vx *= 0.9
                p.vy *= 0.9

    def run(self):
        period = 1.0 / TICK_HZ
        deadline = time.monotonic()
        tick = 0
        late = 0
        while tick < self.max_ticks:  # ok: GIL001
            self.step(period)
            snap = self.world.snapshot()
            for observer in self.observers:
                observer(tick, snap)
            tick += 1
            deadline += period
            remaining = deadline - time.monotonic()
            if remaining > 0:
                time.sleep(remaining)
            else:
                late += 1
        self.ticks_run = tick
        self.late_ticks = late


class GameServer:
    def __init__(self, world):
        self.world = world
        self._handlers = {
            "JOIN": self._on_join,
            "MOVE": self._on_move,
            "FIRE": self._on_fire,
            "NICK": self._on_nick,
        }

    def handle_client(self, sock, name):
        """Reader thread body: one per connected client."""
        session = {"pid": name}
        buf = b""
        while True:  # ok: GIL001
            chunk = sock.recv(4096)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                self.dispatch(session, line.decode().split())
        sock.close()
        log.debug("reader %s finished", name)

    def dispatch(self, session, parts):
        self.world.stats["inputs"] += 1  # expect: GIL002
        handler = self._handlers.get(parts[0]) if parts else None
        if handler is None:
            with self.world.lock:
                self.world.stats["rejected"] += 1  # ok: GIL002
            return
        handler(session, *parts[1:])

    def _on_join(self, session):
        if not self.world.try_join(session["pid"]):
            log.info("lobby full, %s spectates", session["pid"])

    def _on_move(self, session, dx, dy):
        with self.world.lock:
            p = self.world.players.get(session["pid"])
            if p is not None:
                p.vx += float(dx)
                p.vy += float(dy)

    def _on_fire(self, session, target):
        with self.world.lock:
            shooter = self.world.players.get(session["pid"])
            if shooter is not None and target in self.world.players:
                shooter.score += 10  # ok: GIL002

    def _on_nick(self, session, new_name):
        if self.world.rename(session["pid"], new_name):
            session["pid"] = new_name


def client_script(name, peers):
    yield "JOIN"
    for i in range(12):
        yield f"MOVE {(i % 3) - 1} {1 if i % 2 else -1}"
        yield f"FIRE {peers[i % len(peers)]}"
    yield f"NICK {name.upper()}"
    yield "PING"


def main():
    logging.basicConfig(level=logging.WARNING)
    world = World()
    frames = []
    ticker = TickLoop(world, max_ticks=40, observers=[lambda tick, snap: frames.append(len(snap))])
    server = GameServer(world)

    names = ["ana", "bo", "cy", "dee"]
    pairs = {name: socket.socketpair() for name in names}
    readers = [
        threading.Thread(target=server.handle_client, args=(pairs[n][0], n), name=f"reader-{n}")
        for n in names
    ]
    ticker.start()
    for t in readers:
        t.start()
    scripts = {n: client_script(n, [p for p in names if p != n]) for n in names}
    for name in names:
        pairs[name][1].sendall(next(scripts[name]).encode() + b"\n")
    time.sleep(0.02)  # let the lobby settle before the match starts
    for name in names:
        client = pairs[name][1]
        for cmd in scripts[name]:
            client.sendall(cmd.encode() + b"\n")
        client.shutdown(socket.SHUT_WR)
    for t in readers:
        t.join()
    ticker.join()
    for _, client in pairs.values():
        client.close()

    print(f"players admitted = {len(world.players)} (max {world.max_players})")
    print(f"inputs = {world.stats['inputs']} (expected {len(names) * 27}), rejected = {world.stats['rejected']}")
    print(f"ticks = {ticker.ticks_run}, late = {ticker.late_ticks}, frames = {len(frames)}")
    print("snapshot:", world.snapshot())


if __name__ == "__main__":
    main()
