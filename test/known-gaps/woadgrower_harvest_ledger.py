"""Woad dye farm: the harvest ledger for the leaf-picking season.

Pickers bring baskets in from the fields.  Two weighers check each basket and
book it against its field (each field has a daily quota), a tally clerk keeps
the running weights, and a clerk writes the day's rows to the ledger file.  At
dusk the leaf quality of every field is modelled in a thread pool.
"""
import csv
import os
import queue
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field

HARVEST_CONFIG = {
    "fields": {"north-field": 5, "river-field": 4, "long-acre": 5},
    "baskets": [("north-field", 11.5), ("river-field", 9.0), ("long-acre", 12.5), ("north-field", 10.0),
                ("long-acre", 11.0), ("river-field", 8.5), ("north-field", 12.0), ("long-acre", 9.5)] * 2,
    "weighers": 2,
    "model_generations": 300_000,
}

END = None


@dataclass
class FieldRecord:
    name: str
    quota: int
    baskets: list = field(default_factory=list)
    weight_kg: float = 0.0


class Register:
    def __init__(self, quotas):
        self.fields = {name: FieldRecord(name, q) for name, q in quotas.items()}
        self._locks = {name: threading.Lock() for name in quotas}
        self.over_quota = []

    def lock_for(self, name):
        return self._locks[name]


class Weigher(threading.Thread):
    def __init__(self, name, inbox, outbox, register):
        super().__init__(name=name)
        self.inbox, self.outbox, self.register = inbox, outbox, register

    def run(self):
        for basket in iter(self.inbox.get, END):  # ok: GIL001 -- blocks on the queue, a few dict operations per basket
            self.book(*basket)
        self.inbox.put(END)

    def book(self, field_name, kg):
        record = self.register.fields[field_name]
        if len(record.baskets) < record.quota:  # expect: GIL003 -- two weighers can both see room under the quota and both book
            record.baskets.append((self.name, kg))
            self.outbox.put((field_name, kg))
        else:
            self.register.over_quota.append((field_name, kg))


class TallyClerk(threading.Thread):
    def __init__(self, inbox, rows, register):
        super().__init__(name="tally")
        self.inbox, self.rows, self.register = inbox, rows, register

    def run(self):
        while (item := self.inbox.get()) is not END:
            field_name, kg = item
            with self.register.lock_for(field_name):
                self.register.fields[field_name].weight_kg += kg  # ok: GIL002 -- the field's own lock (from the lock dict) is held
            self.rows.put([field_name, kg, round(self.register.fields[field_name].weight_kg, 1)])
        self.rows.put(END)


class LedgerFile:
    def __init__(self, path):
        self.path = path
        self._lock = threading.Lock()
        self.written = 0

    def _checked(self, row):
        if row[1] <= 0:
            raise ValueError(f"bad weight in {row}")
        return row

    def append(self, row):
        self._lock.acquire()  # ok: GIL005 -- the except branch releases before re-raising, the normal path releases after
        try:
            row = self._checked(row)
        except ValueError:
            self._lock.release()
            raise
        self._lock.release()
        return row

    def flush(self, rows):
        self._lock.acquire()  # expect: GIL005 -- the END marker returns from inside the loop with the ledger lock held
        with open(self.path, "a", newline="") as fh:
            writer = csv.writer(fh)
            for row in rows:
                if row is END:
                    return
                writer.writerow(row)
                self.written += 1
        self._lock.release()


def clerk(rows_q, ledger):
    batch = [ledger.append(row) for row in iter(rows_q.get, END)]  # ok: GIL001 -- consumes a queue, one row per basket
    batch.append(END)
    ledger.flush(batch)


class QualityModel:
    """Leaf quality: a small genetic drift model of indican content across plants."""

    def __init__(self, record, generations):
        self.record = record
        self.generations = generations

    @classmethod
    def for_field(cls, record, config):
        return cls(record, config["model_generations"])

    def score(self):
        level, seed = 1.0 + self.record.weight_kg / 100.0, len(self.record.name)
        for g in range(self.generations):  # expect: GIL001 -- 300k generations of the drift model per field, in a pool thread
            seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
            level += ((seed / 2_147_483_648) - 0.5) * 0.001 - (level - 1.0) * 0.0005
        return self.record.name, round(level, 4)


def main():
    register = Register(HARVEST_CONFIG["fields"])
    baskets_q, tally_q, rows_q = queue.Queue(), queue.Queue(), queue.Queue()
    with tempfile.TemporaryDirectory() as tmp:
        ledger = LedgerFile(os.path.join(tmp, "harvest.csv"))
        weighers = [Weigher(f"weigher-{i}", baskets_q, tally_q, register)
                    for i in range(HARVEST_CONFIG["weighers"])]
        tally = TallyClerk(tally_q, rows_q, register)
        writer = threading.Thread(target=clerk, args=(rows_q, ledger), name="clerk")
        for t in (*weighers, tally, writer):
            t.start()
        for basket in HARVEST_CONFIG["baskets"]:
            baskets_q.put(basket)
        baskets_q.put(END)
        for w in weighers:
            w.join()
        tally_q.put(END)
        tally.join()
        writer.join()
        with open(ledger.path, newline="") as fh:
            lines = sum(1 for _ in csv.reader(fh))
    models = [QualityModel.for_field(r, HARVEST_CONFIG) for r in register.fields.values()]
    with ThreadPoolExecutor(max_workers=len(models)) as pool:
        futures = [pool.submit(lambda m=m: m.score()) for m in models]
        done, _ = wait(futures)
    scores = dict(f.result() for f in done)
    for name, rec in register.fields.items():
        print(f"{name:12s} {len(rec.baskets):2d}/{rec.quota} baskets {rec.weight_kg:6.1f} kg "
              f"quality {scores[name]}")
    print(f"ledger rows {ledger.written} (file {lines}), over quota {len(register.over_quota)}")


if __name__ == "__main__":
    main()
