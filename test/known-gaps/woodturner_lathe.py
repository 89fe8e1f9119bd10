"""Woodturner's shop: lathe and sander threads share a tool rack and a shavings bin."""
from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("woodturner.lathe")


@dataclass(frozen=True)
class Blank:
    species: str
    length_mm: float
    radius_mm: float
    steps: int
    density: float = 0.00065

    def profile(self, x: float) -> float:
        """Target radius of a baluster at position x in [0, 1)."""
        bead = 0.18 * math.sin(math.pi * 6 * x) ** 2
        taper = 0.35 * x
        return self.radius_mm * (0.55 + bead - 0.25 * taper)


class ToolRack:
    def __init__(self, **tools: int) -> None:
        self.lock = threading.Lock()
        self.tools: dict[str, int] = dict(tools)
        self.borrowed: list[str] = []

    @property
    def free_gouges(self) -> int:
        return self.tools.get("gouge", 0)


class ToolCheckout:
    """Context manager: hold the rack's lock while tools are counted out."""

    def __init__(self, rack: ToolRack) -> None:
        self.rack = rack

    def __enter__(self) -> ToolRack:
        self.rack.lock.acquire()
        return self.rack

    def __exit__(self, exc_type, exc, tb) -> None:
        self.rack.lock.release()


@dataclass
class Shop:
    rack: ToolRack
    shavings_g: float = 0.0
    finished: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def machine_done(self, name: str) -> None:
        with self._lock:
            self.finished.append(name)


class Machine(threading.Thread):
    """Template: warm up, do the work, report back to the shop."""

    def __init__(self, shop: Shop, name: str, **kwargs) -> None:
        super().__init__(name=name, daemon=True, **kwargs)
        self.shop = shop
        self.started_at = 0.0

    def warm_up(self) -> None:
        time.sleep(0.002)

    def work(self) -> None:
        raise NotImplementedError

    def run(self) -> None:
        self.started_at = time.perf_counter()
        self.warm_up()
        self.work()
        self.shop.machine_done(self.name)
        log.info("%s done in %.0f ms", self.name, (time.perf_counter() - self.started_at) * 1000)


class Lathe(Machine):
    def __init__(self, shop: Shop, name: str, blank: Blank, **kwargs) -> None:
        super().__init__(shop, name, **kwargs)
        self.blank = blank
        self.has_gouge = False

    def warm_up(self) -> None:
        super().warm_up()
        rack = self.shop.rack
        if rack.free_gouges > 0:  # expect: GIL003
            rack.tools["gouge"] -= 1  # expect: GIL002
            self.has_gouge = True

    def work(self) -> None:
        self.turn(self.blank)

    def turn(self, blank: Blank) -> None:
        radius = blank.radius_mm
        slice_mm = blank.length_mm / blank.steps
        for step in range(blank.steps):  # expect: GIL001
            target = blank.profile(step / blank.steps)
            if target < radius:
                removed = math.pi * (radius * radius - target * target) * slice_mm * blank.density
                self.shop.shavings_g += removed  # expect: GIL002


class Sander(Machine):
    def __init__(self, shop: Shop, name: str, passes: int, **kwargs) -> None:
        super().__init__(shop, name, **kwargs)
        self.passes = passes
        self.sheets_used = 0

    def work(self) -> None:
        for pass_no in range(self.passes):  # ok: GIL001
            with ToolCheckout(self.shop.rack) as rack:
                if rack.tools["sandpaper"] > 0:  # ok: GIL003
                    rack.tools["sandpaper"] -= 1  # ok: GIL002
                    rack.borrowed.append(f"{self.name}#{pass_no}")
                    self.sheets_used += 1
            time.sleep(0.01)


def open_shop(blanks: list[Blank], sanders: int = 2) -> Shop:
    shop = Shop(ToolRack(gouge=1, skew=1, sandpaper=5))
    machines: list[Machine] = [Lathe(shop, f"lathe-{b.species}", b) for b in blanks]
    machines += [Sander(shop, f"sander-{i}", passes=3) for i in range(sanders)]
    for machine in machines:
        machine.start()
    for machine in machines:
        machine.join()
    return shop


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)-13s %(message)s")
    blanks = [Blank("ash", 300.0, 30.0, steps=150_000), Blank("walnut", 240.0, 25.0, steps=150_000)]
    started = time.perf_counter()
    shop = open_shop(blanks)
    print(f"finished {sorted(shop.finished)}; shavings {shop.shavings_g:.1f} g; "
          f"tools left {shop.rack.tools}; {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
