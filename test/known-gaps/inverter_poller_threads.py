"""Solar fleet monitor: poll string inverters over (simulated) Modbus/TCP.

One poller thread per inverter reads the measurement block every period and hands
the reading to the shared FleetState, which keeps fleet energy totals and raises site
alarms (one page per site and fault, however many inverters report it).  A timer
prints the fleet summary for the control-room dashboard.
"""
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

log = logging.getLogger("solar.poller")

FAULT_NAMES = {0: None, 0x21: "GRID_OVERVOLTAGE", 0x35: "ISOLATION_FAULT"}


@dataclass(frozen=True)
class Reading:
    inverter_id: str
    site: str
    timestamp: float
    power_w: float
    dc_voltage: float
    interval_s: float
    fault_code: int = 0


@dataclass
class Alarm:
    site: str
    fault: str
    first_inverter: str
    raised_at: float = field(default_factory=time.monotonic)


class ModbusInverterClient:
    """Reads the 40 registers of the measurement block; each read is a network round trip."""

    def __init__(self, inverter_id: str, site: str, rated_w: float, fault_at: Optional[int] = None):
        self.inverter_id, self.site, self.rated_w = inverter_id, site, rated_w
        self._fault_at = fault_at
        self._reads = 0

    def read_block(self, interval_s: float) -> Reading:
        time.sleep(0.003)  # request/response on the wire
        self._reads += 1
        fault = 0x21 if self._fault_at is not None and self._reads >= self._fault_at else 0
        power = 0.0 if fault else self.rated_w * (0.6 + 0.02 * (self._reads % 10))
        return Reading(self.inverter_id, self.site, time.time(), power, 610.0 + self._reads % 7,
                       interval_s, fault)


class AlarmBook:
    def __init__(self, notifier: Callable[[Alarm], None]):
        self.active: Dict[tuple, Alarm] = {}
        self.pages: List[Alarm] = []
        self._notifier = notifier

    def raise_alarm(self, r: Reading) -> None:
        key = (r.site, FAULT_NAMES.get(r.fault_code, hex(r.fault_code)))
        if key not in self.active:  # expect: GIL003
            alarm = Alarm(key[0], key[1], r.inverter_id)
            self._notifier(alarm)
            self.active[key] = alarm
            self.pages.append(alarm)


class FleetState:
    def __init__(self, alarms: AlarmBook):
        self._lock = threading.Lock()
        self.alarms = alarms
        self.energy_wh = 0.0
        self.last_seen: Dict[str, float] = {}
        self.poll_count = 0

    def ingest(self, r: Reading) -> None:
        with self._lock:
            self.energy_wh += r.power_w * r.interval_s / 3600.0  # ok: GIL002
            self.last_seen[r.inverter_id] = r.timestamp
        self.poll_count += 1  # expect: GIL002
        if r.fault_code:
            self.alarms.raise_alarm(r)

    def snapshot_report(self, out: List[str]) -> None:
        """Runs on a Timer thread; skips the report rather than stall the pollers."""
        if not self._lock.acquire(timeout=0.05):  # ok: GIL005
            log.warning("fleet lock busy, skipping dashboard refresh")
            return
        try:
            out.append(f"{len(self.last_seen)} inverters reporting, "
                       f"{self.energy_wh:.1f} Wh so far")
        finally:
            self._lock.release()


class InverterPoller:
    def __init__(self, client: ModbusInverterClient, period_s: float):
        self.client = client
        self.period_s = period_s
        self.errors = 0

    def run(self, fleet: FleetState, stop: threading.Event, cycles: int) -> None:
        for _ in range(cycles):  # ok: GIL001
            try:
                fleet.ingest(self.client.read_block(self.period_s))
            except OSError:
                self.errors += 1  # ok: GIL002
            if stop.wait(self.period_s):
                break


def start_pollers(pollers: List[InverterPoller], fleet: FleetState, stop: threading.Event,
                  **run_options) -> List[threading.Thread]:
    threads = []
    for poller in pollers:
        t = threading.Thread(target=poller.run, args=(fleet, stop),
                             kwargs=run_options, name=f"poll-{poller.client.inverter_id}")
        t.start()
        threads.append(t)
    return threads


def build_fleet() -> List[ModbusInverterClient]:
    clients = []
    for site, count, fault_at in (("Bakersfield-A", 4, 6), ("Fresno-B", 3, None)):
        for i in range(count):
            clients.append(ModbusInverterClient(f"{site[:3].upper()}-INV{i:02d}", site,
                                                rated_w=25_000.0, fault_at=fault_at))
    return clients


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    pages: List[Alarm] = []

    def page_operator(alarm: Alarm) -> None:
        time.sleep(0.01)  # push to the on-call pager service
        log.info("PAGE %s at %s (first seen on %s)", alarm.fault, alarm.site, alarm.first_inverter)

    fleet = FleetState(AlarmBook(page_operator))
    stop = threading.Event()
    dashboard: List[str] = []
    pollers = [InverterPoller(c, period_s=0.005) for c in build_fleet()]
    timer = threading.Timer(0.08, fleet.snapshot_report, args=(dashboard,))
    timer.start()
    threads = start_pollers(pollers, fleet, stop, cycles=30)
    for t in threads:
        t.join()
    timer.join()
    print(f"polls {fleet.poll_count} (expected {30 * len(pollers)}), "
          f"energy {fleet.energy_wh:.1f} Wh")
    print(f"alarm pages {len(fleet.alarms.pages)} for {len(fleet.alarms.active)} site alarms")
    print("dashboard:", dashboard)
