"""Antenna pass scheduler for a small ground station.

Passes are predicted by two ephemeris providers; each prediction arms a ``threading.Timer`` for
acquisition of signal (AOS) and loss of signal (LOS). Handlers registered for the "aos" event
start a tracking thread that steps the antenna along the predicted azimuth/elevation track.
"""
import logging
import math
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

log = logging.getLogger("pass-scheduler")

RECORDER_OPEN_S = 0.01
SERVO_STEP_S = 0.004


@dataclass
class PassRecord:
    sat_id: str
    source: str
    aos: float
    samples: list = field(default_factory=list)


class AntennaController:
    def __init__(self) -> None:
        self.tracking: dict[str, PassRecord] = {}
        self.recordings: list[PassRecord] = []
        self.passes_closed = 0
        self.azimuth = 0.0
        self.elevation = 90.0
        self._lock = threading.Lock()
        self._servo_lock = threading.Lock()
        self._handlers: dict[str, list] = defaultdict(list)

    def on(self, event: str):
        def register(fn):
            self._handlers[event].append(fn)
            return fn
        return register

    def _emit(self, event: str, **payload) -> None:
        for handler in list(self._handlers[event]):
            handler(**payload)

    def _open_recorder(self, record: PassRecord) -> None:
        time.sleep(RECORDER_OPEN_S)  # baseband recorder answers over the LAN
        self.recordings.append(record)

    def acquisition_of_signal(self, sat_id: str, source: str) -> None:
        # both providers usually predict the same AOS to within a few milliseconds
        if sat_id not in self.tracking:  # expect: GIL003
            record = PassRecord(sat_id, source, time.monotonic())
            self._open_recorder(record)
            self.tracking[sat_id] = record
            self._emit("aos", record=record)
        else:
            log.info("%s already tracked (prediction from %s ignored)", sat_id, source)

    def loss_of_signal(self, sat_id: str) -> None:
        with self._lock:
            if sat_id in self.tracking:  # ok: GIL003
                record = self.tracking.pop(sat_id)
                self.passes_closed += 1  # ok: GIL002
            else:
                return
        self._emit("los", record=record)

    def _drive(self, az: float, el: float) -> None:
        time.sleep(SERVO_STEP_S)
        self.azimuth, self.elevation = az % 360.0, el

    def slew(self, az: float, el: float) -> None:
        self._servo_lock.acquire()  # expect: GIL005
        if not 0.0 <= el <= 90.0:
            raise ValueError(f"elevation {el:.1f} outside the mount's limits")
        self._drive(az, el)
        self._servo_lock.release()

    def park(self) -> None:
        self._servo_lock.acquire()  # ok: GIL005
        try:
            self._drive(0.0, 90.0)
        finally:
            self._servo_lock.release()

    def track_pass(self, record: PassRecord, steps: int = 8) -> None:
        for i in range(steps):  # ok: GIL001
            az = 120.0 + 10.0 * i
            el = 60.0 * math.sin(math.pi * (i + 1) / (steps + 1))
            self.slew(az, el)
            record.samples.append((round(self.azimuth, 1), round(self.elevation, 1)))


def build_schedule(predictions: list[dict]) -> list[threading.Timer]:
    timers = []
    for p in predictions:
        timers.append(threading.Timer(p["aos"], p["controller"].acquisition_of_signal,
                                      args=(p["sat"],), kwargs={"source": p["source"]}))
        timers.append(threading.Timer(p["los"], p["controller"].loss_of_signal, args=(p["sat"],)))
    return timers


def main() -> None:
    ctrl = AntennaController()
    trackers: list[threading.Thread] = []

    @ctrl.on("aos")
    def start_tracking(record: PassRecord) -> None:
        t = threading.Thread(target=ctrl.track_pass, args=(record,), name=f"track-{record.sat_id}")
        trackers.append(t)
        t.start()

    @ctrl.on("los")
    def report(record: PassRecord) -> None:
        log.info("LOS %s after %d track points", record.sat_id, len(record.samples))

    predictions = []
    for n, sat in enumerate(["NOAA-19", "METOP-B", "ISS"]):
        aos = 0.02 + 0.03 * n
        for source in ("celestrak", "space-track"):
            predictions.append({"controller": ctrl, "sat": sat, "source": source,
                                "aos": aos, "los": aos + 0.25})
    timers = build_schedule(predictions)
    for timer in timers:
        timer.start()
    for timer in timers:
        timer.join()
    for t in list(trackers):
        t.join()
    ctrl.park()
    print(f"passes closed: {ctrl.passes_closed}; recorders opened: {len(ctrl.recordings)} "
          f"(one per satellite expected: 3); antenna parked at "
          f"az={ctrl.azimuth:.0f} el={ctrl.elevation:.0f}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(threadName)s %(message)s")
    main()
