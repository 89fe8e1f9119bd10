"""Clock dial painting batches: mix the enamel, paint, then fire in the kiln.

BatchPainter threads mix a batch of enamel (a colour-matching simulation that
walks the pigment ratios until the tint is within tolerance) and fire the
dials; TouchUpPainter threads only retouch chipped numerals between firings.
Both kinds share one Kiln with two firing slots and a single door.
"""
from __future__ import annotations

import logging
import sys
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("dialpainter.kiln")


@dataclass
class Batch:
    batch_id: str
    dials: int
    target_tint: tuple[float, float, float]
    mix_steps: int = 120_000
    pigments: dict = field(default_factory=lambda: {"lead-white": 0.8, "bone-black": 0.1,
                                                    "vermilion": 0.1})


class Kiln:
    def __init__(self) -> None:
        self.slots = threading.Semaphore(2)
        self.door = threading.BoundedSemaphore(1)
        self.fired = 0
        self.door_openings = 0
        self.touchups = 0
        self._cond = threading.Condition()

    def fire(self, seconds: float) -> None:
        time.sleep(seconds)

    def record_touchup(self, painter: str) -> None:
        with self._cond:
            self.touchups += 1  # ok: GIL002
            self._cond.notify_all()

    def wait_for_touchups(self, n: int, timeout: float) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: self.touchups >= n, timeout=timeout)


class Painter(threading.Thread):
    """Base class: times the painter's work and keeps the failure, if any."""

    def __init__(self, kiln: Kiln, *, label: str, **thread_kwargs) -> None:
        super().__init__(name=label, **thread_kwargs)
        self.kiln = kiln
        self.error: BaseException | None = None
        self.seconds = 0.0

    def run(self) -> None:
        t0 = time.perf_counter()
        try:
            self.paint()
        except BaseException as exc:  # keep it for the foreman
            self.error = exc
        finally:
            self.seconds = time.perf_counter() - t0

    def paint(self) -> None:
        raise NotImplementedError


class BatchPainter(Painter):
    def __init__(self, kiln: Kiln, batch: Batch, **kwargs) -> None:
        super().__init__(kiln, label=f"batch-{batch.batch_id}", **kwargs)
        self.batch = batch
        self.tint: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def paint(self) -> None:
        r, g, b = 1.0, 1.0, 1.0
        tr, tg, tb = self.batch.target_tint
        white = self.batch.pigments["lead-white"]
        for step in range(self.batch.mix_steps):  # expect: GIL001
            k = (step % 17) / 17.0
            r += (tr - r) * 0.0001 * (1.0 + k) * white
            g += (tg - g) * 0.0001 * (1.0 - k * 0.5)
            b += (tb - b) * 0.0001 * (0.5 + k)
        self.tint = (round(r, 3), round(g, 3), round(b, 3))
        with self.kiln.slots:
            self.kiln.fire(0.005)
            self.kiln.fired += 1  # expect: GIL002
        with self.kiln.door:
            self.kiln.door_openings += 1  # ok: GIL002
        log.info("%s mixed tint %s and fired %d dials", self.name, self.tint, self.batch.dials)


class TouchUpPainter(Painter):
    def __init__(self, kiln: Kiln, numerals: list[str], **kwargs) -> None:
        super().__init__(kiln, label=kwargs.pop("label", "touch-up"), **kwargs)
        self.numerals = numerals
        self.retouched = 0

    def paint(self) -> None:
        for numeral in self.numerals:  # ok: GIL001
            time.sleep(0.004)  # brush, then let the size dry
            self.retouched += 1  # ok: GIL002
            self.kiln.record_touchup(self.name)


def plan(batches_cfg: list[dict]) -> list[Batch]:
    return [Batch(cfg["id"], cfg["dials"], tuple(cfg["tint"]), cfg.get("steps", 120_000))
            for cfg in batches_cfg]


BATCHES = [
    {"id": "arabic-white", "dials": 12, "tint": (0.95, 0.94, 0.90), "steps": 150_000},
    {"id": "roman-ivory", "dials": 8, "tint": (0.93, 0.88, 0.78)},
    {"id": "moonphase-blue", "dials": 4, "tint": (0.20, 0.30, 0.65), "steps": 180_000},
]


def main() -> int:
    logging.basicConfig(level=logging.INFO, stream=sys.stdout,
                        format="%(threadName)s %(message)s")
    kiln = Kiln()
    painters: list[Painter] = [BatchPainter(kiln, batch, daemon=True) for batch in plan(BATCHES)]
    painters.append(TouchUpPainter(kiln, ["XII", "IIII", "VII", "IX", "X"], label="touch-up-1"))
    painters.append(TouchUpPainter(kiln, ["3", "6", "9"], label="touch-up-2"))
    start = time.perf_counter()
    for painter in painters:
        painter.start()
    kiln.wait_for_touchups(8, timeout=5.0)
    for painter in painters:
        painter.join()
    failures = [p.name for p in painters if p.error is not None]
    print(f"fired={kiln.fired} door={kiln.door_openings} touchups={kiln.touchups} "
          f"failures={failures} wall={time.perf_counter() - start:.2f}s")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
