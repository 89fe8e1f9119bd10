"""Hospice round scheduler: dose reminders on timers, MAR signing, opioid-load checks per wing.

Every scheduled dose gets a threading.Timer; when it fires, the reminder is taken off the
pending list, a medication administration record (MAR) entry is signed and the nurses'
station board counts the dose. In parallel one checker thread per wing projects each
patient's opioid serum level over the next days to flag dangerous peaks.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Set, Tuple

log = logging.getLogger("hospice.rounds")

CONTROLLED = {"morphine", "hydromorphone", "midazolam"}
SCHEDULE_CONFIG = {
    "horizon_steps": 2000,
    "step_h": 0.05,
    "peak_alert_mg": 12.0,
    "reminder_delays_s": [0.004, 0.008, 0.012, 0.016, 0.02, 0.024],
}

Dose = Tuple[float, float, float]  # (given_at_h, mg, half_life_h)


@dataclass
class MarEntry:
    patient: str
    drug: str
    controlled: bool
    witnessed: bool
    signed_at: float = 0.0


class RoundBoard:
    """What the nurses' station screen shows."""

    def __init__(self) -> None:
        self._doses_given = 0
        self.listeners: List[Callable[[int], None]] = []

    @property
    def doses_given(self) -> int:
        return self._doses_given

    @doses_given.setter
    def doses_given(self, value: int) -> None:
        self._doses_given = value
        for listener in self.listeners:
            listener(value)


class WingChecker(threading.Thread):
    def __init__(self, wing: str, regimen: Dict[str, List[Dose]], sink: Callable, **options):
        super().__init__(name=f"opioid-check-{wing}")
        self.wing = wing
        self.regimen = regimen
        self.sink = sink
        self.horizon_steps = options.get("horizon_steps", 1000)
        self.step_h = options.get("step_h", 0.25)
        self.alert_mg = options.get("peak_alert_mg", 30.0)

    def run(self) -> None:
        started = time.perf_counter()
        peaks = self._peak_levels(self.regimen)
        alerts = {p: round(v, 1) for p, v in peaks.items() if v > self.alert_mg}
        self.sink(self.wing, alerts)
        log.info("%s checked in %.0f ms", self.name, (time.perf_counter() - started) * 1000)

    def _peak_levels(self, regimen: Dict[str, List[Dose]]) -> Dict[str, float]:
        peaks: Dict[str, float] = {}
        for patient, doses in regimen.items():  # expect: GIL001
            peak = 0.0
            for step in range(self.horizon_steps):
                t = step * self.step_h
                level = 0.0
                for given_at, mg, half_life in doses:
                    if given_at <= t:
                        level += mg * 0.5 ** ((t - given_at) / half_life)
                peak = max(peak, level)
            peaks[patient] = peak
        return peaks


class RoundScheduler:
    def __init__(self, board: RoundBoard) -> None:
        self.board = board
        self._pending: Dict[str, Set[str]] = {}
        self._pending_lock = threading.Lock()
        self._mar: List[MarEntry] = []
        self._mar_lock = threading.Lock()
        self._timers: List[threading.Timer] = []

    def schedule(self, patient: str, drug: str, delay: float) -> None:
        self._pending.setdefault(patient, set()).add(drug)
        timer = threading.Timer(delay, self._dose_due, args=(patient, drug))
        timer.name = f"due-{patient}-{drug}"
        self._timers.append(timer)

    def start(self) -> None:
        for timer in self._timers:
            timer.start()

    def join(self) -> None:
        for timer in self._timers:
            timer.join()

    def _dose_due(self, patient: str, drug: str) -> None:
        with self._pending_lock:
            if drug not in self._pending.get(patient, ()):  # ok: GIL003
                return
            self._pending[patient].discard(drug)
        entry = MarEntry(patient, drug, controlled=drug in CONTROLLED, witnessed=True)
        if self.sign_entry(entry):
            self.board.doses_given += 1  # expect: GIL002

    def sign_entry(self, entry: MarEntry) -> bool:
        self._mar_lock.acquire()  # expect: GIL005
        if entry.controlled and not entry.witnessed:
            log.warning("controlled dose for %s needs a witness", entry.patient)
            return False
        entry.signed_at = time.monotonic()
        self._mar.append(entry)
        self._mar_lock.release()
        return True


def wing_regimens() -> Dict[str, Dict[str, List[Dose]]]:
    wings: Dict[str, Dict[str, List[Dose]]] = {"east": {}, "west": {}}
    for n in range(24):
        wing = "east" if n % 2 == 0 else "west"
        doses = [(h, 5.0 + (n % 3) * 2.5, 2.5 + (n % 4) * 0.5) for h in range(0, 96, 6)]
        wings[wing][f"{wing}-{n:02d}"] = doses
    return wings


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    board = RoundBoard()
    shown: List[int] = []
    board.listeners.append(shown.append)
    scheduler = RoundScheduler(board)
    delays = SCHEDULE_CONFIG["reminder_delays_s"]
    plan = [("east-00", "morphine"), ("east-02", "haloperidol"), ("west-01", "midazolam"),
            ("west-03", "senna"), ("east-04", "hydromorphone"), ("west-05", "ondansetron")]
    for (patient, drug), delay in zip(plan, delays):
        scheduler.schedule(patient, drug, delay)
    alerts: Dict[str, Dict[str, float]] = {}
    options = {k: SCHEDULE_CONFIG[k] for k in ("horizon_steps", "step_h", "peak_alert_mg")}
    checkers = [WingChecker(wing, regimen, alerts.__setitem__, **options)
                for wing, regimen in wing_regimens().items()]
    started = time.perf_counter()
    scheduler.start()
    for checker in checkers:
        checker.start()
    for checker in checkers:
        checker.join()
    scheduler.join()
    print(f"doses on board={board.doses_given} MAR entries={len(scheduler._mar)} updates={len(shown)}")
    for wing in sorted(alerts):
        print(f"{wing}: {len(alerts[wing])} peak alerts {sorted(alerts[wing].items())[:2]}")
    print(f"elapsed {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
