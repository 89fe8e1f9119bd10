"""Month-end invoice run for a small bookkeeping practice, on asyncio.

Each invoice is rendered, "sent", archived to disk and then matched against the
payment gateway's confirmations, which arrive over a local socket pair.  The
archiving is pushed to worker threads with asyncio.to_thread, so the archive
index is touched by several threads at once.
"""
import asyncio
import os
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Invoice:
    number: str
    customer: str
    lines: list = field(default_factory=list)

    @property
    def total_cents(self):
        return sum(cents for _, cents in self.lines)


class Dispatcher:
    def __init__(self, archive_dir, gateway_sock, bank_sock):
        self.archive_dir = archive_dir
        self.gateway = gateway_sock
        self.bank = bank_sock
        self.sent = 0
        self.rendered = {}
        self.archive_index = {}
        self.archived_bytes = 0
        self._archive_lock = threading.Lock()

    # -- helpers -------------------------------------------------------
    def _render(self, inv):
        body = "\n".join(f"{desc:<24}{cents / 100:>10.2f}" for desc, cents in inv.lines)
        time.sleep(0.004)  # expect: GIL004 -- sync helper called straight from the coroutine send(); stalls the loop
        return f"INVOICE {inv.number} {inv.customer}\n{body}\nTOTAL {inv.total_cents / 100:.2f}\n"

    def _archive(self, inv, text):
        path = os.path.join(self.archive_dir, f"{inv.number}.txt")
        with open(path, "w") as fh:  # ok: GIL004 -- runs in a worker thread via asyncio.to_thread
            fh.write(text)
        time.sleep(0.003)  # ok: GIL004 -- worker thread (asyncio.to_thread), not the event loop
        self.archived_bytes += len(text)  # expect: GIL002 -- to_thread workers run concurrently, no lock held
        self._archive_lock.acquire()  # ok: GIL005 -- released in the finally below on every path
        try:
            self.archive_index[inv.number] = path
        finally:
            self._archive_lock.release()
        return len(text)

    # -- coroutines ----------------------------------------------------
    async def send(self, inv):
        if inv.number in self.rendered:  # ok: GIL003 -- only coroutines on the single event-loop thread touch rendered
            return 0
        text = self._render(inv)
        self.rendered[inv.number] = len(text)
        await asyncio.sleep(0.002)  # ok: GIL004 -- asyncio.sleep yields to the loop
        size = await asyncio.to_thread(self._archive, inv, text)
        self.sent += 1  # ok: GIL002 -- coroutine state, one event-loop thread
        return size

    async def read_confirmations(self, expected):
        loop = asyncio.get_running_loop()
        buf = b""
        while buf.count(b"\n") < expected:
            chunk = await loop.sock_recv(self.gateway, 4096)  # ok: GIL004 -- non-blocking loop.sock_recv
            if not chunk:
                break
            buf += chunk
        return [line.decode() for line in buf.splitlines()]

    async def read_bank_ack(self):
        data = self.bank.recv(64)  # expect: GIL004 -- blocking socket recv on the event-loop thread
        return data.decode().strip()


def build_invoices(n):
    invoices = []
    for i in range(n):
        inv = Invoice(f"INV-{2024_0300 + i}", f"client-{i % 4}")
        inv.lines.append(("bookkeeping, monthly", 45_000))
        inv.lines.append(("payroll runs", 1_500 * (i + 1)))
        if i % 3 == 0:
            inv.lines.append(("VAT return", 12_000))
        invoices.append(inv)
    return invoices


def gateway_feed(sock, invoices):
    """Fake payment gateway: a plain thread writing confirmations."""
    for inv in invoices:  # ok: GIL001 -- eight confirmations, the thread mostly sleeps
        time.sleep(0.002)  # ok: GIL004 -- ordinary thread, not a coroutine
        sock.sendall(f"PAID {inv.number} {inv.total_cents}\n".encode())


async def run(archive_dir):
    invoices = build_invoices(8)
    gw_loop_end, gw_thread_end = socket.socketpair()
    bank_loop_end, bank_far_end = socket.socketpair()
    gw_loop_end.setblocking(False)
    bank_far_end.sendall(b"BANK-OK batch 0324\n")

    dispatcher = Dispatcher(archive_dir, gw_loop_end, bank_loop_end)
    feeder = threading.Thread(target=gateway_feed, args=(gw_thread_end, invoices), daemon=True)
    feeder.start()

    sizes = await asyncio.gather(*(dispatcher.send(inv) for inv in invoices))
    confirmations = await dispatcher.read_confirmations(len(invoices))
    ack = await dispatcher.read_bank_ack()
    feeder.join()

    paid = {line.split()[1] for line in confirmations}
    unpaid = [inv.number for inv in invoices if inv.number not in paid]
    print(f"sent {dispatcher.sent} invoices, {sum(sizes)} bytes rendered")
    print(f"archived {len(dispatcher.archive_index)} files, {dispatcher.archived_bytes} bytes")
    print(f"confirmations: {len(confirmations)}, unpaid: {unpaid}")
    print(f"bank: {ack}")
    for s in (gw_loop_end, gw_thread_end, bank_loop_end, bank_far_end):
        s.close()


def main():
    with tempfile.TemporaryDirectory(prefix="invoices-") as archive_dir:
        asyncio.run(run(archive_dir))


if __name__ == "__main__":
    main()
