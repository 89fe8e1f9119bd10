"""Author-query desk of a publishing house, on asyncio.

Queries from proofreaders arrive as dicts; each is dispatched by kind to a
handler coroutine registered with @handles(...).  Handlers consult the style
archive, render marked-up PDFs off the loop, and notify the typesetting
terminal over a socket.  The terminal side reads on its own thread.
"""
import asyncio
import functools
import socket
import threading
import time
from dataclasses import dataclass

DESK_CONFIG = {
    "archive_latency": 0.01,
    "render_seconds": 0.02,
    "render_slots": 2,
    "queries": [
        {"kind": "style", "house": "Clarendon", "ms": "MS-101"},
        {"kind": "render", "house": "Clarendon", "ms": "MS-101"},
        {"kind": "style", "house": "Riverside", "ms": "MS-207"},
        {"kind": "render", "house": "Riverside", "ms": "MS-207"},
        {"kind": "render", "house": "Clarendon", "ms": "MS-315"},
        {"kind": "notify", "house": "Riverside", "ms": "MS-207"},
    ],
}

HANDLERS = {}


def handles(kind):
    def register(coro):
        HANDLERS[kind] = coro
        return coro
    return register


@dataclass
class StyleSheet:
    house: str
    rules: tuple


class Archive:
    """Where house style sheets live; subclasses say how to fetch a record."""

    def style_sheet(self, house):
        raw = self._fetch(f"styles/{house}")
        return StyleSheet(house, tuple(raw.split(";")))

    def _fetch(self, key):
        return ""


class LegacyStyleArchive(Archive):
    """Old records system: synchronous lookups with a network round trip."""

    def __init__(self, latency):
        self.latency = latency

    def _fetch(self, key):
        time.sleep(self.latency)  # expect: GIL004 -- reached from the coroutine check_style via Archive.style_sheet: blocks the event loop
        return "oxford-comma;single-quotes;-ize"


class Renderer:
    def __init__(self, seconds, slots):
        self.seconds = seconds
        self.slots = threading.Semaphore(slots)
        self.rendered = 0

    def render(self, ms, house):
        with self.slots:
            time.sleep(self.seconds)  # ok: GIL004 -- render() only runs via asyncio.to_thread, on executor threads
            self.rendered += 1  # expect: GIL002 -- Semaphore(2) lets two executor threads in at once; not a mutex
        return f"{ms}-{house}.pdf"


class QueryDesk:
    def __init__(self, config, terminal_sock):
        self.config = config
        self.archive = LegacyStyleArchive(config["archive_latency"])
        self.renderer = Renderer(config["render_seconds"], config["render_slots"])
        self.sock = terminal_sock
        self.answered = {}

    async def dispatch(self, query):
        handler = HANDLERS[query["kind"]]
        result = await handler(self, query)
        key = query["ms"]
        if key not in self.answered:  # ok: GIL003 -- only coroutines on the single loop thread touch answered, no await in between
            self.answered[key] = []
        self.answered[key].append(result)
        return result


@handles("style")
async def check_style(desk, query):
    sheet = desk.archive.style_sheet(query["house"])
    await asyncio.sleep(0)  # ok: GIL004 -- asyncio.sleep is the non-blocking yield
    return f"{query['ms']}: {len(sheet.rules)} house rules"


@handles("render")
async def render_proof(desk, query):
    job = functools.partial(desk.renderer.render, query["ms"], query["house"])
    return await asyncio.to_thread(job)


@handles("notify")
async def notify_terminal(desk, query):
    payload = f"READY {query['ms']}\n".encode()
    desk.sock.sendall(payload)  # expect: GIL004 -- blocking socket send on the event loop thread
    return "notified"


class Terminal(threading.Thread):
    """The typesetting terminal: reads notices from its end of the socket."""

    def __init__(self, sock):
        super().__init__(daemon=True)
        self.sock = sock
        self.notices = []

    def run(self):
        buf = b""
        while True:  # ok: GIL001 -- blocked in recv() almost all the time
            chunk = self.sock.recv(1024)  # ok: GIL004 -- blocking recv, but on the terminal's own thread, not in a coroutine
            if not chunk:
                break
            buf += chunk
            *lines, buf = buf.split(b"\n")
            self.notices.extend(lines)


async def work_queue(desk, queries):
    return await asyncio.gather(*(desk.dispatch(q) for q in queries))


def main(config=DESK_CONFIG):
    desk_end, terminal_end = socket.socketpair()
    terminal = Terminal(terminal_end)
    terminal.start()
    desk = QueryDesk(config, desk_end)
    start = time.perf_counter()
    results = asyncio.run(work_queue(desk, config["queries"]))
    desk_end.shutdown(socket.SHUT_WR)
    terminal.join()
    desk_end.close()
    terminal_end.close()
    print(f"answered {len(results)} queries in {time.perf_counter() - start:.2f}s")
    print(f"rendered: {desk.renderer.rendered}  manuscripts: {sorted(desk.answered)}")
    print(f"terminal notices: {terminal.notices}")


if __name__ == "__main__":
    main()
