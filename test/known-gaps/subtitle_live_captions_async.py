"""Live caption aligner for a broadcast channel.

Audio chunks arrive every 40 ms. Each chunk is sent to the speech-recognition engine (a
blocking TCP client, here one end of a ``socket.socketpair``), the transcript is aligned to
the chunk's presentation timestamp and queued for the caption inserter. A control channel to
the engine is pinged between chunks to detect a stalled recogniser.
"""
import asyncio
import functools
import logging
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("live-captions")


def engine_serve(sock: socket.socket, handler) -> None:
    """Far end of one engine connection: one request line in, one reply line out."""
    with sock, sock.makefile("rwb") as stream:
        for line in stream:  # ok: GIL001
            stream.write(handler(line.rstrip(b"\n")) + b"\n")
            stream.flush()


def recognise(request: bytes) -> bytes:
    time.sleep(0.006)  # acoustic model inference on the engine host
    pts, _, samples = request.partition(b" ")
    return pts + b" " + f"words[{len(samples) % 7}]".encode()


@dataclass
class Caption:
    cue_id: int
    pts_ms: int
    text: str


class AsrClient:
    """Blocking client; meant to be driven from a dedicated worker thread."""

    def __init__(self, data_sock: socket.socket, ctrl_sock: socket.socket) -> None:
        self.data = data_sock
        self.ctrl = ctrl_sock

    def transcribe_blocking(self, pts_ms: int, samples: bytes) -> str:
        self.data.sendall(f"{pts_ms} ".encode() + samples.hex().encode() + b"\n")
        reply = b""
        while not reply.endswith(b"\n"):
            reply += self.data.recv(1024)  # ok: GIL004
        return reply.decode().split(" ", 1)[1].strip()

    def ping(self) -> bool:
        self.ctrl.sendall(b"PING\n")
        return self.ctrl.recv(64).startswith(b"PONG")  # expect: GIL004


class CaptionAligner:
    def __init__(self, asr: AsrClient, latency_budget_ms: int = 120) -> None:
        self.asr = asr
        self.latency_budget_ms = latency_budget_ms
        self.pending: dict[int, Caption] = {}
        self.emitted: list[Caption] = []
        self.late = 0
        self._asr_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="asr")

    async def health_check(self) -> None:
        if not self.asr.ping():
            log.error("recogniser stalled")

    async def caption_chunk(self, cue_id: int, pts_ms: int, samples: bytes) -> None:
        loop = asyncio.get_running_loop()
        started = time.perf_counter()  # ok: GIL004
        call = functools.partial(self.asr.transcribe_blocking, pts_ms, samples)
        text = await loop.run_in_executor(self._asr_thread, call)
        if (time.perf_counter() - started) * 1000 > self.latency_budget_ms:
            self.late += 1  # ok: GIL002
        if cue_id not in self.pending:  # ok: GIL003
            self.pending[cue_id] = Caption(cue_id, pts_ms, text)

    async def inserter(self, stop: asyncio.Event) -> None:
        while not stop.is_set() or self.pending:
            for cue_id in sorted(self.pending):
                self.emitted.append(self.pending.pop(cue_id))
            await asyncio.sleep(0.01)  # ok: GIL004

    async def run(self, chunks: int) -> None:
        stop = asyncio.Event()
        inserter = asyncio.create_task(self.inserter(stop))
        tasks = []
        for n in range(chunks):
            pts = n * 40
            tasks.append(asyncio.create_task(self.caption_chunk(n, pts, bytes([n % 256]) * 64)))
            if n % 5 == 4:
                await self.health_check()
            await asyncio.sleep(0.004)
        await asyncio.gather(*tasks)
        stop.set()
        await inserter
        self._asr_thread.shutdown(wait=True)


def start_engine() -> tuple[AsrClient, list[threading.Thread]]:
    data_ours, data_theirs = socket.socketpair()
    ctrl_ours, ctrl_theirs = socket.socketpair()
    servers = [
        threading.Thread(target=engine_serve, args=(data_theirs, recognise), daemon=True),
        threading.Thread(target=engine_serve, args=(ctrl_theirs, lambda _req: b"PONG"), daemon=True),
    ]
    for t in servers:
        t.start()
    return AsrClient(data_ours, ctrl_ours), servers


def main() -> None:
    asr, servers = start_engine()
    aligner = CaptionAligner(asr)
    start = time.perf_counter()
    asyncio.run(aligner.run(chunks=30))
    elapsed = time.perf_counter() - start
    asr.data.close()
    asr.ctrl.close()
    for t in servers:
        t.join(timeout=1.0)
    order_ok = [c.cue_id for c in aligner.emitted] == sorted(c.cue_id for c in aligner.emitted)
    print(f"{len(aligner.emitted)} captions in {elapsed:.2f}s, {aligner.late} over budget, "
          f"in order: {order_ok}; first: {aligner.emitted[0].text!r} at {aligner.emitted[0].pts_ms} ms")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    main()
