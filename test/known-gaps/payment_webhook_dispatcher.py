"""Deliver payment webhooks, keep an audit trail, then settle the delivered events."""
import asyncio
import json
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

DELIVERY_LATENCY_S = 0.005
SETTLE_WORKERS = 4

settled_keys: set[str] = set()
ledger: list[tuple[str, int]] = []


class AuditLog:
    def __init__(self, path: Path):
        self.path = path

    def write_line(self, event: dict) -> None:
        line = json.dumps(event, sort_keys=True)
        with self.path.open("a", encoding="utf-8") as fh: fh.write(line + "\n")  # expect: GIL004


class MetricsSink:
    def __init__(self, path: Path):
        self.path = path

    def flush(self, counts: dict[str, int]) -> None:
        self.path.write_text(json.dumps(counts, sort_keys=True), encoding="utf-8")  # ok: GIL004


class Dispatcher:
    def __init__(self, on_delivered, on_batch_done):
        self.on_delivered = on_delivered
        self.on_batch_done = on_batch_done
        self.counts: dict[str, int] = {}

    async def deliver(self, event: dict) -> None:
        await asyncio.sleep(DELIVERY_LATENCY_S)
        self.counts[event["type"]] = self.counts.get(event["type"], 0) + 1  # ok: GIL002
        self.on_delivered(event)

    async def run(self, events: list[dict]) -> dict[str, int]:
        await asyncio.gather(*(self.deliver(e) for e in events))
        await asyncio.to_thread(self.on_batch_done, dict(self.counts))
        return self.counts


def settle(event: dict) -> bool:
    key = event["id"]
    if key in settled_keys:  # expect: GIL003
        return False
    settled_keys.add(key)
    ledger.append((key, event["amount"]))
    return True


def make_events() -> list[dict]:
    kinds = ["charge.succeeded", "refund.created", "charge.succeeded", "payout.paid"]
    return [{"id": f"evt_{i:04d}", "type": kinds[i % 4], "amount": 100 + 25 * i} for i in range(12)]


def main() -> None:
    events = make_events()
    with tempfile.TemporaryDirectory() as tmp:
        audit = AuditLog(Path(tmp) / "audit.jsonl")
        metrics = MetricsSink(Path(tmp) / "metrics.json")
        dispatcher = Dispatcher(on_delivered=audit.write_line, on_batch_done=metrics.flush)
        counts = asyncio.run(dispatcher.run(events))
        audited = len(audit.path.read_text(encoding="utf-8").splitlines())
        print(f"delivered {sum(counts.values())} webhooks, {audited} audit lines")
        print("metrics:", metrics.path.read_text(encoding="utf-8"))
    retries = events[:4]
    with ThreadPoolExecutor(max_workers=SETTLE_WORKERS) as pool:
        outcomes = list(pool.map(settle, events + retries))
    print(f"settled {sum(outcomes)} events, skipped {outcomes.count(False)} duplicates")
    print(f"ledger total: {sum(amount for _, amount in ledger)}")


if __name__ == "__main__":
    main()
