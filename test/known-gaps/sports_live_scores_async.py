"""Live scores for a basketball league: a feed thread pushes play-by-play over a
socket; an asyncio app keeps the scoreboard, fans out updates, archives snapshots."""
import asyncio
import json
import os
import random
import socket
import tempfile
import threading
import time

rng = random.Random(5)
GAMES = ["BOS-NYK", "LAL-GSW", "MIA-CHI", "DEN-PHX"]
EVENTS = [{"type": "score", "game": rng.choice(GAMES), "side": rng.choice(["home", "away"]),
           "points": rng.choice([1, 2, 2, 3])} for _ in range(80)]


def feed(sock, events):
    for ev in events:  # ok: GIL001
        time.sleep(0.004)  # waiting on the stadium data provider
        sock.sendall((json.dumps(ev) + "\n").encode())
    sock.sendall(b'{"type": "end"}\n')


def persist_snapshot(board):
    time.sleep(0.005)  # expect: GIL004
    return json.dumps(board, sort_keys=True)


def write_archive(path, lines):
    time.sleep(0.02)  # ok: GIL004
    with open(path, "w") as fh:
        fh.write("\n".join(lines))
    return len(lines)


async def read_events(sock, out):
    buf = b""
    while True:
        chunk = sock.recv(4096)  # expect: GIL004
        if not chunk:
            return
        *lines, buf = (buf + chunk).split(b"\n")
        for line in lines:
            ev = json.loads(line)
            await out.put(ev)
            if ev["type"] == "end":
                return


async def scoreboard(inbox, subscribers, snapshots):
    board = {}
    while (ev := await inbox.get())["type"] != "end":
        game = ev["game"]
        if game not in board:  # ok: GIL003
            board[game] = {"home": 0, "away": 0}
        board[game][ev["side"]] += ev["points"]  # ok: GIL002
        if ev["points"] == 3:
            snapshots.append(persist_snapshot(board))
        for q in subscribers:
            await q.put((game, dict(board[game])))
    for q in subscribers:
        await q.put(None)
    return board


async def subscriber(name, q, seen):
    while (item := await q.get()) is not None:
        seen[name] = seen.get(name, 0) + 1  # ok: GIL002
        await asyncio.sleep(0.001)  # ok: GIL004


async def main():
    rsock, wsock = socket.socketpair()
    feeder = threading.Thread(target=feed, args=(wsock, EVENTS), daemon=True)
    feeder.start()
    inbox = asyncio.Queue()
    subs = {name: asyncio.Queue() for name in ("tv", "mobile", "stats-desk")}
    seen, snapshots = {}, []
    board_task = asyncio.create_task(scoreboard(inbox, list(subs.values()), snapshots))
    await asyncio.gather(read_events(rsock, inbox), *(subscriber(n, q, seen) for n, q in subs.items()))
    board = await board_task
    with tempfile.TemporaryDirectory() as tmp:
        archived = await asyncio.to_thread(write_archive, os.path.join(tmp, "snaps.jsonl"), snapshots)
    feeder.join()
    rsock.close(), wsock.close()
    print(f"{board}\ndeliveries {seen}, {archived} snapshots archived")


asyncio.run(main())
