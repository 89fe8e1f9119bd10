"""Switchman interlocking table.

Lever workers (one Thread subclass per signal box panel) first verify the
locking table signature, then ask the shared interlocking for routes and
release them again when the train has cleared.
"""
import functools
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

log = logging.getLogger("switchman.interlocking")

CONFIG = {
    "panels": 3,
    "verify_rounds": 400_000,
    "relay_settle_s": 0.002,
    "release_timeout_s": 0.5,
}


def timed(label: str) -> Callable:
    """Log how long the wrapped call took."""
    def decorate(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                log.debug("%s: %.1f ms", label, (time.perf_counter() - started) * 1000)
        return wrapper
    return decorate


@dataclass(frozen=True)
class Route:
    name: str
    entry_signal: str
    exit_signal: str
    points: tuple = ()

    @property
    def mask(self) -> int:
        value = 0
        for p in self.points:
            value |= 1 << (int(p[1:]) % 31)
        return value


@dataclass
class PanelReport:
    panel: str
    signature: int = 0
    granted: List[str] = field(default_factory=list)
    refused: List[str] = field(default_factory=list)


@timed("verify locking table")
def verify_locking(masks: List[int], rounds: int) -> int:
    signature = 0
    for step in range(rounds):  # expect: GIL001
        m = masks[step % len(masks)]
        signature = (signature * 33 + (m ^ step)) & 0xFFFFFFFF
    return signature


class InterlockingTable:
    """Shared between all panels: which route is set, and for whom."""

    def __init__(self, routes: List[Route], settle_s: float):
        self.routes: Dict[str, Route] = {r.name: r for r in routes}
        self._set_routes: Dict[str, str] = {}
        self._lock = threading.Lock()
        self._settle_s = settle_s
        self.lever_moves = 0

    def masks(self) -> List[int]:
        return [r.mask for r in self.routes.values()]

    def request_route(self, route_name: str, holder: str) -> bool:
        if route_name not in self._set_routes:  # expect: GIL003
            time.sleep(self._settle_s)  # wait for the point relays
            self._set_routes[route_name] = holder
            self._record_move()
            return True
        return False

    def _record_move(self) -> None:
        with self._lock:
            self.lever_moves += 1  # ok: GIL002

    def release_route(self, route_name: str, holder: str, timeout: float) -> bool:
        if not self._lock.acquire(timeout=timeout):  # ok: GIL005
            log.warning("could not release %s: interlocking busy", route_name)
            return False
        try:
            if self._set_routes.get(route_name) == holder:  # ok: GIL003
                del self._set_routes[route_name]
                return True
            return False
        finally:
            self._lock.release()


class LeverWorker(threading.Thread):
    """One signal box panel; reports through a callback when done."""

    def __init__(self, panel: str, table: InterlockingTable, requests: List[str],
                 on_done: Callable[[PanelReport], None], **options):
        super().__init__(name=f"panel-{panel}", daemon=False)
        self.table = table
        self.requests = requests
        self.on_done = on_done
        self.options = options
        self.report = PanelReport(panel=panel)

    def run(self) -> None:
        self.report.signature = verify_locking(self.table.masks(), self.options["verify_rounds"])
        for name in self.requests:  # ok: GIL001
            if self.table.request_route(name, self.report.panel):
                self.report.granted.append(name)
                time.sleep(self.options["relay_settle_s"])
                self.table.release_route(name, self.report.panel,
                                         self.options["release_timeout_s"])
            else:
                self.report.refused.append(name)
        self.on_done(self.report)


class ReportCollector:
    def __init__(self):
        self._reports: List[PanelReport] = []
        self._lock = threading.Lock()

    def __call__(self, report: PanelReport) -> None:
        with self._lock:
            self._reports.append(report)

    def summary(self) -> Dict[str, int]:
        with self._lock:
            return {r.panel: len(r.granted) for r in self._reports}


def build_routes() -> List[Route]:
    routes = []
    for i in range(8):
        routes.append(Route(name=f"R{i}", entry_signal=f"S{i}", exit_signal=f"S{i + 1}",
                            points=(f"P{i}", f"P{(i * 3) % 7}")))
    return routes


def main(config: Optional[dict] = None) -> None:
    config = dict(CONFIG, **(config or {}))
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    table = InterlockingTable(build_routes(), config["relay_settle_s"])
    collector = ReportCollector()
    options = {k: config[k] for k in ("verify_rounds", "relay_settle_s", "release_timeout_s")}
    workers = [
        LeverWorker(str(i), table, [f"R{(i + j) % 8}" for j in range(4)], collector, **options)
        for i in range(config["panels"])
    ]
    started = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    log.info("panels done in %.2fs", time.perf_counter() - started)
    print(f"lever moves = {table.lever_moves}")
    print(f"granted per panel = {collector.summary()}")
    print(f"signatures equal = {len({w.report.signature for w in workers}) == 1}")


if __name__ == "__main__":
    main()
