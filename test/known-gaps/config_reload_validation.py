"""Debounced reload of a large routing configuration with full validation.

Deploy tooling rewrites routes.json in bursts; each write calls
Reloader.request(), which (re)arms a short timer so that only the last write
of a burst triggers a reload.  The reload validates every route against the
schema before swapping it into the ConfigStore that request handlers read.
"""
import json
import logging
import os
import re
import tempfile
import threading
import time

log = logging.getLogger("routes")

SCHEMA = {
    "host": (str, re.compile(r"^[a-z0-9.-]+$")),
    "path": (str, re.compile(r"^/[A-Za-z0-9_/{}.-]*$")),
    "timeout_ms": (int, range(1, 60_001)),
    "retries": (int, range(0, 6)),
    "weight": (int, range(0, 101)),
}


class ConfigStore:
    def __init__(self):
        self._lock = threading.Lock()
        self._current = {}
        self.generation = 0

    def swap(self, new_routes):
        self._lock.acquire()  # expect: GIL005
        if not new_routes:
            log.error("refusing to swap in an empty route table")
            return False
        self._current = new_routes
        self.generation += 1
        self._lock.release()
        return True

    def snapshot(self, timeout=1.0):
        if not self._lock.acquire(timeout=timeout):  # ok: GIL005
            raise TimeoutError("config store busy")
        try:
            return dict(self._current)
        finally:
            self._lock.release()


class ReloadState:
    """Outcome counters, guarded by an RLock through ReloadTxn."""

    def __init__(self):
        self.lock = threading.RLock()
        self.applied = 0
        self.rejected = 0
        self.last_errors = []


class ReloadTxn:
    def __init__(self, state):
        self.state = state

    def __enter__(self):
        self.state.lock.acquire()
        return self.state

    def __exit__(self, *exc_info):
        self.state.lock.release()


def flatten(doc):
    for route_id, route in doc["routes"].items():
        for field, value in route.items():
            yield route_id, field, value


def checked(entries, schema):
    for route_id, field, value in entries:
        rule = schema.get(field)
        if rule is None:
            yield route_id, field, "unknown field"
            continue
        typ, allowed = rule
        if not isinstance(value, typ):
            yield route_id, field, f"expected {typ.__name__}"
        elif hasattr(allowed, "match") and not allowed.match(value):
            yield route_id, field, "bad format"
        elif isinstance(allowed, range) and value not in allowed:
            yield route_id, field, "out of range"


def validate(doc, schema=SCHEMA):
    errors = []
    per_host = {}
    for route_id, route in doc["routes"].items():  # expect: GIL001
        per_host[route["host"]] = per_host.get(route["host"], 0) + 1  # ok: GIL002
        for problem in checked(flatten({"routes": {route_id: route}}), schema):
            errors.append(problem)
    return errors, per_host


class Reloader:
    def __init__(self, path, store, state, delay=0.05):
        self.path = path
        self.store = store
        self.state = state
        self.delay = delay
        self._debounce_lock = threading.Lock()
        self._pending = None

    def request(self):
        with self._debounce_lock:
            if self._pending is not None:  # ok: GIL003
                self._pending.cancel()
            self._pending = threading.Timer(self.delay, self._reload)
            self._pending.start()

    def _reload(self):
        with open(self.path, encoding="utf-8") as fh:
            doc = json.load(fh)
        errors, per_host = validate(doc)
        with ReloadTxn(self.state) as st:
            if errors:
                st.rejected += 1  # ok: GIL002
                st.last_errors = errors[:3]
                return
            st.applied += 1  # ok: GIL002
        self.store.swap(doc["routes"])
        log.info("routes v%d live: %d routes on %d hosts",
                 self.store.generation, len(doc["routes"]), len(per_host))

    def wait_idle(self):
        with self._debounce_lock:
            pending = self._pending
        if pending is not None:
            pending.join()


def make_routes(revision, count=15_000, broken=False):
    routes = {}
    for i in range(count):
        routes[f"r{i:05d}"] = {
            "host": f"svc{i % 40}.internal",
            "path": f"/api/v{revision}/items/{i}",
            "timeout_ms": 250 + (i % 10) * 50,
            "retries": i % 4,
            "weight": (i * 7) % 101,
        }
    if broken:
        routes["r00042"]["retries"] = 9
    return {"revision": revision, "routes": routes}


def deploy(path, reloader, revision, burst=4, broken=False):
    """Write the file the way the deploy tool does: several atomic replaces."""
    payload = json.dumps(make_routes(revision, broken=broken))
    for attempt in range(burst):
        tmp_path = f"{path}.{attempt}.tmp"
        with open(tmp_path, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.replace(tmp_path, path)
        reloader.request()
        time.sleep(0.002)
    reloader.wait_idle()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    store, state = ConfigStore(), ReloadState()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "routes.json")
        reloader = Reloader(path, store, state)
        started = time.perf_counter()
        for rev, broken in ((1, False), (2, True), (3, False)):
            deploy(path, reloader, rev, broken=broken)
        elapsed = time.perf_counter() - started
    live = store.snapshot()
    log.info("applied=%d rejected=%d generation=%d live routes=%d errors=%s in %.2f s",
             state.applied, state.rejected, store.generation, len(live), state.last_errors, elapsed)
