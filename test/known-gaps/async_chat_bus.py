"""Chat server core: an async event bus routes chat events to coroutine handler
objects; some handlers lean on synchronous collaborators."""
import asyncio
import queue
import socket

USERS = ["ana", "bo", "chen"]
STATUS = b"online\n"
STATUS_LEN = len(STATUS)


def start_presence_daemon():
    """The presence daemon pushes one fixed-size status line per user up front."""
    server_side, client_side = socket.socketpair()
    for _ in USERS:
        server_side.sendall(STATUS)
    return server_side, client_side


class PresenceLink:
    """Talks to the presence daemon over a (blocking) local socket."""

    def __init__(self, sock):
        self.sock = sock

    def latest_status(self):
        return self.sock.recv(STATUS_LEN)  # expect: GIL004


class AsyncBus:
    def __init__(self):
        self.routes = {}

    def on(self, topic, handler):
        self.routes.setdefault(topic, []).append(handler)

    async def emit(self, topic, event):
        for handler in self.routes.get(topic, []):
            await handler.handle(event)


class PresenceHandler:
    def __init__(self, link):
        self.link = link

    async def handle(self, event):
        event["presence"] = self.link.latest_status()


class PushHandler:
    def __init__(self, push_jobs, digest_jobs):
        self.push_jobs = push_jobs          # thread-safe queue.Queue filled at startup
        self.digest_jobs = digest_jobs      # asyncio.Queue

    async def handle(self, event):
        template = self.push_jobs.get(timeout=1.0)  # expect: GIL004
        try:
            extra = self.push_jobs.get_nowait()  # ok: GIL004
        except queue.Empty:
            extra = None
        digest = await self.digest_jobs.get()  # ok: GIL004
        event["push"] = (template, extra, digest)


async def main(client_side, push_jobs):
    digest_jobs = asyncio.Queue()
    for u in USERS:
        await digest_jobs.put(f"digest:{u}")

    bus = AsyncBus()
    bus.on("message", PresenceHandler(PresenceLink(client_side)))
    bus.on("message", PushHandler(push_jobs, digest_jobs))

    events = [{"user": u, "text": f"hi from {u}"} for u in USERS]
    for ev in events:
        await bus.emit("message", ev)
    for ev in events:
        print(ev["user"], ev["presence"].strip(), ev["push"])


if __name__ == "__main__":
    server, client = start_presence_daemon()
    jobs = queue.Queue()
    for name in USERS:                       # two push templates per user
        jobs.put(f"new-message:{name}")
        jobs.put(f"badge:{name}")
    asyncio.run(main(client, jobs))
    server.close()
    client.close()
