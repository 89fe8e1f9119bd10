"""Post-processing of OCR output for supplier invoices.

Raw OCR text goes through a generator pipeline (split lines, repair glyph
confusions, classify lines into fields).  Vendor names are snapped to the
supplier directory by edit distance; amounts are converted to EUR with rates
from the treasury service.  Pages are processed on a thread pool.
"""
import functools
import logging
import random
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("ocr.post")

VENDORS = [f"{a} {b}" for a in ("Nordwind", "Alpen", "Hansa", "Rhein", "Baltic", "Elbe", "Donau",
                                 "Spree", "Isar", "Weser")
           for b in ("Logistik GmbH", "Papier AG", "Elektro KG", "Bau GmbH", "Foods SE", "IT Services")]
VENDOR_CACHE = {}
RATES = {"EUR": 1.0}
RATES_LOCK = threading.Lock()
_tls = threading.local()
GLYPH_FIXES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "S": "5", "B": "8"})
DIGIT_O = re.compile(r"(?<=\d)O|O(?=\d)")
AMOUNT = re.compile(r"(?P<amount>[0-9OoIlSB.]+,[0-9OoIlSB]{2})\s*(?P<cur>[A-Z]{3})?\s*$")


class RateServiceError(RuntimeError):
    pass


def retry(times=3, delay=0.002, on=(Exception,)):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(times):  # ok: GIL001
                try:
                    return fn(*args, **kwargs)
                except on:
                    if attempt == times - 1:
                        raise
                    time.sleep(delay * 2 ** attempt)
        return wrapper
    return decorate


_flaky = {"calls": 0}


@retry(times=3, on=(RateServiceError,))
def fetch_rate(code):
    """Treasury rate service (simulated): slow, and fails on every third call."""
    time.sleep(0.003)
    _flaky["calls"] += 1  # ok: GIL002
    if _flaky["calls"] % 3 == 0:
        raise RateServiceError("503 from treasury")
    return {"USD": 0.92, "GBP": 1.17, "CHF": 1.04}.get(code, 1.0)


def eur_rate(code):
    with RATES_LOCK:
        if code not in RATES:  # ok: GIL003
            RATES[code] = fetch_rate(code)
        return RATES[code]


def levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def best_vendor(raw):
    return min(VENDORS, key=lambda v: levenshtein(raw, v.lower()))


def resolve_vendor(raw):
    key = " ".join(raw.lower().split())
    if key not in VENDOR_CACHE:  # expect: GIL003
        VENDOR_CACHE[key] = best_vendor(key)
    return VENDOR_CACHE[key]


def iter_lines(text):
    for line in text.splitlines():
        line = line.strip()
        if line:
            yield line


def classify(lines):
    for index, line in enumerate(lines):
        if index == 0:
            yield "vendor", line
        elif line.lower().startswith(("invoice", "rechnung")):
            yield "number", DIGIT_O.sub("0", line.split(":", 1)[-1].strip())
        elif (m := AMOUNT.search(line)) is not None:
            value = m["amount"].translate(GLYPH_FIXES).replace(".", "").replace(",", ".")
            kind = "total" if line.lower().startswith(("total", "summe")) else "item"
            yield kind, (float(value), m["cur"] or "EUR")


@dataclass
class ParsedInvoice:
    page: int
    vendor: str = ""
    number: str = ""
    items_eur: list = field(default_factory=list)
    total_eur: float = 0.0

    @property
    def consistent(self):
        return abs(sum(self.items_eur) - self.total_eur) < 0.05


def process_page(page_no, text):
    _tls.pages = getattr(_tls, "pages", 0) + 1  # ok: GIL002
    inv = ParsedInvoice(page_no)
    for kind, value in classify(iter_lines(text)):  # expect: GIL001
        if kind == "vendor":
            inv.vendor = resolve_vendor(value)
        elif kind == "number":
            inv.number = value
        else:
            amount, currency = value
            eur = round(amount * eur_rate(currency), 2)
            if kind == "item":
                inv.items_eur.append(eur)
            else:
                inv.total_eur = eur
    return inv


def noisy(rng, text, rate=0.05):
    swaps = {"o": "0", "l": "1", "e": "c", "a": "o", "n": "m", "i": "l"}
    return "".join(swaps.get(ch, ch) if rng.random() < rate else ch for ch in text)


def fake_scan(rng, page_no):
    vendor = VENDORS[rng.randrange(len(VENDORS))]
    cur = rng.choice(["EUR", "EUR", "USD", "GBP"])
    items = [round(rng.uniform(5, 400), 2) for _ in range(rng.randrange(2, 6))]
    lines = [noisy(rng, vendor), f"Invoice No: INV-2O24-{page_no:04d}"]
    lines += [f"Pos {i}  {rng.randrange(1, 9)} x   {a:.2f} {cur}".replace(".", ",") for i, a in enumerate(items)]
    lines.append(f"Total: {sum(items):.2f} {cur}".replace(".", ","))
    return "\n".join(lines)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rng = random.Random(31)
    pages = [fake_scan(rng, n) for n in range(90)]
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="ocr") as pool:
        invoices = list(pool.map(process_page, range(len(pages)), pages))
    bad = [inv.page for inv in invoices if not inv.consistent]
    log.info("post-processed %d pages in %.2fs; %d vendor keys cached; rates %s; inconsistent: %s",
             len(invoices), time.perf_counter() - t0, len(VENDOR_CACHE), RATES, bad)
    for inv in invoices[:3]:
        log.info("page %d: %-24s %s total %.2f EUR", inv.page, inv.vendor, inv.number, inv.total_eur)
