"""Ferry crossing ticket office on an asyncio event loop.

Passengers' requests arrive from the quay window over a socket, the harbour
telegraph reports the sailing, and tickets are printed on a slow printer in a
small thread pool. A quay clerk thread feeds requests and collects the receipts.
"""
import asyncio
import functools
import logging
import os
import socket
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("ticket_office")

FARES = {"Woolwich": (4, 2), "Gravesend": (9, 5), "Tilbury": (8, 4)}
REQUESTS = [
    "Mrs Pardoe,Gravesend,2,1",
    "J. Tull,Woolwich,1,0",
    "The Misses Crane,Tilbury,3,0",
    "Revd. Amory,Gravesend,1,2",
    "A. Fisher,Woolwich,2,2",
]


@dataclass(frozen=True)
class Ticket:
    passenger: str
    route: str
    adults: int
    children: int

    @property
    def fare(self) -> int:
        adult, child = FARES[self.route]
        return adult * self.adults + child * self.children

    @classmethod
    def parse(cls, line: str) -> "Ticket":
        name, route, adults, children = line.split(",")
        return cls(name, route, int(adults), int(children))


def print_ticket(path: str, text: str, pause: float = 0.005) -> int:
    """The ticket press is slow: runs in the printer pool, never on the loop."""
    time.sleep(pause)  # ok: GIL004
    with open(path, "a", encoding="utf-8") as fh:
        return fh.write(text + "\n")


def quay_clerk(sock: socket.socket, lines: list, gap: float, receipts: list) -> None:
    """Plain thread: hands requests through the window and collects receipts."""
    for line in lines:
        sock.sendall(line.encode() + b"\n")
        time.sleep(gap)
    sock.shutdown(socket.SHUT_WR)
    buf = b""
    while True:
        chunk = sock.recv(256)  # ok: GIL004
        if not chunk:
            break
        buf += chunk
    receipts.extend(buf.decode().splitlines())


class TicketOffice:
    def __init__(self, window: socket.socket, telegraph: socket.socket, book_path: str, **cfg):
        self.window = window
        self.telegraph = telegraph
        self.book_path = book_path
        self.printer_pool = ThreadPoolExecutor(max_workers=cfg.get("printers", 2),
                                               thread_name_prefix="printer")
        self.print_pause = cfg.get("print_pause", 0.005)
        self.tickets_sold = 0
        self.fares_taken = 0
        self.sailing = None

    async def read_telegraph(self) -> str:
        """Wait for the harbour master's message about the next sailing."""
        raw = self.telegraph.recv(256)  # expect: GIL004
        self.sailing = raw.decode().strip()
        return self.sailing

    async def _lines_from_window(self):
        loop = asyncio.get_running_loop()
        buf = b""
        while True:
            chunk = await loop.sock_recv(self.window, 256)  # ok: GIL004
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                yield line.decode()

    async def sell(self, ticket: Ticket) -> None:
        loop = asyncio.get_running_loop()
        job = functools.partial(print_ticket, self.book_path,
                                f"{ticket.passenger} to {ticket.route}: {ticket.fare}d",
                                pause=self.print_pause)
        await loop.run_in_executor(self.printer_pool, job)
        self.tickets_sold += 1  # ok: GIL002
        self.fares_taken += ticket.fare
        await loop.sock_sendall(self.window, f"RECEIPT {ticket.passenger} {ticket.fare}d\n".encode())

    async def open_window(self) -> None:
        sailing = await self.read_telegraph()
        log.info("next sailing: %s", sailing)
        sales = []
        async for line in self._lines_from_window():
            sales.append(asyncio.create_task(self.sell(Ticket.parse(line))))
        await asyncio.gather(*sales)
        self.window.close()
        self.printer_pool.shutdown(wait=True)


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    office_end, clerk_end = socket.socketpair()
    telegraph_in, telegraph_out = socket.socketpair()
    office_end.setblocking(False)
    telegraph_out.sendall(b"SAILING 14:05 GRAVESEND ON TIME\n")
    receipts: list = []
    clerk = threading.Thread(target=quay_clerk, args=(clerk_end, REQUESTS, 0.003, receipts),
                             name="quay-clerk")
    with tempfile.TemporaryDirectory() as tmp:
        book = os.path.join(tmp, "ticket_book.txt")
        office = TicketOffice(office_end, telegraph_in, book, printers=2, print_pause=0.005)
        clerk.start()
        t0 = time.perf_counter()
        asyncio.run(office.open_window())
        clerk.join()
        with open(book, encoding="utf-8") as fh:
            printed = len(fh.readlines())
    for s in (clerk_end, telegraph_in, telegraph_out):
        s.close()
    print(f"{office.sailing}: sold {office.tickets_sold} tickets, {office.fares_taken}d taken, "
          f"{printed} printed, {len(receipts)} receipts in {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
