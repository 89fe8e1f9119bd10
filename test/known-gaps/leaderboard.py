# Models a game leaderboard: coroutines apply live match results while pool threads replay past seasons for Elo.
import asyncio
import random
import socket
import threading
from concurrent.futures import ThreadPoolExecutor

K = 24
PLAYERS = 50


class Leaderboard:
    def __init__(self):
        self.ratings = {}
        self.version = 0
        self.submissions = 0

    def replay(self, season):
        """Recompute one season's rating deltas from its match log."""
        local = {}
        for winner, loser in season:  # expect: GIL001
            rw = local.get(winner, 1500.0)
            rl = local.get(loser, 1500.0)
            gain = K * (1.0 - 1.0 / (1.0 + 10 ** ((rl - rw) / 400.0)))
            local[winner] = rw + gain
            local[loser] = rl - gain
        for player, rating in local.items():  # ok: GIL001
            self.ratings[player] = self.ratings.get(player, 1500.0) + (rating - 1500.0)  # expect: GIL002
        self.version += 1  # expect: GIL002
        return len(season)

    async def submit(self, winner, loser):
        self.submissions += 1  # ok: GIL002
        self.ratings[winner] = self.ratings.get(winner, 1500.0) + K / 2  # expect: GIL002
        self.ratings[loser] = self.ratings.get(loser, 1500.0) - K / 2  # expect: GIL002


def make_season(rng, matches):
    season = []
    for _ in range(matches):  # ok: GIL001
        winner = rng.randrange(PLAYERS)
        season.append((winner, (winner + 1 + rng.randrange(PLAYERS - 1)) % PLAYERS))
    return season


def match_feed(sock, results):
    """Game-server side of the live results connection."""
    with sock:
        sock.sendall(b"HELLO leaderboard/1\n")
        if sock.recv(16).strip() != b"GO":
            return
        for winner, loser in results:
            sock.sendall(f"{winner} {loser}\n".encode())
        sock.sendall(b"END\n")


async def consume_live(board, conn):
    greeting = conn.recv(64)  # expect: GIL004
    conn.sendall(b"GO\n")  # expect: GIL004
    reader, writer = await asyncio.open_connection(sock=conn)
    applied = 0
    while True:
        line = await reader.readline()  # ok: GIL004
        if not line or line.startswith(b"END"):
            break
        winner, loser = map(int, line.split())
        await board.submit(winner, loser)
        applied += 1
    writer.close()
    await writer.wait_closed()
    return greeting.decode().strip(), applied


async def run_league(pool, seasons, live):
    loop = asyncio.get_running_loop()
    board = Leaderboard()
    server_sock, client_sock = socket.socketpair()
    feed = threading.Thread(target=match_feed, args=(server_sock, live), name="match-feed")
    feed.start()
    replay_job = loop.run_in_executor(None, lambda: list(pool.map(board.replay, seasons)))
    replayed, (greeting, applied) = await asyncio.gather(replay_job, consume_live(board, client_sock))
    await asyncio.to_thread(feed.join)  # ok: GIL004
    return board, replayed, greeting, applied


def main():
    rng = random.Random(2024)
    seasons = [make_season(rng, 40_000) for _ in range(3)]
    live = make_season(rng, 300)
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="elo") as pool:
        board, replayed, greeting, applied = asyncio.run(run_league(pool, seasons, live))
    top = sorted(board.ratings.items(), key=lambda kv: -kv[1])[:3]
    print(greeting, "| replayed:", replayed, "| live applied:", applied)
    print("version:", board.version, "submissions:", board.submissions)
    print("top players:", [(p, round(r)) for p, r in top])


if __name__ == "__main__":
    main()
