"""Asyncio chat relay that archives every room's messages to a threaded archive server."""
import asyncio
import socket
import socketserver
import threading
from concurrent.futures import ThreadPoolExecutor

LEGACY_ROOMS = {"lobby"}
archived_lines = 0
word_totals = {}
totals_lock = threading.Lock()


def count_words(text):
    words, in_word = 0, False
    for ch in text:  # expect: GIL001
        if ch.isspace():
            in_word = False
        elif not in_word:
            words, in_word = words + 1, True
    return words


class ArchiveHandler(socketserver.StreamRequestHandler):
    def handle(self):
        global archived_lines
        for raw in self.rfile:  # ok: GIL001
            room, _, text = raw.decode().rstrip("\n").partition(" ")
            archived_lines += 1  # expect: GIL002
            n = count_words(text)
            with totals_lock:
                word_totals[room] = word_totals.get(room, 0) + n  # ok: GIL002


class ChatRelay:
    def __init__(self, archive_socks):
        self.archive_socks = archive_socks
        self.archive_pool = ThreadPoolExecutor(max_workers=1)
        self.history = {}
        self.relayed = 0

    async def archive(self, room, text):
        data = f"{room} {text}\n".encode()
        sock = self.archive_socks[room]
        if room in LEGACY_ROOMS:
            sock.sendall(data)  # expect: GIL004
        else:
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(self.archive_pool, sock.sendall, data)  # ok: GIL004

    async def handle(self, reader, writer):
        room = (await reader.readline()).decode().strip()
        while line := (await reader.readline()).decode().strip():
            self.history.setdefault(room, []).append(line)
            self.relayed += 1  # ok: GIL002
            await self.archive(room, line)
            writer.write(f"ack {len(self.history[room])}\n".encode())
            await writer.drain()
        writer.close()
        await writer.wait_closed()


async def chatter(port, room, lines):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{room}\n".encode())
    for text in lines:
        writer.write(f"{text}\n".encode())
        await writer.drain()
        await reader.readline()
    writer.write(b"\n")
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def run_chat(archive_addr):
    socks = {}
    for room in ("lobby", "dev"):
        socks[room] = await asyncio.to_thread(socket.create_connection, archive_addr)  # ok: GIL004
    relay = ChatRelay(socks)
    server = await asyncio.start_server(relay.handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        await asyncio.gather(
            chatter(port, "lobby", ["hello everyone", "is the build green?", "lunch at noon"]),
            chatter(port, "dev", ["merging the pool refactor", "ci is flaky again today"]),
            chatter(port, "dev", ["rebased onto main", "tests pass locally now, shipping it"]))
    relay.archive_pool.shutdown(wait=True)
    for sock in socks.values():
        sock.close()
    return relay


def main():
    archive = socketserver.ThreadingTCPServer(("127.0.0.1", 0), ArchiveHandler)
    threading.Thread(target=archive.serve_forever, args=(0.05,), daemon=True).start()
    relay = asyncio.run(run_chat(archive.server_address))
    archive.shutdown()
    archive.server_close()
    print(f"relayed={relay.relayed} archived={archived_lines}")
    print("words per room:", dict(sorted(word_totals.items())))


if __name__ == "__main__":
    main()
