"""Two weavers at one broadloom.

On a broadloom too wide for one person, two weavers sit side by side and pass the shuttle
between them: whoever has the shuttle throws it across, the other catches it and beats the
pick in.  Bobbins come from a winder thread through a condition variable, and the heddle
frame is changed under its own lock when the pattern block changes.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("weaver.loom")

PICK_CM = 0.05
SETTINGS = {"picks_each": 30, "pick_s": 0.001, "picks_per_bobbin": 12, "block_picks": 10}


class Broadloom:
    """Shared by both weavers and the winder."""

    def __init__(self, width_cm: float):
        self.width_cm = width_cm
        self._woven_cm = 0.0
        self.shuttle_at = "left"
        self.throws: list[str] = []
        self.heddle_lock = threading.Lock()
        self.block = 0
        self.bobbin_cond = threading.Condition()
        self.bobbins = 0

    @property
    def woven_cm(self) -> float:
        return self._woven_cm

    @woven_cm.setter
    def woven_cm(self, value: float) -> None:
        if value < self._woven_cm:
            raise ValueError("cloth cannot un-weave")
        self._woven_cm = value

    def change_block(self, block: int) -> bool:
        self.heddle_lock.acquire()  # ok: GIL005
        try:
            if self.block == block:
                return False
            time.sleep(0.001)                        # re-hooking the heddles
            self.block = block
            return True
        finally:
            self.heddle_lock.release()

    def take_bobbin(self) -> None:
        with self.bobbin_cond:
            while self.bobbins == 0:
                self.bobbin_cond.wait()
            self.bobbins -= 1  # ok: GIL002

    def add_bobbins(self, n: int) -> None:
        with self.bobbin_cond:
            self.bobbins += n
            self.bobbin_cond.notify_all()


@dataclass
class WeaverStats:
    picks: int = 0
    waits: int = 0
    blocks_changed: list = field(default_factory=list)


class Weaver(threading.Thread):
    def __init__(self, side: str, loom: Broadloom, settings: dict, **kwargs):
        super().__init__(name=f"weaver-{side}", **kwargs)
        self.side = side
        self.other = "right" if side == "left" else "left"
        self.loom = loom
        self.settings = settings
        self.stats = WeaverStats()

    def throw(self) -> bool:
        if self.loom.shuttle_at == self.side:  # expect: GIL003
            self.loom.throws.append(self.side)
            self.loom.shuttle_at = self.other
            return True
        return False

    def run(self) -> None:
        s = self.settings
        bobbin_left = waits = 0
        for pick in range(s["picks_each"]):  # ok: GIL001
            if bobbin_left == 0:
                self.loom.take_bobbin()
                bobbin_left = s["picks_per_bobbin"]
            if not self.throw():
                waits += 1
            time.sleep(s["pick_s"])                  # beat the pick in, change sheds
            self.loom.woven_cm += PICK_CM  # expect: GIL002
            bobbin_left -= 1
            self.stats.picks = pick + 1
            if pick % s["block_picks"] == 0 and self.loom.change_block(pick // s["block_picks"]):
                self.stats.blocks_changed.append(pick)
        self.stats.waits = waits


class Winder(threading.Thread):
    """Winds bobbins until both weavers have enough for their picks."""

    def __init__(self, loom: Broadloom, bobbins: int, wind_s: float = 0.002):
        super().__init__(name="winder", daemon=True)
        self.loom = loom
        self.total = bobbins
        self.wind_s = wind_s

    def run(self) -> None:
        for _ in range(self.total):
            time.sleep(self.wind_s)
            self.loom.add_bobbins(1)


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    loom = Broadloom(width_cm=240)
    per_weaver = -(-SETTINGS["picks_each"] // SETTINGS["picks_per_bobbin"])
    winder = Winder(loom, bobbins=2 * per_weaver)
    weavers = [Weaver(side, loom, SETTINGS) for side in ("left", "right")]
    started = time.perf_counter()
    winder.start()
    for w in weavers:
        w.start()
    for w in weavers:
        w.join()
    elapsed = time.perf_counter() - started
    expected = 2 * SETTINGS["picks_each"] * PICK_CM
    print(f"woven {loom.woven_cm:.2f} cm (expected {expected:.2f} cm) in {elapsed:.2f}s")
    for w in weavers:
        print(f"  {w.name}: {w.stats.picks} picks, waited {w.stats.waits} times, "
              f"blocks changed at {w.stats.blocks_changed}")
    print(f"shuttle throws: {len(loom.throws)}, ends on the {loom.shuttle_at}, "
          f"bobbins left {loom.bobbins}")


if __name__ == "__main__":
    main()
