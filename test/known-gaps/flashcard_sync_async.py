"""Language-learning flashcards: an asyncio review session shows 40 cards (5 ms each) while a sync
task pulls "cards due" updates that a server thread sends every 30 ms. The legacy sync helper reads
a blocking socket on the event loop; the fixed one awaits loop.sock_recv on a non-blocking socket."""
import asyncio
import json
import socket
import threading
import time

CARDS = [("el perro", "the dog"), ("la casa", "the house"), ("el libro", "the book"),
         ("la mesa", "the table"), ("el gato", "the cat"), ("la ventana", "the window"),
         ("el árbol", "the tree"), ("la llave", "the key")] * 5                      # 40 reviews
UPDATES = 6
UPDATE_GAP_S = 0.03
CARD_TIME_S = 0.005


def sync_server(sock):
    for n in range(UPDATES):
        time.sleep(UPDATE_GAP_S)  # ok: GIL004
        sock.sendall(json.dumps({"batch": n, "due": [n * 3, n * 3 + 1]}).encode() + b"\n")
    sock.close()


def read_due_updates(sock):
    chunk = sock.recv(4096)  # expect: GIL004
    return [json.loads(line) for line in chunk.splitlines() if line]


async def sync_legacy(sock, due):
    while True:
        updates = read_due_updates(sock)
        if not updates:
            break
        due.extend(u["batch"] for u in updates)
        await asyncio.sleep(0)


async def sync_fixed(sock, due):
    loop = asyncio.get_running_loop()
    while True:
        chunk = await loop.sock_recv(sock, 4096)  # ok: GIL004
        if not chunk:
            break
        due.extend(json.loads(line)["batch"] for line in chunk.splitlines() if line)


async def review_session(gaps):
    last = time.perf_counter()
    for _front, _back in CARDS:
        await asyncio.sleep(CARD_TIME_S)  # ok: GIL004
        now = time.perf_counter()
        gaps.append(now - last)
        last = now


async def run(sync):
    ours, theirs = socket.socketpair()
    if sync is sync_fixed:
        ours.setblocking(False)
    server = threading.Thread(target=sync_server, args=(theirs,), name="sync-server")
    server.start()
    due, gaps = [], []
    await asyncio.gather(review_session(gaps), sync(ours, due))
    server.join()
    ours.close()
    return sorted(due), max(gaps) * 1000


if __name__ == "__main__":
    for sync in (sync_legacy, sync_fixed):
        due, worst = asyncio.run(run(sync))
        print(f"{sync.__name__:12s}: {len(due)} due batches, worst gap between cards {worst:.1f} ms "
              f"(a card takes {CARD_TIME_S * 1000:.0f} ms)")
