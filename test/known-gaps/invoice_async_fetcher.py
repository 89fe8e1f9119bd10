#!/usr/bin/env python3
"""Async invoice intake: read invoices from two billing gateways, convert to EUR, store in sqlite."""
import asyncio
import json
import os
import pathlib
import random
import socket
import sqlite3
import tempfile
import threading
import time
import urllib.request

stats = {"sent": 0}


def gateway(sock, invoices):
    for inv in invoices:  # ok: GIL001
        sock.sendall((json.dumps(inv) + "\n").encode())
        stats["sent"] += 1  # expect: GIL002
        time.sleep(0.002)  # ok: GIL004
    sock.shutdown(socket.SHUT_WR)


def load_rates(url):
    with urllib.request.urlopen(url) as resp:  # ok: GIL004
        return json.load(resp)


async def refresh_rates(url):
    with urllib.request.urlopen(url) as resp:  # expect: GIL004
        return json.load(resp)


async def read_legacy_gateway(sock):
    buf = b""
    while True:
        chunk = sock.recv(4096)  # expect: GIL004
        if not chunk:
            break
        buf += chunk
    return [json.loads(line) for line in buf.splitlines()]


async def read_gateway(sock):
    reader, writer = await asyncio.open_connection(sock=sock)
    out = []
    while line := await reader.readline():  # ok: GIL004
        out.append(json.loads(line))
    writer.close()
    await writer.wait_closed()
    return out


def store(db_path, rows):
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE IF NOT EXISTS invoices (id TEXT PRIMARY KEY, currency TEXT, eur REAL)")
    conn.executemany("INSERT OR REPLACE INTO invoices VALUES (?, ?, ?)", rows)
    conn.commit()
    total = conn.execute("SELECT COUNT(*), ROUND(SUM(eur), 2) FROM invoices").fetchone()
    conn.close()
    return total


async def main():
    rng = random.Random(12)
    with tempfile.TemporaryDirectory() as tmp:
        rates_path = pathlib.Path(tmp, "rates.json")
        rates_path.write_text(json.dumps({"EUR": 1.0, "USD": 0.92, "GBP": 1.16}))
        rates = await asyncio.to_thread(load_rates, rates_path.as_uri())
        pairs = [socket.socketpair() for _ in range(2)]
        feeds = [[{"id": f"G{g}-{i}", "cur": rng.choice(list(rates)), "amount": rng.randint(50, 5000)}
                  for i in range(40)] for g in range(2)]
        senders = [threading.Thread(target=gateway, args=(pairs[g][0], feeds[g])) for g in range(2)]
        for t in senders:
            t.start()
        legacy, modern = await asyncio.gather(read_legacy_gateway(pairs[0][1]), read_gateway(pairs[1][1]))
        for t in senders:
            t.join()
        rates = await refresh_rates(rates_path.as_uri())
        rows = [(inv["id"], inv["cur"], round(inv["amount"] * rates[inv["cur"]], 2)) for inv in legacy + modern]
        count, eur = await asyncio.to_thread(store, os.path.join(tmp, "billing.db"), rows)
        for a, b in pairs:
            a.close()
            b.close()
    print(f"sent={stats['sent']} legacy={len(legacy)} modern={len(modern)} stored={count} eur_total={eur}")


if __name__ == "__main__":
    asyncio.run(main())
