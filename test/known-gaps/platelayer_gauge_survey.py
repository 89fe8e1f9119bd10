"""Platelayer gauge survey.

Each track section is surveyed on its own thread: the trolley trace is
synthesised sample by sample, wide-gauge defects are classified into bands
and a short report per section is written to the survey directory.
"""
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, List

log = logging.getLogger("platelayer.gauge")

NOMINAL_MM = 1435.0
SURVEY = {"samples": 150_000, "tolerance_mm": 4.99, "report_lines": 20}

defect_bands: Dict[str, int] = {}
_profile_cache: Dict[str, "CurveProfile"] = {}
_cache_lock = threading.Lock()


@dataclass(frozen=True)
class Section:
    name: str
    line: str
    seed: int


@dataclass(frozen=True)
class CurveProfile:
    section: str
    radius_m: float

    @property
    def widening_mm(self) -> float:
        return 0.0 if self.radius_m > 350 else round(350 / self.radius_m, 2)


def gauge_at(chainage: int, seed: int) -> float:
    x = (chainage * 2_654_435_761 + seed) % 10_007
    return NOMINAL_MM + (x - 5_003) / 1_000.0


def classify(deviation_mm: float) -> str:
    if deviation_mm > 0:
        return "wide-severe" if deviation_mm > 4.995 else "wide"
    return "tight-severe" if deviation_mm < -4.995 else "tight"


def load_profile(section: Section) -> CurveProfile:
    with _cache_lock:
        if section.name not in _profile_cache:  # ok: GIL003
            _profile_cache[section.name] = CurveProfile(section.name, 400.0 + section.seed * 10)
        return _profile_cache[section.name]


def write_report(path: str, section: Section, wide: List[float], limit: int) -> int:
    written = 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(f"section {section.name} on {section.line}\n")
        for dev in wide[:limit]:
            fh.write(f"{dev:+.3f}\n")
            written += 1
    return written


def survey_section(section: Section, samples: int, tolerance_mm: float,
                   out_dir: str, planned: Dict[str, int], report_lines: int) -> int:
    profile = load_profile(section)
    tol = tolerance_mm + profile.widening_mm
    log.info("surveying %s (%d runs planned on %s)", section.name,
             planned[section.line], section.line)
    wide = [dev for dev in (gauge_at(ch, section.seed) - NOMINAL_MM for ch in range(samples)) if abs(dev) > tol]  # expect: GIL001
    for dev in wide:
        band = classify(dev)
        defect_bands[band] = defect_bands.get(band, 0) + 1  # expect: GIL002
    report = os.path.join(out_dir, f"{section.name}.txt")
    write_report(report, section, wide, report_lines)
    return len(wide)


def make_job(section: Section, results: Dict[str, int], **kwargs) -> Callable[[], None]:
    """Factory: the closure it returns becomes the thread target."""
    def job() -> None:
        started = time.perf_counter()
        results[section.name] = survey_section(section, **kwargs)
        log.info("%s done in %.1f ms", section.name, (time.perf_counter() - started) * 1e3)
    job.__name__ = f"survey_{section.name}"
    return job


def plan_runs(sections: List[Section]) -> Dict[str, int]:
    planned: Dict[str, int] = {}
    for s in sections:
        planned[s.line] = planned.get(s.line, 0) + 1  # ok: GIL002
    return planned


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    sections = [Section("DN-101", "Down Main", 11), Section("UP-102", "Up Main", 23),
                Section("DN-103", "Down Main", 37)]
    planned = plan_runs(sections)
    results: Dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="gauge-") as out_dir:
        threads = [
            threading.Thread(target=make_job(s, results, samples=SURVEY["samples"],
                                             tolerance_mm=SURVEY["tolerance_mm"],
                                             out_dir=out_dir, planned=planned,
                                             report_lines=SURVEY["report_lines"]),
                             name=f"survey-{s.name}")
            for s in sections
        ]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        reports = sorted(os.listdir(out_dir))
    print(f"surveyed {len(sections)} sections in {elapsed:.2f}s; reports: {reports}")
    print(f"defects per section = {results}")
    print(f"defect bands = {dict(sorted(defect_bands.items()))} "
          f"(total {sum(defect_bands.values())}, expected {sum(results.values())})")


if __name__ == "__main__":
    main()
