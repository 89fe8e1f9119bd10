"""Warehouse receiving dock: a scanner thread groups barcode scans into
pallet batches and hands full batches to an auditor thread, which applies
damage write-offs and posts the result to the stock ledger."""
import collections
import queue
import random
import threading
import time

PALLET_SIZE = 6
SKUS = ("BOLT-M6", "NUT-M6", "WASHER-8", "HINGE-40", "BRACKET-L")
SCANS = 120

ledger = {}
ledger_lock = threading.Lock()


class PalletBatch:
    def __init__(self, sku):
        self.sku = sku
        self.units = 0


class Scanner(threading.Thread):
    def __init__(self, outbox, seed):
        super().__init__(name="scanner")
        self.outbox = outbox
        self.rng = random.Random(seed)
        self.open_batches = {}
        self.scan_counts = {}

    def run(self):
        scans = collections.Counter()
        for _ in range(SCANS):
            sku = self.rng.choice(SKUS)
            batch = self.open_batches.get(sku)
            if batch is None:  # ok: GIL003
                batch = self.open_batches[sku] = PalletBatch(sku)
            batch.units += self.rng.randint(10, 50)  # expect: GIL002
            scans[sku] += 1  # ok: GIL002
            if scans[sku] % PALLET_SIZE == 0:
                self.outbox.put(batch)
            time.sleep(0.0005)
        for sku, batch in self.open_batches.items():
            if scans[sku] % PALLET_SIZE:
                self.outbox.put(batch)
        self.outbox.put(None)
        self.scan_counts = dict(scans)


class Auditor(threading.Thread):
    def __init__(self, inbox, damage_rate):
        super().__init__(name="auditor")
        self.inbox = inbox
        self.damage_rate = damage_rate
        self.audited = []

    def run(self):
        while (batch := self.inbox.get()) is not None:
            damaged = int(batch.units * self.damage_rate)
            time.sleep(0.001)
            batch.units -= damaged  # expect: GIL002
            with ledger_lock:
                ledger[batch.sku] = ledger.get(batch.sku, 0) + batch.units  # ok: GIL002
            self.audited.append((batch.sku, damaged))


def main():
    dock = queue.Queue()
    scanner = Scanner(dock, seed=42)
    auditor = Auditor(dock, damage_rate=0.02)
    auditor.start()
    scanner.start()
    scanner.join()
    auditor.join()

    for sku in SKUS:
        print(f"{sku:10s} {scanner.scan_counts.get(sku, 0):3d} scans "
              f"{ledger.get(sku, 0):6d} units on ledger")
    posted = sum(ledger.values())
    counted = sum(b.units for b in scanner.open_batches.values())
    print(f"{len(auditor.audited)} batches audited; ledger {posted} vs dock count {counted}")


if __name__ == "__main__":
    main()
