"""Async fraud-alert gateway.

Alert frames (JSON lines) arrive from the scoring cluster over a socket.  For each
alert the gateway looks up the customer's contact data and notifies them by SMS and
e-mail.  Two feeds are served: the current one through the event loop's socket API,
and a legacy feed that still goes through the old synchronous reader.
"""
import asyncio
import functools
import json
import logging
import socket
import time
from dataclasses import dataclass
from typing import Dict, List, Optional

log = logging.getLogger("fraud.gateway")


@dataclass
class Contact:
    account: str
    phone: str
    email: str


class ContactDirectory:
    """Wrapper over the legacy, synchronous customer-database driver."""

    def __init__(self, rows: Dict[str, Contact], latency_s: float = 0.004):
        self._rows = rows
        self._latency_s = latency_s

    def lookup(self, account: str) -> Optional[Contact]:
        time.sleep(self._latency_s)  # expect: GIL004
        return self._rows.get(account)


class SmsGateway:
    """Blocking HTTP client for the SMS provider; only ever called off the loop."""

    def __init__(self, latency_s: float = 0.01):
        self.latency_s = latency_s
        self.outbox: List[tuple] = []
        self.sent = 0

    def send_blocking(self, phone: str, text: str) -> str:
        time.sleep(self.latency_s)  # ok: GIL004
        self.outbox.append((phone, text))
        self.sent += 1  # expect: GIL002
        return f"sms-{len(self.outbox)}"


def render_and_queue_email(contact: Contact, alert: dict, *, template: str, spool: list) -> int:
    """Render the template and hand it to the SMTP relay (synchronous library)."""
    body = template.format(customer=contact.account, **alert)
    time.sleep(0.003)  # ok: GIL004
    spool.append((contact.email, body))
    return len(body)


class FrameReader:
    """Reads newline-delimited JSON frames from a connected socket."""

    def __init__(self, sock: socket.socket, legacy: bool = False):
        self._sock = sock
        self._legacy = legacy
        self._buf = b""
        if not legacy:
            sock.setblocking(False)

    async def frames(self):
        loop = asyncio.get_running_loop()
        while True:
            if self._legacy:
                chunk = self._sock.recv(4096)  # expect: GIL004
            else:
                chunk = await loop.sock_recv(self._sock, 4096)  # ok: GIL004
            if not chunk:
                break
            self._buf += chunk
            *lines, self._buf = self._buf.split(b"\n")
            for line in lines:
                if line.strip():
                    yield json.loads(line)


class AlertGateway:
    EMAIL_TEMPLATE = "Dear customer {customer}: we blocked {amount} EUR ({reason}). Ref {id}."

    def __init__(self, directory: ContactDirectory, sms: SmsGateway):
        self.directory = directory
        self.sms = sms
        self.email_spool: List[tuple] = []
        self.handled = 0

    async def notify(self, alert: dict) -> None:
        contact = self.directory.lookup(alert["account"])
        if contact is None:
            log.warning("no contact for %s", alert["account"])
            return
        loop = asyncio.get_running_loop()
        text = f"Card payment of {alert['amount']} EUR blocked. Reply Y if it was you."
        sms_id, _ = await asyncio.gather(
            asyncio.to_thread(self.sms.send_blocking, contact.phone, text),
            loop.run_in_executor(None, functools.partial(
                render_and_queue_email, contact, alert,
                template=self.EMAIL_TEMPLATE, spool=self.email_spool)),
        )
        self.handled += 1  # ok: GIL002
        log.debug("alert %s -> %s", alert["id"], sms_id)

    async def serve(self, reader: FrameReader, pace_s: float = 0.0) -> int:
        pending = []
        async for alert in reader.frames():
            pending.append(asyncio.create_task(self.notify(alert)))
            await asyncio.sleep(pace_s)  # ok: GIL004
        await asyncio.gather(*pending)
        return len(pending)


def make_feed(alerts: List[dict]) -> socket.socket:
    """A socketpair pre-loaded with the frames; returns the reading end."""
    rx, tx = socket.socketpair()
    tx.sendall(b"".join(json.dumps(a).encode() + b"\n" for a in alerts))
    tx.shutdown(socket.SHUT_WR)
    tx.close()
    return rx


def sample_alerts(prefix: str, n: int) -> List[dict]:
    reasons = ("velocity", "card-testing", "geo-mismatch")
    return [{"id": f"{prefix}-{i}", "account": f"ACC{i % 9}", "amount": 120 + 15 * i,
             "reason": reasons[i % 3]} for i in range(n)]


async def main() -> None:
    rows = {f"ACC{i}": Contact(f"ACC{i}", f"+4915100000{i}", f"c{i}@example.org")
            for i in range(9)}
    gateway = AlertGateway(ContactDirectory(rows), SmsGateway())
    started = time.perf_counter()
    current = FrameReader(make_feed(sample_alerts("cur", 30)))
    legacy = FrameReader(make_feed(sample_alerts("old", 12)), legacy=True)
    counts = await asyncio.gather(gateway.serve(current), gateway.serve(legacy, pace_s=0.001))
    print(f"frames: current {counts[0]}, legacy {counts[1]}; notified {gateway.handled}")
    print(f"sms sent {gateway.sms.sent} (outbox {len(gateway.sms.outbox)}), "
          f"emails spooled {len(gateway.email_spool)}")
    print(f"wall {time.perf_counter() - started:.3f}s")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main())
