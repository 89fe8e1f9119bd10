"""Asyncio alarm gateway for a wind farm substation.

Turbine controllers push alarm frames; the gateway journals each alarm, asks the
protection relay to acknowledge trips over a side channel, and ships batches to the
plant historian. The historian client is synchronous and runs in worker threads.
"""
import asyncio
import json
import logging
import socket
import threading
import time
from dataclasses import asdict, dataclass

log = logging.getLogger("scada.alarms")

TRIP_CODES = {"GRID_LOSS", "OVERSPEED", "PITCH_FAULT"}


@dataclass
class Alarm:
    turbine_id: int
    code: str
    severity: int
    raised_at: float

    @property
    def is_trip(self):
        return self.code in TRIP_CODES


class AlarmJournal:
    """Append-only journal with a write-behind delay (emulates an fsync'd file)."""

    def __init__(self, fsync_delay=0.002):
        self.entries = []
        self._fsync_delay = fsync_delay

    def append(self, alarm):
        self.entries.append(json.dumps(asdict(alarm)))
        time.sleep(self._fsync_delay)  # expect: GIL004


class HistorianClient:
    """Blocking client for the plant historian; one instance shared by worker threads."""

    def __init__(self, latency=0.01):
        self._lock = threading.Lock()
        self._latency = latency
        self.rows = []

    def _flush(self, rows):
        if any(r["severity"] > 5 for r in rows):
            raise ValueError("severity out of range")
        time.sleep(self._latency)  # ok: GIL004
        self.rows.extend(rows)

    def write_batch(self, batch):
        self._lock.acquire()  # expect: GIL005
        self._flush([asdict(a) for a in batch])
        self._lock.release()
        return len(batch)


class RelayLink:
    """Side channel to the protection relay. The relay answers each trip with an ACK."""

    def __init__(self):
        self.gateway_side, self.relay_side = socket.socketpair()
        self._thread = threading.Thread(target=self._relay_loop, name="relay", daemon=True)

    def _relay_loop(self):
        while True:
            msg = self.relay_side.recv(64)
            if not msg:
                break
            time.sleep(0.001)  # ok: GIL004
            self.relay_side.sendall(b"ACK " + msg[:8])

    def start(self):
        self._thread.start()
        return self

    def close(self):
        self.gateway_side.close()
        self._thread.join()
        self.relay_side.close()


class AlarmGateway:
    def __init__(self, journal, historian, relay, batch_size=4):
        self.journal = journal
        self.historian = historian
        self.relay = relay
        self.batch_size = batch_size
        self._pending = []
        self.acks = []
        self.shipped = 0

    async def request_trip_ack(self, alarm):
        sock = self.relay.gateway_side
        sock.sendall(f"T{alarm.turbine_id:03d}{alarm.code[:4]}".encode())
        reply = sock.recv(64)  # expect: GIL004
        self.acks.append(reply.decode())

    async def handle(self, alarm):
        self.journal.append(alarm)
        if alarm.is_trip:
            await self.request_trip_ack(alarm)
        self._pending.append(alarm)
        if len(self._pending) >= self.batch_size:
            batch, self._pending = self._pending, []
            self.shipped += await asyncio.to_thread(self.historian.write_batch, batch)

    async def drain(self):
        if self._pending:
            batch, self._pending = self._pending, []
            loop = asyncio.get_running_loop()
            self.shipped += await loop.run_in_executor(None, self.historian.write_batch, batch)


class StreamSource:
    """Reads newline-delimited alarm frames from a controller concentrator."""

    def __init__(self, frames):
        self.frames = frames
        self.rsock, self.wsock = socket.socketpair()

    async def produce(self):
        loop = asyncio.get_running_loop()
        self.wsock.setblocking(False)
        for frame in self.frames:
            await loop.sock_sendall(self.wsock, (json.dumps(frame) + "\n").encode())
            await asyncio.sleep(0.001)
        self.wsock.close()

    async def alarms(self):
        reader, _writer = await asyncio.open_connection(sock=self.rsock)
        while line := await reader.readline():
            yield Alarm(**json.loads(line))
        _writer.close()


def synth_frames(n):
    codes = ["YAW_DRIFT", "GRID_LOSS", "GEARBOX_TEMP", "OVERSPEED", "ICE_DETECTED", "PITCH_FAULT"]
    return [{"turbine_id": 1 + i % 7, "code": codes[i % len(codes)], "severity": 1 + i % 5,
             "raised_at": 1_700_000_000 + i * 1.5} for i in range(n)]


async def run_gateway(n_frames=30):
    relay = RelayLink().start()
    gateway = AlarmGateway(AlarmJournal(), HistorianClient(), relay)
    source = StreamSource(synth_frames(n_frames))
    producer = asyncio.create_task(source.produce())
    async for alarm in source.alarms():
        await gateway.handle(alarm)
    await producer
    await gateway.drain()
    relay.close()
    return gateway


def main():
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    gateway = asyncio.run(run_gateway())
    print(f"journalled {len(gateway.journal.entries)} alarms, shipped {gateway.shipped} rows "
          f"to the historian, {len(gateway.acks)} trip ACKs")
    print(f"first ACK: {gateway.acks[0]!r}; elapsed {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
