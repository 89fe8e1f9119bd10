# Models an in-process event bus whose subscribers are invoked on the publishing threads.
import threading
import time
from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    event_id: int
    kind: str
    payload: str


class EventBus:
    def __init__(self):
        self._handlers = {}
        self._lock = threading.Lock()

    def subscribe(self, kind, handler):
        with self._lock:
            self._handlers[kind] = self._handlers.get(kind, ()) + (handler,)  # ok: GIL002

    def unsubscribe(self, kind, handler):
        self._lock.acquire()  # expect: GIL005
        handlers = self._handlers.get(kind)
        if not handlers:
            return False
        self._handlers[kind] = tuple(h for h in handlers if h != handler)
        self._lock.release()
        return True

    def publish(self, event):
        for handler in self._handlers.get(event.kind, ()):  # ok: GIL001
            handler(event)


class KindCounter:
    def __init__(self):
        self.by_kind = defaultdict(int)

    def on_event(self, event):
        self.by_kind[event.kind] += 1  # expect: GIL002


class AuditLog:
    def __init__(self):
        self.entries = []
        self.sequence = 0
        self._lock = threading.Lock()

    def on_event(self, event):
        with self._lock:
            self.sequence += 1  # ok: GIL002
            self.entries.append((self.sequence, event.event_id))


class DedupFilter:
    """Forwards each event id downstream only once."""

    def __init__(self, downstream):
        self.downstream = downstream
        self.delivered = set()

    def on_event(self, event):
        if event.event_id not in self.delivered:  # expect: GIL003
            self.delivered.add(event.event_id)
            self.downstream(event)


class Publisher:
    def __init__(self, name, bus, events):
        self.name = name
        self.bus = bus
        self.events = events

    def publish_all(self):
        for event in self.events:
            self.bus.publish(event)
            time.sleep(0.001)


class RoutingIndex:
    """Precomputes a bloom-style routing table for event ids in the background."""

    def __init__(self, size):
        self.size = size
        self.table = None

    def rebuild(self):
        self.table = [((i * 0x9E3779B1) >> 7) & 0xFF for i in range(self.size)]  # expect: GIL001


def main():
    bus = EventBus()
    counter, audit = KindCounter(), AuditLog()
    forwarded = []
    dedup = DedupFilter(forwarded.append)
    for kind in ("order", "payment", "refund"):
        bus.subscribe(kind, counter.on_event)
        bus.subscribe(kind, audit.on_event)
        bus.subscribe(kind, dedup.on_event)

    kinds = ["order", "payment", "refund"]
    shared = [Event(i, kinds[i % 3], f"p{i}") for i in range(30)]
    publishers = [Publisher(f"pub{i}", bus, shared[i * 5:i * 5 + 20]) for i in range(3)]
    index = RoutingIndex(300_000)

    threads = [threading.Thread(target=p.publish_all, name=p.name) for p in publishers]
    threads.append(threading.Thread(target=index.rebuild, name="routing"))
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    bus.unsubscribe("refund", dedup.on_event)
    print("by kind:", dict(counter.by_kind))
    print("audited:", audit.sequence, "forwarded:", len(forwarded), "routing entries:", len(index.table))


if __name__ == "__main__":
    main()
