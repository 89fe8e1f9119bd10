"""Batch validation of wage and tax statements (W-2 style forms).

Forms arrive as pipe-separated lines from the payroll bureau.  They are
parsed once, then split across validator threads.  Every form runs through
the registered rules (`@rule(code)`); errors are counted per rule code for
the bureau's rejection report.
"""
import logging
import random
import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, Iterator, List, Optional

log = logging.getLogger("tax.validate")

RULES: Dict[str, Callable[["Form"], Optional[str]]] = {}
SS_WAGE_BASE_CENTS = 16_020_000
SS_RATE, MEDICARE_RATE = 0.062, 0.0145
_ctx = threading.local()


def rule(code: str):
    """Register a validation rule under its rejection code."""
    def register(fn):
        RULES[code] = fn
        return fn
    return register


@dataclass(frozen=True)
class Form:
    form_id: str
    ein: str
    ssn: str
    wages: int
    federal_wh: int
    ss_wages: int
    ss_tax: int
    medicare_tax: int
    state: str


@rule("R001-EIN")
def ein_format(form: Form) -> Optional[str]:
    digits = form.ein.replace("-", "")
    if len(digits) != 9 or not digits.isdigit() or digits[:2] in {"00", "07", "08", "09", "17", "18", "19"}:
        return "EIN malformed or unassigned prefix"
    return None


@rule("R002-SSN")
def ssn_format(form: Form) -> Optional[str]:
    area, group, serial = form.ssn.split("-")
    if area in {"000", "666"} or area.startswith("9") or group == "00" or serial == "0000":
        return "SSN not issuable"
    return None


@rule("R010-SSCAP")
def ss_wage_cap(form: Form) -> Optional[str]:
    if form.ss_wages > SS_WAGE_BASE_CENTS:
        return "social security wages above the wage base"
    return None


@rule("R011-SSTAX")
def ss_tax_matches(form: Form) -> Optional[str]:
    expected = round(form.ss_wages * SS_RATE)
    if abs(expected - form.ss_tax) > 100:
        return f"SS tax {form.ss_tax} != {expected}"
    return None


@rule("R012-MEDI")
def medicare_matches(form: Form) -> Optional[str]:
    expected = round(form.wages * MEDICARE_RATE)
    if abs(expected - form.medicare_tax) > 100:
        return f"Medicare tax {form.medicare_tax} != {expected}"
    return None


class Validator(threading.Thread):
    """Validates a slice of forms with every registered rule."""

    def __init__(self, forms: List[Form], error_counts: Dict[str, int], rejected: List[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.forms = forms
        self.error_counts = error_counts
        self.rejected = rejected

    def run(self) -> None:
        _ctx.checked = 0
        for form in self.forms:  # expect: GIL001
            _ctx.form_id = form.form_id
            problems = self.validate(form)
            _ctx.checked += 1  # ok: GIL002
            if problems:
                self.rejected.append(form.form_id)
        log.debug("%s checked %d forms", self.name, _ctx.checked)

    def validate(self, form: Form) -> List[str]:
        problems = []
        for code, check in RULES.items():
            message = check(form)
            if message:
                problems.append(f"{code}: {message}")
                self.error_counts[code] = self.error_counts.get(code, 0) + 1  # expect: GIL002
        return problems


class StateValidator(Validator):
    """Adds the state copy checks on top of the federal rules."""

    STATES_WITHOUT_INCOME_TAX = {"TX", "FL", "WA", "NV", "SD", "WY", "AK", "TN", "NH"}

    def validate(self, form: Form) -> List[str]:
        problems = super().validate(form)
        if form.state not in self.STATES_WITHOUT_INCOME_TAX and form.federal_wh == 0 and form.wages > 5_000_000:
            problems.append("S100: no withholding on high wages")
        checksum = 0
        for ch in form.form_id + form.ssn + form.ein:
            checksum = (checksum * 31 + ord(ch)) % 1_000_003
        if checksum % 997 == 0:
            problems.append("S200: duplicate-suspect checksum bucket")
        return problems


def parse_forms(lines: Iterable[str]) -> Iterator[Form]:
    """Generator over the bureau file; consumed in the main thread."""
    for line in lines:  # ok: GIL001
        f = line.rstrip("\n").split("|")
        yield Form(f[0], f[1], f[2], int(f[3]), int(f[4]), int(f[5]), int(f[6]), int(f[7]), f[8])


def bureau_file(n: int, seed: int = 1040) -> Iterator[str]:
    rng = random.Random(seed)
    states = ["CA", "NY", "TX", "OH", "FL", "IL", "WA"]
    for i in range(n):
        wages = rng.randint(1_500_000, 25_000_000)
        ss_wages = min(wages, SS_WAGE_BASE_CENTS + (rng.random() < 0.01) * 50_000)
        ss_tax = round(ss_wages * SS_RATE) + (rng.random() < 0.02) * 5_000
        ssn = f"{rng.choice(['123', '666', '412', '530'])}-{rng.randint(0, 99):02d}-{rng.randint(1, 9999):04d}"
        ein = f"{rng.choice(['12', '07', '45', '83'])}-{rng.randint(1000000, 9999999)}"
        yield (f"W2-{i:06d}|{ein}|{ssn}|{wages}|{rng.randint(0, wages // 5)}|{ss_wages}|{ss_tax}|"
               f"{round(wages * MEDICARE_RATE)}|{rng.choice(states)}\n")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    forms = list(parse_forms(bureau_file(24_000)))
    error_counts: Dict[str, int] = {}
    rejected: List[str] = []
    slices = [forms[i::3] for i in range(3)]
    validators = [StateValidator(s, error_counts, rejected, name=f"validator-{i}") for i, s in enumerate(slices)]
    t0 = time.perf_counter()
    for v in validators:
        v.start()
    for v in validators:
        v.join()
    print(f"validated {len(forms)} forms in {time.perf_counter() - t0:.2f}s; rejected {len(rejected)}")
    for code in sorted(error_counts):
        print(f"  {code:12s} {error_counts[code]}")
