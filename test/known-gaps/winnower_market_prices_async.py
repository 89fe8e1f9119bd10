"""Corn-exchange price board for a winnowing and seed-cleaning co-operative.

The board shows today's price for cleaned grain at several market towns.
Price sheets are published as JSON documents (here: files under a temporary
directory, fetched through ``urllib`` with file:// URLs); last year's
archive is fetched in worker threads; the auctioneer's ticker arrives over a
socket.  Everything is driven from one asyncio loop.
"""
import asyncio
import json
import os
import random
import socket
import tempfile
import urllib.request

MARKETS = ["Banbury", "Thame", "Witney", "Wantage", "Abingdon"]
GRADES = {"clean": 1.0, "tail": 0.72, "seed": 1.35}

BOARD = {}  # market -> price per quarter; only touched on the event loop
ARCHIVE_HITS = 0  # bumped by the archive fetchers, which run in worker threads


def publish_sheets(folder, seed=12):
    rng = random.Random(seed)
    urls = {}
    for market in MARKETS:
        for year in ("2024", "2023"):
            path = os.path.join(folder, f"{market.lower()}-{year}.json")
            sheet = {"market": market, "year": year,
                     "wheat": round(rng.uniform(38, 46), 2), "barley": round(rng.uniform(30, 36), 2)}
            with open(path, "w") as fh:
                json.dump(sheet, fh)
            urls[(market, year)] = "file://" + urllib.request.pathname2url(path)
    return urls


def fetch_price_sheet(url):
    with urllib.request.urlopen(url, timeout=2) as resp:  # expect: GIL004 -- blocking urlopen, reached from the coroutine refresh_market()
        return json.load(resp)


def fetch_archive(url):
    global ARCHIVE_HITS
    with urllib.request.urlopen(url, timeout=2) as resp:  # ok: GIL004 -- only called through asyncio.to_thread
        sheet = json.load(resp)
    ARCHIVE_HITS += 1  # expect: GIL002 -- several to_thread workers run fetch_archive at once; no lock
    return sheet


def grade_price(base, grade):
    return round(base * GRADES[grade], 2)


async def refresh_market(market, urls):
    if market not in BOARD:  # ok: GIL003 -- BOARD is only used by coroutines on the one loop thread
        sheet = fetch_price_sheet(urls[(market, "2024")])
        BOARD[market] = {g: grade_price(sheet["wheat"], g) for g in GRADES}
    old = await asyncio.to_thread(fetch_archive, urls[(market, "2023")])
    change = BOARD[market]["clean"] - old["wheat"]
    return market, change


async def read_ticker(sock):
    """Auctioneer's ticker: newline-separated 'MARKET PRICE' lines."""
    raw = sock.recv(4096)  # expect: GIL004 -- blocking socket recv directly inside an async def
    lines = raw.decode().strip().splitlines()
    moves = []
    for line in lines:
        market, price = line.split()
        moves.append((market, float(price)))
        await asyncio.sleep(0)
    return moves


async def read_bids(sock):
    reader, writer = await asyncio.open_connection(sock=sock)
    bids = []
    while True:
        line = await reader.readline()  # ok: GIL004 -- StreamReader.readline awaits, the loop keeps running
        if not line:
            break
        bidder, qty = line.decode().split(",")
        bids.append((bidder, int(qty)))
    writer.close()
    await writer.wait_closed()
    return bids


def prime_sockets():
    tick_rx, tick_tx = socket.socketpair()
    tick_tx.sendall(b"Thame 43.10\nWitney 41.75\nBanbury 44.02\n")
    tick_tx.close()
    bid_rx, bid_tx = socket.socketpair()
    bid_tx.sendall(b"Hobbs,40\nCo-op mill,120\nMaltings,75\n")
    bid_tx.close()
    return tick_rx, bid_rx


def movers(changes, top=2):
    """Markets whose clean-grain price moved most since last year."""
    ranked = sorted(changes, key=lambda mc: abs(mc[1]), reverse=True)
    return [f"{market} {delta:+.2f}" for market, delta in ranked[:top]]


async def main():
    with tempfile.TemporaryDirectory(prefix="corn-exchange-") as folder:
        urls = publish_sheets(folder)
        tick_rx, bid_rx = prime_sockets()
        changes = await asyncio.gather(*(refresh_market(m, urls) for m in MARKETS))
        moves, bids = await asyncio.gather(read_ticker(tick_rx), read_bids(bid_rx))
        tick_rx.close()

    for market, delta in changes:
        prices = BOARD[market]
        print(f"{market:>9}: clean {prices['clean']:6.2f}  seed {prices['seed']:6.2f}  ({delta:+.2f} on last year)")
    for market, price in moves:
        print(f"ticker: {market} now {price:.2f} (board {BOARD[market]['clean']:.2f})")
    print("biggest movers: " + ", ".join(movers(changes)))
    print(f"bids: {sum(q for _, q in bids)} quarters from {len(bids)} buyers; archive fetches {ARCHIVE_HITS}")


if __name__ == "__main__":
    asyncio.run(main())
