"""Lease-based distributed lock client.

The client speaks a newline-delimited JSON protocol to a lock service.  For the
demo the service is an in-process thread on the other end of a socketpair, so the
whole thing runs offline.  Leases are renewed in the background by a
``threading.Timer`` until the holder leaves the ``with`` block.
"""
import functools
import json
import logging
import socket
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("dlock.client")


class LockServiceError(RuntimeError):
    """The lock service answered with an error (or hung up)."""


@dataclass
class ClientStats:
    acquired: int = 0
    renewed: int = 0
    contended: int = 0


class FakeLockService(threading.Thread):
    """Single-threaded lock service; all of its state belongs to its own thread."""

    def __init__(self, sock):
        super().__init__(name="lock-service", daemon=True)
        self._sock = sock
        self._owners = {}
        self._fence = 0

    def run(self):
        stream = self._sock.makefile("rwb")
        for raw in stream:  # ok: GIL001
            reply = self._handle(json.loads(raw))
            stream.write(json.dumps(reply).encode() + b"\n")
            stream.flush()

    def _handle(self, req):
        now = time.monotonic()
        owner, expires, fence = self._owners.get(req["name"], (None, 0.0, 0))
        if req["op"] == "acquire":
            if owner is None or expires < now or owner == req["owner"]:  # ok: GIL003
                self._fence += 1  # ok: GIL002
                self._owners[req["name"]] = (req["owner"], now + req["ttl"], self._fence)
                return {"ok": True, "fence": self._fence}
            return {"ok": False, "retry_after": max(0.0, expires - now)}
        if req["op"] == "renew":
            if owner != req["owner"]:
                return {"ok": False, "error": "lease lost"}
            self._owners[req["name"]] = (owner, now + req["ttl"], fence)
            return {"ok": True, "fence": fence}
        if req["op"] == "release":
            if owner == req["owner"]:
                del self._owners[req["name"]]
            return {"ok": True}
        return {"ok": False, "error": "unknown op %r" % req["op"]}


class LockClient:
    """Thread-safe client: one connection, requests serialised by an I/O lock."""

    def __init__(self, sock, client_id="client", default_ttl=0.3):
        self.client_id = client_id
        self.default_ttl = default_ttl
        self.stats = ClientStats()
        self._stream = sock.makefile("rwb")
        self._io_lock = threading.Lock()
        self._held = {}
        self._held_guard = threading.Lock()

    def call(self, **request):
        payload = json.dumps(request).encode() + b"\n"
        self._io_lock.acquire()  # ok: GIL005
        try:
            self._stream.write(payload)
            self._stream.flush()
            line = self._stream.readline()
        finally:
            self._io_lock.release()
        if not line:
            raise LockServiceError("connection closed")
        reply = json.loads(line)
        if reply.get("error"):
            raise LockServiceError(reply["error"])
        return reply

    def try_acquire(self, name, owner, ttl=None):
        """One attempt.  Returns the fencing token, or None when someone else holds it."""
        self._held_guard.acquire()  # expect: GIL005
        cached = self._held.get(name)
        if cached is not None and cached[0] == owner:
            self._held_guard.release()
            return cached[1]
        reply = self.call(op="acquire", name=name, owner=owner, ttl=ttl or self.default_ttl)
        if reply["ok"]:
            self._held[name] = (owner, reply["fence"])
        self._held_guard.release()
        return reply["fence"] if reply["ok"] else None

    def release(self, name, owner):
        with self._held_guard:
            self._held.pop(name, None)
        self.call(op="release", name=name, owner=owner)

    def lease(self, name, **kwargs):
        return Lease(self, name, **kwargs)


def retry_until_value(attempts=100, delay=0.005):
    """Retry the wrapped call until it returns something other than None."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(attempts):  # ok: GIL001
                result = fn(*args, **kwargs)
                if result is not None:
                    return result
                time.sleep(delay * (1 + attempt % 4))
            raise TimeoutError("%s: gave up after %d attempts" % (fn.__qualname__, attempts))

        return wrapper

    return decorate


class Lease:
    """``with client.lease(name) as lease:`` holds the lock and keeps it renewed."""

    def __init__(self, client, name, ttl=None, owner=None):
        self._client = client
        self.name = name
        self.ttl = ttl or client.default_ttl
        self.owner = owner or "%s/%d" % (client.client_id, threading.get_ident())
        self.fence = None
        self._timer = None
        self._timer_lock = threading.Lock()
        self._closed = False

    @retry_until_value(attempts=400, delay=0.004)
    def _acquire_once(self):
        fence = self._client.try_acquire(self.name, self.owner, self.ttl)
        if fence is None:
            self._client.stats.contended += 1  # expect: GIL002
        return fence

    def _schedule_renewal(self):
        with self._timer_lock:
            if self._closed:  # ok: GIL003
                return
            self._timer = threading.Timer(self.ttl / 3, self._renew)
            self._timer.daemon = True
            self._timer.start()

    def _renew(self):
        try:
            self._client.call(op="renew", name=self.name, owner=self.owner, ttl=self.ttl)
        except LockServiceError as exc:
            log.info("renewal of %s stopped: %s", self.name, exc)
            return
        self._client.stats.renewed += 1  # expect: GIL002
        self._schedule_renewal()

    def __enter__(self):
        self.fence = self._acquire_once()
        with self._client._held_guard:
            self._client.stats.acquired += 1  # ok: GIL002
        self._schedule_renewal()
        return self

    def __exit__(self, exc_type, exc, tb):
        with self._timer_lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
        self._client.release(self.name, self.owner)
        return False


def nightly_report(client, worker_id, results, hold=0.12):
    with client.lease("nightly-report") as lease:
        log.info("worker %d holds the report lock (fence %d)", worker_id, lease.fence)
        time.sleep(hold)
        results.append((worker_id, lease.fence))


def main():
    logging.basicConfig(level=logging.WARNING, format="%(threadName)s %(message)s")
    service_sock, client_sock = socket.socketpair()
    FakeLockService(service_sock).start()
    client = LockClient(client_sock, client_id="reporter")

    results = []
    workers = []
    for i in range(4):
        job = functools.partial(nightly_report, client, i, results)
        t = threading.Thread(target=job, name="report-%d" % i)
        t.start()
        workers.append(t)
    for t in workers:
        t.join()

    fences = sorted(fence for _, fence in results)
    print("runs = %d (expected 4)" % len(results))
    print("fences strictly increasing:", fences == sorted(set(fences)))
    print("stats:", client.stats)
    client_sock.close()


if __name__ == "__main__":
    main()
