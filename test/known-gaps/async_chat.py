# Models an asyncio line-based chat relay on 127.0.0.1 with a transcript file and a thread-based archiver.
import asyncio
import os
import queue
import tempfile
import threading
import time
from pathlib import Path


class Archiver(threading.Thread):
    """Background thread that writes closed sessions to disk."""

    def __init__(self, folder):
        super().__init__(daemon=True)
        self.folder = Path(folder)
        self.inbox = queue.Queue()
        self.acks = queue.Queue()
        self.archived = 0
        self.queued = 0

    def run(self):
        while True:  # ok: GIL001
            item = self.inbox.get()
            if item is None:
                break
            name, lines = item
            (self.folder / f"{name}.txt").write_text("".join(lines))  # ok: GIL004
            self.archived += 1  # ok: GIL002
            self.queued -= 1  # expect: GIL002
            self.acks.put(name)


class ChatRelay:
    def __init__(self, folder, archiver, transcript):
        self.folder = Path(folder)
        self.archiver = archiver
        self.transcript = transcript
        self.sessions = 0
        self.finished = 0
        self.lines_seen = 0

    def _log(self, text):
        self.transcript.write(text)  # expect: GIL004

    def _motd(self):
        return (self.folder / "motd.txt").read_text()  # expect: GIL004

    def _backoff(self, attempt):
        time.sleep(0.001 * attempt)  # expect: GIL004

    async def handle(self, reader, writer):
        self.sessions += 1  # ok: GIL002
        session = f"session-{self.sessions}"
        lines = []
        writer.write(self._motd().encode())
        while True:
            raw = await reader.readline()  # ok: GIL004
            if not raw:
                break
            self.lines_seen += 1  # ok: GIL002
            lines.append(raw.decode())
            self._log(f"{session}: {raw.decode()}")
            writer.write(raw.upper())  # ok: GIL004
            await writer.drain()
        self.archiver.queued += 1  # expect: GIL002
        self.archiver.inbox.put((session, lines))
        writer.close()
        await writer.wait_closed()
        self.finished += 1  # ok: GIL002

    async def await_archived(self, count):
        names = []
        for _ in range(count):
            names.append(self.archiver.acks.get(timeout=2))  # expect: GIL004
        return names


async def chat_client(port, name, messages, relay):
    for attempt in range(1, 4):
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            break
        except OSError:
            relay._backoff(attempt)
    motd = await reader.readline()
    replies = [motd.decode().strip()]
    for msg in messages:
        writer.write(f"{name}: {msg}\n".encode())
        await writer.drain()
        replies.append((await reader.readline()).decode().strip())
    writer.close()
    await writer.wait_closed()
    return replies


async def run(folder, transcript):
    archiver = Archiver(folder)
    archiver.start()
    relay = ChatRelay(folder, archiver, transcript)
    server = await asyncio.start_server(relay.handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]

    convo = ["hi", "anyone up?", "bye"]
    replies = await asyncio.gather(*(chat_client(port, n, convo, relay) for n in ("ann", "bo", "cy")))
    while relay.finished < 3:
        await asyncio.sleep(0.005)  # ok: GIL004
    archived = await relay.await_archived(3)
    server.close()
    await server.wait_closed()
    archiver.inbox.put(None)
    await asyncio.to_thread(archiver.join)  # ok: GIL004

    files = os.listdir(folder)  # expect: GIL004
    print(f"sessions={relay.sessions} lines={relay.lines_seen} archived={sorted(archived)}")
    print(f"files={sorted(files)} first replies={replies[0][:2]}")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "motd.txt").write_text("welcome to #general\n")
        with open(os.path.join(tmp, "transcript.log"), "a") as transcript:
            asyncio.run(run(tmp, transcript))


if __name__ == "__main__":
    main()
