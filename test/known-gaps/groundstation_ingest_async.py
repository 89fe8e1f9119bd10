"""Asyncio telemetry ingest between the modem and the mission archive.

The modem (simulated here by a thread on the far end of a ``socket.socketpair``) pushes
length-prefixed telemetry packets. The ingest service reads them on the event loop, keeps a
rolling health summary and archives each packet to disk. Two readers exist: the original one
that talks to the socket directly and the one that goes through the loop's socket API.
"""
import asyncio
import logging
import os
import socket
import struct
import tempfile
import threading
import time
import zlib

log = logging.getLogger("tm-ingest")

HEADER = struct.Struct(">HI")  # apid, payload length
MODEM_WARMUP_S = 0.03


def modem(sock: socket.socket, packets: int, apid: int) -> None:
    """Far end of the link: sends packets at the downlink rate, then hangs up."""
    for seq in range(packets):
        payload = f"APID={apid} SEQ={seq} T={time.time():.3f} ".encode() * 40
        sock.sendall(HEADER.pack(apid, len(payload)) + payload)
        time.sleep(0.002)
    sock.close()


def archive_packet(archive_dir: str, apid: int, seq: int, payload: bytes) -> str:
    """Runs in the default executor: compress and write one packet to the archive."""
    path = os.path.join(archive_dir, f"apid{apid}_{seq:05d}.tm.z")
    with open(path, "wb") as fh:
        fh.write(zlib.compress(payload, 6))
        fh.flush()
    time.sleep(0.001)  # ok: GIL004
    return path


class IngestService:
    def __init__(self, archive_dir: str) -> None:
        self.archive_dir = archive_dir
        self.packets = 0
        self.bytes_in = 0

    def _wait_for_modem(self) -> None:
        """The modem needs a moment after carrier lock before it sends."""
        time.sleep(MODEM_WARMUP_S)  # expect: GIL004

    async def read_packets_legacy(self, sock: socket.socket):
        """Original reader: plain blocking socket reads inside the coroutine."""
        self._wait_for_modem()
        buf = b""
        while True:
            chunk = sock.recv(4096)  # expect: GIL004
            if not chunk:
                break
            buf += chunk
            while len(buf) >= HEADER.size:
                apid, length = HEADER.unpack_from(buf)
                if len(buf) < HEADER.size + length:
                    break
                yield apid, buf[HEADER.size:HEADER.size + length]
                buf = buf[HEADER.size + length:]

    async def read_packets(self, sock: socket.socket):
        """Current reader: the loop's non-blocking socket API."""
        loop = asyncio.get_running_loop()
        sock.setblocking(False)
        await asyncio.sleep(MODEM_WARMUP_S)  # ok: GIL004
        buf = b""
        while True:
            chunk = await loop.sock_recv(sock, 4096)  # ok: GIL004
            if not chunk:
                break
            buf += chunk
            while len(buf) >= HEADER.size:
                apid, length = HEADER.unpack_from(buf)
                if len(buf) < HEADER.size + length:
                    break
                yield apid, buf[HEADER.size:HEADER.size + length]
                buf = buf[HEADER.size + length:]

    async def ingest(self, reader) -> list[str]:
        loop = asyncio.get_running_loop()
        archived = []
        async for apid, payload in reader:
            self.packets += 1  # ok: GIL002
            self.bytes_in += len(payload)
            path = await loop.run_in_executor(None, archive_packet, self.archive_dir, apid,
                                              self.packets, payload)
            archived.append(path)
        return archived


async def watchdog(stop: asyncio.Event, period: float = 0.005) -> float:
    worst = 0.0
    while not stop.is_set():
        t0 = time.perf_counter()
        await asyncio.sleep(period)
        worst = max(worst, time.perf_counter() - t0 - period)
    return worst


async def run_pass(service: IngestService, legacy: bool, packets: int = 40) -> None:
    ours, theirs = socket.socketpair()
    sender = threading.Thread(target=modem, args=(theirs, packets, 0x1F4), daemon=True)
    sender.start()
    stop = asyncio.Event()
    dog = asyncio.create_task(watchdog(stop))
    reader = service.read_packets_legacy(ours) if legacy else service.read_packets(ours)
    archived = await service.ingest(reader)
    stop.set()
    worst = await dog
    await asyncio.to_thread(sender.join)
    ours.close()
    mode = "legacy" if legacy else "async "
    print(f"{mode} reader: archived {len(archived)} packets; worst event-loop stall "
          f"{worst * 1000:.1f} ms")


async def main() -> None:
    with tempfile.TemporaryDirectory(prefix="tm-archive-") as tmp:
        service = IngestService(tmp)
        await run_pass(service, legacy=True)
        await run_pass(service, legacy=False)
        size = sum(os.path.getsize(os.path.join(tmp, f)) for f in os.listdir(tmp))
        print(f"total {service.packets} packets, {service.bytes_in} bytes in, "
              f"{size} bytes archived")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main())
