#!/usr/bin/env python3
"""Game-lobby chat relay on asyncio: a client thread streams lines over a socket pair,
the relay filters profanity, swaps emote codes and fans messages out to room logs."""
import asyncio
import socket
import threading
import time
import urllib.request

FILTER_URL = "data:text/plain,darn%0Aheck%0Agosh"
EMOTE_URL = "data:text/plain,:gg:%3D%F0%9F%8E%AE%0A:wp:%3D%F0%9F%91%8D"

relayed = 0


def fetch_wordlist():
    with urllib.request.urlopen(FILTER_URL) as resp:  # expect: GIL004
        return set(resp.read().decode().split())


def load_emotes():
    with urllib.request.urlopen(EMOTE_URL) as resp:  # ok: GIL004
        return resp.read().decode()


def client_feed(sock, lines):
    sock.sendall(b"HELLO lobby-7\n")
    for line in lines:  # ok: GIL001
        sock.sendall(line.encode() + b"\n")
        time.sleep(0.003)
    sock.shutdown(socket.SHUT_WR)


async def handshake(sock):
    data = sock.recv(256)  # expect: GIL004
    hello, _, rest = data.partition(b"\n")
    return hello.decode().split()[1], rest


def clean(text, banned, emotes):
    words = [("*" * len(w) if w.lower() in banned else emotes.get(w, w)) for w in text.split()]
    return " ".join(words)


async def relay(sock, banned, emotes, rooms):
    global relayed
    loop = asyncio.get_running_loop()
    room, buf = await handshake(sock)
    sock.setblocking(False)
    while True:
        chunk = await loop.sock_recv(sock, 1024)  # ok: GIL004
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            user, _, text = line.decode().partition(": ")
            rooms.setdefault(room, []).append(f"<{user}> {clean(text, banned, emotes)}")
            relayed += 1  # ok: GIL002
        if not chunk:
            break


async def main():
    server_end, client_end = socket.socketpair()
    lines = ["kai: gg everyone :gg:", "rin: heck that was close", "kai: :wp: rin",
             "tom: darn lag again", "rin: rematch?", "tom: sure :gg:"]
    feeder = threading.Thread(target=client_feed, args=(client_end, lines), daemon=True)
    feeder.start()
    banned = fetch_wordlist()
    raw = await asyncio.get_running_loop().run_in_executor(None, load_emotes)
    emotes = dict(pair.split("=", 1) for pair in raw.split())
    rooms = {}
    await relay(server_end, banned, emotes, rooms)
    feeder.join()
    server_end.close()
    client_end.close()
    for room, msgs in rooms.items():
        print(f"[{room}]")
        for m in msgs:
            print("  " + m)
    print(f"relayed {relayed} messages")


if __name__ == "__main__":
    asyncio.run(main())
