"""Harvest crews for a solar salt works.

Crews walk the crystallisation ponds, claim the ones that are ready, rake the
salt crust and report the tonnage through a shared tally.  Crew workers are
closures built by a factory and launched by a supervisor.
"""
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List

log = logging.getLogger("saltpan.harvest")

CONFIG = {
    "crews": ("north", "south", "east"),
    "ponds": 9,
    "rake_s": 0.003,
    "passes": 2,
    "min_density_gcm3": 1.21,
}


@dataclass
class Pond:
    pond_id: int
    density: float
    crust_cm: float
    harvested: bool = False


@dataclass
class Ledger:
    claims: Dict[int, str] = field(default_factory=dict)
    receipts: List[tuple] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def receipt(self, crew: str, pond_id: int, tons: float) -> None:
        with self.lock:
            self.receipts.append((crew, pond_id, round(tons, 2)))


def make_tally() -> tuple:
    """A running total of harvested tonnes shared by every crew."""
    tons = 0.0
    loads = 0
    guard = threading.Lock()

    def add(amount: float) -> None:
        nonlocal tons, loads
        tons += amount  # expect: GIL002
        with guard:
            loads += 1  # ok: GIL002

    def total() -> tuple:
        return round(tons, 2), loads

    return add, total


def make_crew_worker(crew: str, ponds: List[Pond], ledger: Ledger, report: Callable[[float], None],
                     **opts) -> Callable[[], None]:
    rake_s = opts.get("rake_s", 0.003)
    passes = opts.get("passes", 1)
    min_density = opts.get("min_density_gcm3", 1.2)
    raked = 0

    def rake(pond: Pond) -> float:
        nonlocal raked
        tons = 0.0
        for _ in range(passes):  # ok: GIL001
            time.sleep(rake_s)  # the loader makes a pass
            tons += pond.crust_cm * 0.8
            raked += 1  # ok: GIL002
        return tons

    def claim(pond: Pond) -> bool:
        if pond.pond_id not in ledger.claims:  # expect: GIL003
            ledger.claims[pond.pond_id] = crew
            return True
        return False

    def worker() -> None:
        for pond in ponds:  # ok: GIL001
            if pond.density < min_density:
                continue
            if claim(pond):
                tons = rake(pond)
                pond.harvested = True
                report(tons)
                ledger.receipt(crew, pond.pond_id, tons)
        log.info("crew %s made %d passes", crew, raked)

    worker.__name__ = f"crew_{crew}"
    return worker


class Supervisor:
    """Starts the crews, waits for them and audits the claims."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._targets: Dict[str, Callable[[], None]] = {}
        self._threads: List[threading.Thread] = []

    def register(self, name: str, target: Callable[[], None]) -> None:
        self._targets[name] = target

    def launch(self, **thread_kwargs) -> None:
        for name, target in self._targets.items():
            t = threading.Thread(target=target, name=f"crew-{name}", **thread_kwargs)
            self._threads.append(t)
            t.start()

    def wait(self) -> None:
        for t in self._threads:
            t.join()

    def audit(self) -> dict:
        with self.ledger.lock:
            per_pond: Dict[int, int] = {}
            for _crew, pond_id, _tons in self.ledger.receipts:
                if pond_id not in per_pond:  # ok: GIL003
                    per_pond[pond_id] = 0
                per_pond[pond_id] += 1
        return {p: n for p, n in per_pond.items() if n > 1}


def survey_ponds(count: int) -> List[Pond]:
    ponds = []
    for i in range(count):
        density = 1.18 + 0.01 * ((i * 5) % 7)
        ponds.append(Pond(pond_id=i, density=round(density, 3), crust_cm=6.0 + i % 4))
    return ponds


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    ponds = survey_ponds(CONFIG["ponds"])
    ledger = Ledger()
    add, total = make_tally()
    supervisor = Supervisor(ledger)
    options = {k: v for k, v in CONFIG.items() if k not in ("crews", "ponds")}
    for crew in CONFIG["crews"]:
        supervisor.register(crew, make_crew_worker(crew, ponds, ledger, add, **options))
    t0 = time.perf_counter()
    supervisor.launch(daemon=False)
    supervisor.wait()
    tons, loads = total()
    ready = sum(1 for p in ponds if p.density >= CONFIG["min_density_gcm3"])
    print(f"ponds ready={ready} harvested={sum(p.harvested for p in ponds)} loads={loads} tons={tons}")
    print(f"ponds raked more than once: {supervisor.audit()}")
    print(f"took {time.perf_counter() - t0:.2f}s")


if __name__ == "__main__":
    main()
