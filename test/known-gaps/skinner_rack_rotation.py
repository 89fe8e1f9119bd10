"""Hide drying lofts: a crew of turners moves wet hides from the racks to the drying lines.

Apprentices grab from the wet racks without waiting and weigh on the loft scale in a
hurry; master turners wait on the loft's condition for new hides and weigh patiently.
The main thread restocks the racks once and then closes the loft.
"""
from __future__ import annotations

import functools
import json
import logging
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("skinner.racks")

CONFIG = {
    "initial_hides": 18,
    "restock_hides": 12,
    "apprentices": 2,
    "masters": 2,
    "turn_s": 0.006,
    "grab_timeout_s": 0.05,
    "scale_tare_kg": 1.5,
}


@dataclass
class Hide:
    tag: str
    wet_kg: float
    species: str = "cattle"


class ScaleError(ValueError):
    pass


class LoftScale:
    def __init__(self, tare: float) -> None:
        self._lock = threading.Lock()
        self.tare = tare
        self.weighings: list[tuple[str, float]] = []

    def _read(self, hide: Hide) -> float:
        raw = json.dumps({"tag": hide.tag, "kg": hide.wet_kg + self.tare})
        reading = json.loads(raw)
        if reading["kg"] <= self.tare:
            raise ScaleError(f"empty pan while weighing {hide.tag}")
        return round(reading["kg"] - self.tare, 2)

    def weigh(self, hide: Hide) -> float:
        self._lock.acquire()  # expect: GIL005
        kg = self._read(hide)
        self.weighings.append((hide.tag, kg))
        self._lock.release()
        return kg

    def weigh_patiently(self, hide: Hide, timeout: float = 0.5) -> float | None:
        if not self._lock.acquire(timeout=timeout):  # ok: GIL005
            log.warning("scale busy, %s left unweighed", hide.tag)
            return None
        try:
            kg = self._read(hide)
            self.weighings.append((hide.tag, kg))
            return kg
        finally:
            self._lock.release()


class DryingLoft:
    def __init__(self, hides: list[Hide]) -> None:
        self.wet_racks = list(hides)
        self.cond = threading.Condition()
        self.closed = False

    def grab_now(self) -> Hide | None:
        if self.wet_racks:  # expect: GIL003
            return self.wet_racks.pop()
        return None

    def grab(self, timeout: float) -> Hide | None:
        with self.cond:
            while not self.wet_racks and not self.closed:
                if not self.cond.wait(timeout):
                    break
            if self.wet_racks:  # ok: GIL003
                return self.wet_racks.pop()
            return None

    def restock(self, hides: list[Hide]) -> None:
        with self.cond:
            self.wet_racks.extend(hides)
            self.cond.notify_all()

    def close(self) -> None:
        with self.cond:
            self.closed = True
            self.cond.notify_all()


def turner_shift(grab, weigh, *, turn_s: float, results: dict, name: str) -> None:
    turned, fumbled, kg_total = 0, 0, 0.0
    while True:  # ok: GIL001
        try:
            hide = grab()
        except IndexError:
            fumbled += 1
            continue
        if hide is None:
            break
        kg = weigh(hide)
        kg_total += kg or 0.0
        time.sleep(turn_s)
        turned += 1
    results[name] = (turned, fumbled, round(kg_total, 2))


class Crew:
    """Starts named turner threads; the job callables are kept for the shift report."""

    def __init__(self) -> None:
        self.jobs: dict[str, functools.partial] = {}
        self.threads: list[threading.Thread] = []
        self.results: dict[str, tuple[int, int, float]] = {}

    def _launch(self, name: str, target) -> None:
        thread = threading.Thread(target=target, name=name)
        self.threads.append(thread)
        thread.start()

    def spawn(self, role: str, count: int, grab, weigh, **opts) -> None:
        for n in range(count):
            name = f"{role}-{n}"
            self.jobs[name] = functools.partial(turner_shift, grab, weigh, results=self.results,
                                                name=name, **opts)
            self._launch(name, self.jobs[name])

    def join(self) -> None:
        for thread in self.threads:
            thread.join()


def make_hides(prefix: str, count: int) -> list[Hide]:
    return [Hide(f"{prefix}{i:03d}", 18.0 + (i * 7) % 9) for i in range(count)]


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    loft = DryingLoft(make_hides("w", CONFIG["initial_hides"]))
    scale = LoftScale(CONFIG["scale_tare_kg"])
    crew = Crew()
    crew.spawn("apprentice", CONFIG["apprentices"], loft.grab_now, scale.weigh,
               turn_s=CONFIG["turn_s"])
    crew.spawn("master", CONFIG["masters"],
               functools.partial(loft.grab, CONFIG["grab_timeout_s"]),
               scale.weigh_patiently, turn_s=CONFIG["turn_s"])
    time.sleep(0.03)
    loft.restock(make_hides("r", CONFIG["restock_hides"]))
    time.sleep(0.03)
    loft.close()
    crew.join()
    turned = sum(r[0] for r in crew.results.values())
    expected = CONFIG["initial_hides"] + CONFIG["restock_hides"]
    print(f"hides turned = {turned} (expected {expected})")
    print(f"weighings = {len(scale.weighings)}, left on racks = {len(loft.wet_racks)}")
    for name, (count, fumbled, kg) in sorted(crew.results.items()):
        print(f"{name}: {count} hides, {fumbled} fumbles, {kg} kg")


if __name__ == "__main__":
    main()
