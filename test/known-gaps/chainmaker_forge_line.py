"""Chain forge line: one forge thread per link size bends, welds and checks links.

Forge threads are described by spec dicts (target + kwargs) that pass through a
launcher layer.  Each link is heated along a curve built by a factory closure;
scrap is booked under the tally lock, the forged-link count is not.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List

log = logging.getLogger("chainmaker.forge")

FORGE_CONFIG = {
    "sizes_mm": [8, 10, 13],
    "links_per_size": 2_400,
    "heat_steps": 420,
    "weld_temp_c": 1_250.0,
    "quench_checks": 6,
}

links_forged = 0
tally_lock = threading.Lock()
scrap_by_size: Dict[int, int] = {}
first_scrap: Dict[int, int] = {}


def make_heat_curve(size_mm: int, peak_c: float) -> Callable[[int], float]:
    """Factory: thicker stock heats more slowly."""
    rate = 0.018 / (size_mm / 8.0)

    def curve(step: int) -> float:
        return peak_c * (1.0 - (1.0 - rate) ** step)

    return curve


@dataclass
class ForgeReport:
    size_mm: int
    welded: int = 0
    scrapped: int = 0
    peak_temps: List[float] = field(default_factory=list)


def book_scrap(size_mm: int, link_no: int) -> None:
    with tally_lock:
        scrap_by_size[size_mm] = scrap_by_size.get(size_mm, 0) + 1  # ok: GIL002
        if size_mm not in first_scrap:  # ok: GIL003
            first_scrap[size_mm] = link_no


def forge_links(size_mm: int, links: int, heat_steps: int, weld_temp_c: float,
                report: ForgeReport) -> None:
    global links_forged
    curve = make_heat_curve(size_mm, weld_temp_c * 1.08)
    welded = scrapped = 0
    for link_no in range(links):  # expect: GIL001
        temp = 0.0
        for step in range(heat_steps):
            temp = curve(step)
            if temp >= weld_temp_c:
                break
        report.peak_temps.append(round(temp, 1))
        if temp < weld_temp_c or (link_no * size_mm) % 97 == 0:
            scrapped += 1
            book_scrap(size_mm, link_no)
        else:
            welded += 1
        links_forged += 1  # expect: GIL002
    report.welded, report.scrapped = welded, scrapped


def quench_monitor(checks: int, gap_s: float, readings: List[float]) -> None:
    for n in range(checks):  # ok: GIL001
        readings.append(22.0 + n * 0.4)  # tank thermometer
        time.sleep(gap_s)


def spawn(**thread_spec: Any) -> threading.Thread:
    thread = threading.Thread(**thread_spec)
    thread.start()
    return thread


def launch(specs: List[Dict[str, Any]]) -> List[threading.Thread]:
    return [spawn(**spec) for spec in specs]


def forge_specs(config: dict, reports: Dict[int, ForgeReport]) -> List[Dict[str, Any]]:
    specs = []
    for size in config["sizes_mm"]:
        reports[size] = ForgeReport(size)
        specs.append({
            "target": forge_links,
            "name": f"forge-{size}mm",
            "kwargs": {
                "size_mm": size,
                "links": config["links_per_size"],
                "heat_steps": config["heat_steps"],
                "weld_temp_c": config["weld_temp_c"],
                "report": reports[size],
            },
        })
    return specs


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    reports: Dict[int, ForgeReport] = {}
    tank: List[float] = []
    specs = forge_specs(FORGE_CONFIG, reports)
    specs.append({"target": quench_monitor, "name": "quench",
                  "args": (FORGE_CONFIG["quench_checks"], 0.01, tank)})
    started = time.perf_counter()
    threads = launch(specs)
    for t in threads:
        t.join()
    for size, rep in sorted(reports.items()):
        log.info("%2dmm welded=%d scrapped=%d hottest=%.0fC", size, rep.welded, rep.scrapped,
                 max(rep.peak_temps))
    log.info("links_forged=%d scrap=%s first=%s tank=%d in %.2fs", links_forged,
             scrap_by_size, first_scrap, len(tank), time.perf_counter() - started)


if __name__ == "__main__":
    main()
