"""Async analysis front end that relays requests to a UCI-style engine.

The web tier calls `AnalysisService.analyse()` for each position a user opens.
The service talks UCI to the engine over a stream socket, checks the engine
is alive over a control channel, rate-limits tablebase look-ups and archives
every finished analysis as PGN.  A toy engine on the far end of socket pairs
stands in for the engine binary, so the module runs on its own.
"""
import asyncio
import functools
import logging
import os
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("analysis")

FENS = [
    "rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq - 0 1",
    "r1bqkbnr/pppp1ppp/2n5/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R w KQkq - 2 3",
    "8/8/3k4/8/2R5/5K2/6r1/8 w - - 0 60",
    "3qk3/8/8/8/8/8/8/3QK3 w - - 0 40",
]


class ToyEngine:
    """Answers a small subset of UCI on its end of each socket, one thread per socket."""

    def __init__(self, *socks):
        self.threads = [threading.Thread(target=self._serve, args=(s,), name=f"engine-{i}", daemon=True)
                        for i, s in enumerate(socks)]

    def start(self):
        for t in self.threads:
            t.start()

    def _serve(self, sock):
        buf = b""
        while True:  # ok: GIL001
            chunk = sock.recv(1024)  # ok: GIL004
            if not chunk:
                return
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                for reply in self._handle(line.decode().strip()):
                    sock.sendall(reply.encode() + b"\n")

    def _handle(self, cmd):
        if cmd == "uci":
            return ["id name toy 0.1", "uciok"]
        if cmd == "isready":
            return ["readyok"]
        if cmd.startswith("go movetime"):
            time.sleep(int(cmd.split()[-1]) / 1000)  # thinking time
            return ["info depth 12 score cp 17", "bestmove e2e4"]
        return []


class RateLimiter:
    """Spaces calls to the cloud tablebase at least `interval` seconds apart."""

    def __init__(self, interval):
        self.interval = interval
        self._next = 0.0

    def wait(self):
        now = time.monotonic()
        delay = self._next - now
        if delay > 0:
            time.sleep(delay)  # expect: GIL004
        self._next = max(now, self._next) + self.interval


@dataclass
class Analysis:
    fen: str
    bestmove: str = ""
    info: list = field(default_factory=list)
    tablebase: str = ""


class AnalysisService:
    def __init__(self, cmd_sock, ctrl_sock, probe_sock, archive_dir, **settings):
        self._cmd_sock = cmd_sock
        self._ctrl = ctrl_sock
        self._probe = probe_sock
        self._probe.setblocking(False)
        self.archive_dir = archive_dir
        self.movetime = settings.get("movetime_ms", 20)
        self.settle_delay = settings.get("archive_settle_s", 0.01)
        self.limiter = RateLimiter(settings.get("tablebase_interval_s", 0.01))
        self._cmd_lock = asyncio.Lock()
        self.reader = self.writer = None

    async def connect(self):
        self.reader, self.writer = await asyncio.open_connection(sock=self._cmd_sock)
        await self._command("uci", until="uciok")

    async def _command(self, text, until):
        async with self._cmd_lock:
            self.writer.write(text.encode() + b"\n")
            await self.writer.drain()
            lines = []
            while True:
                line = (await self.reader.readline()).decode().strip()
                lines.append(line)
                if line.startswith(until):
                    return lines

    async def ensure_ready(self):
        """Legacy liveness check on the blocking control channel."""
        self._ctrl.sendall(b"isready\n")
        reply = self._ctrl.recv(64)  # expect: GIL004
        return reply.strip() == b"readyok"

    async def heartbeat(self):
        loop = asyncio.get_running_loop()
        await loop.sock_sendall(self._probe, b"isready\n")
        reply = await loop.sock_recv(self._probe, 64)  # ok: GIL004
        return reply.strip() == b"readyok"

    async def probe_tablebase(self, fen):
        pieces = sum(ch.isalpha() for ch in fen.split()[0])
        if pieces > 5:
            return ""
        self.limiter.wait()
        await asyncio.sleep(0.002)  # ok: GIL004
        return "draw" if pieces <= 4 else "win"

    def _archive_game(self, analysis):
        path = os.path.join(self.archive_dir, f"{abs(hash(analysis.fen)) % 10**8}.pgn")
        with open(path, "w") as fh:
            fh.write(f'[FEN "{analysis.fen}"]\n\n{analysis.bestmove} *\n')
        # the archive indexer batches writes; wait one window so readers see the file
        time.sleep(self.settle_delay)  # ok: GIL004
        return path

    async def analyse(self, fen):
        result = Analysis(fen)
        lines = await self._command(f"position fen {fen}\ngo movetime {self.movetime}", until="bestmove")
        result.info = [ln for ln in lines if ln.startswith("info")]
        result.bestmove = lines[-1].split()[1]
        result.tablebase = await self.probe_tablebase(fen)
        await asyncio.to_thread(self._archive_game, result)
        return result

    async def export_summary(self, results):
        def write_summary(path, rows):
            with open(path, "w") as fh:
                fh.writelines(f"{r.fen}\t{r.bestmove}\t{r.tablebase}\n" for r in rows)
            time.sleep(self.settle_delay)  # ok: GIL004
            return path

        loop = asyncio.get_running_loop()
        target = os.path.join(self.archive_dir, "summary.tsv")
        return await loop.run_in_executor(None, functools.partial(write_summary, target, results))


async def main(archive_dir):
    pairs = [socket.socketpair() for _ in range(3)]
    engine = ToyEngine(*(theirs for _, theirs in pairs))
    engine.start()
    service = AnalysisService(*(ours for ours, _ in pairs), archive_dir,
                              movetime_ms=15, tablebase_interval_s=0.02)
    await service.connect()
    ready = await service.ensure_ready()
    alive = await service.heartbeat()
    log.info("engine ready=%s alive=%s", ready, alive)
    t0 = time.perf_counter()
    results = await asyncio.gather(*(service.analyse(fen) for fen in FENS))
    summary = await service.export_summary(results)
    log.info("analysed %d positions in %.2fs -> %s", len(results), time.perf_counter() - t0,
             os.path.basename(summary))
    for r in results:
        print(f"{r.fen.split()[0][:24]:24s} bestmove {r.bestmove} tb={r.tablebase or '-'}")
    service.writer.close()
    for ours, theirs in pairs:
        ours.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(main(tmp))
