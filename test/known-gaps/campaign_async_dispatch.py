"""Async dispatcher for the transactional-mail service.

Messages are delivered in batches.  The SMTP client library is synchronous, so
each delivery runs in a thread pool via ``run_in_executor``; every delivery is
journaled to an append-only JSONL outbox shared by the pool threads.
"""
import asyncio
import functools
import json
import logging
import os
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass

log = logging.getLogger("dispatch")


class InvalidMessage(ValueError):
    """The message cannot be journaled (bad address or empty subject)."""


@dataclass(frozen=True)
class OutboundMessage:
    to: str
    subject: str
    body: str
    campaign: str = "transactional"


class Outbox:
    """Append-only delivery journal; one file handle shared by all pool threads."""

    def __init__(self, path):
        self.path = path
        self._fh = open(path, "a", encoding="utf-8")
        self._lock = threading.Lock()

    @staticmethod
    def _validate(msg):
        if "@" not in msg.to or not msg.subject:
            raise InvalidMessage(msg.to)

    def append(self, msg, status):
        self._lock.acquire()  # expect: GIL005
        self._validate(msg)
        record = dict(asdict(msg), status=status, at=round(time.time(), 3))
        self._fh.write(json.dumps(record) + "\n")
        self._lock.release()

    def close(self):
        self._lock.acquire()  # ok: GIL005
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
        finally:
            self._lock.release()


def smtp_greeting(host, wait):
    """Wait for the 220 banner (from the shared sync SMTP helpers)."""
    log.debug("connecting to %s", host)
    time.sleep(wait)  # expect: GIL004
    return "220 %s ESMTP ready" % host


class Dispatcher:
    def __init__(self, outbox, executor, host="smtp.internal", greeting_wait=0.01, latency=0.02):
        self.outbox = outbox
        self.host = host
        self.greeting_wait = greeting_wait
        self.latency = latency
        self.sessions = 0
        self._executor = executor

    def _deliver_blocking(self, msg, *, latency):
        time.sleep(latency)  # ok: GIL004
        self.outbox.append(msg, "sent")
        return msg.to

    async def open_session(self):
        banner = smtp_greeting(self.host, self.greeting_wait)
        self.sessions += 1  # ok: GIL002
        return banner

    async def dispatch(self, msg):
        loop = asyncio.get_running_loop()
        call = functools.partial(self._deliver_blocking, msg, latency=self.latency)
        return await loop.run_in_executor(self._executor, call)

    async def run(self, messages, batch_size=10):
        delivered = []
        for start in range(0, len(messages), batch_size):
            await self.open_session()
            batch = messages[start:start + batch_size]
            delivered.extend(await asyncio.gather(*(self.dispatch(m) for m in batch)))
        return delivered


async def ticker(stop, period=0.005):
    """Counts how often the loop got to run; a blocked loop ticks less."""
    ticks = 0
    while not stop.is_set():
        await asyncio.sleep(period)
        ticks += 1
    return ticks


def make_messages(count):
    return [
        OutboundMessage("customer%03d@example.com" % i, "Your receipt #%05d" % (1000 + i),
                        "Thanks for your order %d." % i)
        for i in range(count)
    ]


async def amain(outbox_path, count=60):
    outbox = Outbox(outbox_path)
    stop = asyncio.Event()
    with ThreadPoolExecutor(max_workers=8, thread_name_prefix="smtp") as executor:
        dispatcher = Dispatcher(outbox, executor)
        tick_task = asyncio.create_task(ticker(stop))
        started = time.perf_counter()
        delivered = await dispatcher.run(make_messages(count))
        elapsed = time.perf_counter() - started
        stop.set()
        ticks = await tick_task
    outbox.close()
    return delivered, dispatcher.sessions, elapsed, ticks


def main():
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "outbox.jsonl")
        delivered, sessions, elapsed, ticks = asyncio.run(amain(path))
        with open(path, encoding="utf-8") as fh:
            journaled = sum(1 for _ in fh)
    print("delivered = %d, journaled = %d (expected 60)" % (len(delivered), journaled))
    print("sessions = %d, loop ticks = %d" % (sessions, ticks))
    print("elapsed %.2fs" % elapsed)


if __name__ == "__main__":
    main()
