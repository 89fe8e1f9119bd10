"""Credit issuance desk of a carbon-credit registry, with a mid-run audit snapshot.

Three issuers mint credits for their projects, each in its own thread (started with a
lambda). Minting derives a serial-block signature in pure Python. A threading.Timer
takes an audit snapshot of the ledger while the issuers are still running.
"""
import threading
import time


def serial_signature(project, tonnes):
    h = len(project)
    for i in range(tonnes):
        h = (h * 131 + i) % 1_000_000_007
    return h


class IssuanceDesk:
    def __init__(self):
        self.ledger = {}
        self.issued = 0
        self.lock = threading.Lock()
        self.snapshots = []

    def issue(self, project, tonnes):
        signature = serial_signature(project, tonnes)
        self.lock.acquire()  # expect: GIL005
        if signature == 0:
            return False  # collides with the void serial block: refuse
        if project not in self.ledger:  # ok: GIL003
            self.ledger[project] = []
        self.ledger[project].append((tonnes, signature))
        self.lock.release()
        self.issued += tonnes  # expect: GIL002
        return True

    def retire(self, project, tonnes):
        self.lock.acquire()  # ok: GIL005
        try:
            blocks = self.ledger[project]  # KeyError for an unknown project
            blocks.append((-tonnes, 0))
        finally:
            self.lock.release()

    def run(self, batch):
        for project, tonnes in batch:  # expect: GIL001
            self.issue(project, tonnes)

    def audit(self):
        with self.lock:
            snapshot = {p: sum(t for t, _ in blocks) for p, blocks in self.ledger.items()}
        self.snapshots.append((time.perf_counter(), snapshot))


if __name__ == "__main__":
    desk = IssuanceDesk()
    batches = {
        "issuer-peru": [("PE-REDD-101", 25000 + i) for i in range(30)],
        "issuer-kenya": [("KE-COOK-220", 21000 + i) for i in range(36)],
        "issuer-india": [("IN-WIND-312", 38000 + i) for i in range(20)],
    }
    issuers = [threading.Thread(target=lambda b=batch: desk.run(b), name=name) for name, batch in batches.items()]
    auditor = threading.Timer(0.03, desk.audit)
    auditor.start()
    for t in issuers:
        t.start()
    for t in issuers:
        t.join()
    auditor.join()
    desk.retire("KE-COOK-220", 1500)
    expected = sum(t for batch in batches.values() for _, t in batch)
    print(f"issued {desk.issued} t (expected {expected}) in {len(desk.ledger)} projects")
    taken, snap = desk.snapshots[0]
    print(f"audit snapshot: {snap}")
