"""Pannage season clerk: commoners apply to turn their pigs out into the forest.

Applications arrive as JSON lines over a local socket pair.  The clerk's event
loop checks each one, certifies it, writes the pannage register from a worker
thread, and meanwhile estimates the season's mast (acorn and beech-nut) crop
for each enclosure in a small thread pool.
"""
import asyncio
import json
import logging
import os
import socket
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from functools import partial
from typing import AsyncIterator, Dict, List

log = logging.getLogger("verderer.pannage")

SEASON = {"opens": "25 Sep", "closes": "22 Nov", "max_pigs": 12, "fee_per_pig": 2.5}

ENCLOSURES = [
    {"name": "Holmsley", "oaks": 34_000, "beeches": 18_000, "seed": 7},
    {"name": "Hursthill", "oaks": 29_000, "beeches": 24_000, "seed": 11},
]


@dataclass
class Application:
    commoner: str
    holding: str
    pigs: int

    @property
    def fee(self) -> float:
        return self.pigs * SEASON["fee_per_pig"]


def mast_yield_model(name: str, oaks: int, beeches: int, seed: int) -> Dict[str, float]:
    """Pure-Python estimate of the mast falling in one enclosure."""
    state = seed
    total = 0.0
    for tree in range(oaks + beeches):  # expect: GIL001
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        crop = (state % 1000) / 1000.0
        weight = 0.8 if tree < oaks else 0.5
        for branch in range(5):
            total += crop * weight / (branch + 1)
    return {"enclosure": name, "mast_kg": round(total / 100.0, 1)}


class RegisterWriter:
    """Appends register entries to a JSON-lines file; meant to run off the loop."""

    def __init__(self, path: str, settle: float = 0.004) -> None:
        self.path = path
        self.settle = settle

    def append(self, entry: dict) -> None:
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        time.sleep(self.settle)  # ok: GIL004


class PannageClerk:
    def __init__(self, sock: socket.socket, writer: RegisterWriter) -> None:
        self.sock = sock
        self.writer = writer
        self.applications_seen = 0
        self.granted: Dict[str, int] = {}
        self.refused: List[str] = []
        self.fees = 0.0

    async def applications(self) -> AsyncIterator[Application]:
        loop = asyncio.get_running_loop()
        buf = b""
        while True:
            chunk = await loop.sock_recv(self.sock, 4096)  # ok: GIL004
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                yield Application(**json.loads(line))

    async def certify(self, app: Application) -> str:
        # the old embossing press: the clerk stands and waits for it
        time.sleep(0.003)  # expect: GIL004
        return f"{app.commoner}/{app.holding}/{app.pigs}"

    async def process(self, app: Application) -> None:
        self.applications_seen += 1  # ok: GIL002
        if app.pigs > SEASON["max_pigs"]:
            log.info("refused %s: %d pigs", app.commoner, app.pigs)
            self.refused.append(app.commoner)
            return
        stamp = await self.certify(app)
        self.granted[app.commoner] = app.pigs
        self.fees += app.fee
        entry = dict(asdict(app), stamp=stamp, fee=app.fee)
        await asyncio.to_thread(self.writer.append, entry)


def encode_applications(count: int) -> bytes:
    lines = []
    for i in range(count):
        app = Application(f"commoner-{i:02d}", f"holding-{i % 7}", 3 + (i * 5) % 12)
        lines.append(json.dumps(asdict(app)))
    return ("\n".join(lines) + "\n").encode()


async def run_season(tmp: str) -> None:
    loop = asyncio.get_running_loop()
    clerk_end, office_end = socket.socketpair()
    clerk_end.setblocking(False)
    office_end.sendall(encode_applications(18))
    office_end.close()

    clerk = PannageClerk(clerk_end, RegisterWriter(os.path.join(tmp, "register.jsonl")))
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="mast") as pool:
        estimates = [
            loop.run_in_executor(pool, partial(mast_yield_model, **cfg)) for cfg in ENCLOSURES
        ]
        async for app in clerk.applications():
            await clerk.process(app)
        mast = await asyncio.gather(*estimates)
    clerk_end.close()

    with open(os.path.join(tmp, "register.jsonl"), encoding="utf-8") as fh:
        registered = sum(1 for _ in fh)
    print(f"applications seen = {clerk.applications_seen}, granted = {len(clerk.granted)}, "
          f"refused = {len(clerk.refused)}, registered = {registered}")
    print(f"fees due = {clerk.fees:.2f}")
    for row in mast:
        print(f"mast estimate {row['enclosure']}: {row['mast_kg']} kg")


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pannage-") as tmp:
        asyncio.run(run_season(tmp))
    print(f"season processed in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
