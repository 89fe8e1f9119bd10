"""Party-ticket ingestion for the matchmaker.

Clients submit matchmaking tickets; a ticket names the party it belongs to. Ingest
workers take tickets off a queue, assemble parties, and register complete parties
with the per-region pools that the pairing service reads.
"""
import logging
import queue
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("mm.tickets")

REGIONS = ("eu-west", "us-east", "ap-south")
_STOP = object()


class InvalidTicket(ValueError):
    pass


@dataclass
class Ticket:
    ticket_id: int
    player: str
    party_id: str
    party_size: int
    region: str
    mode: str = "ranked"


@dataclass
class Party:
    party_id: str
    size: int
    members: list = field(default_factory=list)

    @property
    def complete(self):
        return len(self.members) == self.size


class RegionPools:
    def __init__(self, regions):
        self._locks = {r: threading.Lock() for r in regions}
        self.pools = {r: [] for r in regions}
        self.enqueued = {r: 0 for r in regions}

    @staticmethod
    def validate(ticket):
        if ticket.mode not in ("ranked", "casual"):
            raise InvalidTicket(f"unknown mode {ticket.mode!r}")
        if not 1 <= ticket.party_size <= 5:
            raise InvalidTicket(f"bad party size {ticket.party_size}")

    def add_party(self, party, sample):
        lock = self._locks[sample.region]
        lock.acquire()  # expect: GIL005
        self.validate(sample)
        self.pools[sample.region].append(party)
        self.enqueued[sample.region] += 1  # ok: GIL002
        lock.release()

    def drain(self, region):
        lock = self._locks[region]
        lock.acquire()  # ok: GIL005
        try:
            parties, self.pools[region] = self.pools[region], []
        finally:
            lock.release()
        return parties


class PartyAssembler:
    """Shared between all ingest workers."""

    def __init__(self, pools):
        self.pools = pools
        self.forming = {}
        self.completed = 0

    def accept(self, ticket):
        party = self.forming.get(ticket.party_id)
        if party is None:  # expect: GIL003
            party = Party(ticket.party_id, ticket.party_size)
            self.forming[ticket.party_id] = party
        party.members.append(ticket.player)
        if party.complete:  # expect: GIL003
            self.forming.pop(ticket.party_id, None)
            self.pools.add_party(party, ticket)
            self.completed += 1  # expect: GIL002


class IngestWorker(threading.Thread):
    def __init__(self, inbox, assembler, index):
        super().__init__(name=f"ingest-{index}", daemon=True)
        self.inbox = inbox
        self.assembler = assembler
        self.processed = 0

    def run(self):
        while True:  # ok: GIL001
            ticket = self.inbox.get()
            try:
                if ticket is _STOP:
                    return
                time.sleep(0.0005)  # ticket signature check against the auth service
                self.assembler.accept(ticket)
                self.processed += 1  # ok: GIL002
            finally:
                self.inbox.task_done()


def ticket_stream(n_parties):
    """Yield tickets party by party, as the client gateway batches them."""
    tid = 0
    for p in range(n_parties):
        size = 1 + p % 4
        for member in range(size):
            tid += 1
            yield Ticket(tid, f"p{p}-m{member}", f"party-{p}", size, REGIONS[p % len(REGIONS)],
                         mode="casual" if p % 5 == 0 else "ranked")


def run_ingest(n_parties=120, n_workers=4):
    pools = RegionPools(REGIONS)
    assembler = PartyAssembler(pools)
    inbox = queue.Queue(maxsize=64)
    workers = [IngestWorker(inbox, assembler, i) for i in range(n_workers)]
    for w in workers:
        w.start()
    for ticket in ticket_stream(n_parties):
        inbox.put(ticket)
    for _ in workers:
        inbox.put(_STOP)
    inbox.join()
    for w in workers:
        w.join()
    return pools, assembler, workers


def main():
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    pools, assembler, workers = run_ingest()
    by_region = {r: pools.drain(r) for r in REGIONS}
    for region, parties in by_region.items():
        players = sum(len(p.members) for p in parties)
        print(f"{region:9s} parties={len(parties):3d} players={players:3d} enqueued={pools.enqueued[region]}")
    print(f"completed parties: {assembler.completed}; still forming: {len(assembler.forming)}")
    print(f"per-worker tickets: {[w.processed for w in workers]}; "
          f"elapsed {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
