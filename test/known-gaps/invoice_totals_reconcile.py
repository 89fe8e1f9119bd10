"""Pre-posting reconciliation of OCR'd invoices.

Before invoices are posted to the ledger, every invoice's line items are
re-summed (net, VAT per rate, gross) and compared with the totals printed on
the document, and a registry of plausibility rules is run over each one.
Reconciliation and rule checks run on worker threads over slices of the
day's invoices; both are built by small factories so the posting job can
configure tolerances and rule sets per client.
"""
import logging
import random
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("reconcile")

RULES = {}
SUMMARY = {"invoices": 0, "batches": 0}
VAT_RATES_BP = (0, 700, 1900)


def rule(name):
    """Register a plausibility rule: fn(invoice, tolerance) -> problem text or None."""
    def register(fn):
        RULES[name] = fn
        return fn
    return register


def round_half_up(numerator, denominator):
    return (2 * numerator + denominator) // (2 * denominator)


@dataclass(frozen=True)
class LineItem:
    position: int
    qty: int
    unit_cents: int
    vat_bp: int


@dataclass
class Invoice:
    id: str
    items: list
    stated_gross: int
    currency: str = "EUR"
    notes: list = field(default_factory=list)

    @property
    def net_cents(self):
        return sum(i.qty * i.unit_cents for i in self.items)


@rule("known_vat_rate")
def check_vat_rates(inv, tolerance):
    odd = [i.position for i in inv.items if i.vat_bp not in VAT_RATES_BP]
    return f"unknown VAT rate on positions {odd}" if odd else None


@rule("unique_positions")
def check_positions(inv, tolerance):
    seen = set()
    for item in inv.items:
        if item.position in seen:
            return f"position {item.position} repeated"
        seen.add(item.position)
    return None


@rule("plausible_quantities")
def check_quantities(inv, tolerance):
    heavy = [i.position for i in inv.items if i.qty > 500 or i.unit_cents * i.qty > 5_000_000]
    return f"implausible quantity on {heavy}" if heavy else None


def best_explanation(inv, discounts_bp):
    """Smallest gap between re-computed and stated gross over cash discounts and VAT modes."""
    best = None
    for discount_bp in discounts_bp:
        for vat_per_line in (True, False):
            net = vat = 0
            buckets = {}
            for item in inv.items:
                line = item.qty * item.unit_cents
                line -= round_half_up(line * discount_bp, 10_000)
                net += line
                if vat_per_line:
                    vat += round_half_up(line * item.vat_bp, 10_000)
                else:
                    buckets[item.vat_bp] = buckets.get(item.vat_bp, 0) + line  # ok: GIL002
            if not vat_per_line:
                vat = sum(round_half_up(amount * bp, 10_000) for bp, amount in buckets.items())
            gap = abs(net + vat - inv.stated_gross)
            if best is None or gap < best[0]:
                best = (gap, discount_bp, vat_per_line)
    return best


@rule("duplicate_lines")
def check_duplicate_lines(inv, tolerance):
    items = inv.items
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            a, b = items[i], items[j]
            if a.qty == b.qty and abs(a.unit_cents - b.unit_cents) <= tolerance:
                return f"positions {a.position} and {b.position} look duplicated"
    return None


@rule("round_unit_prices")
def check_round_prices(inv, tolerance):
    round_lines = [i.position for i in inv.items if i.unit_cents % 100 == 0 and i.qty % 10 == 0]
    return f"round prices and quantities on {round_lines}" if len(round_lines) > 2 else None


@rule("vat_share")
def check_vat_share(inv, tolerance):
    net = inv.net_cents
    vat = sum(round_half_up(i.qty * i.unit_cents * i.vat_bp, 10_000) for i in inv.items)
    return "VAT above 19% of net" if net and vat * 10_000 > net * (VAT_RATES_BP[-1] + 1) else None


def make_reconciler(invoices, tolerance_cents, **options):
    """Build (worker, report) sharing one set of running totals across all worker threads."""
    processed = 0
    drift_cents = 0
    mismatched = []
    discounts = options.get("cash_discounts_bp", (0, 200, 300))

    def worker(start, stop):
        nonlocal processed, drift_cents
        for inv in invoices[start:stop]:  # expect: GIL001
            gap, discount_bp, per_line = best_explanation(inv, discounts)
            if gap > tolerance_cents:
                mismatched.append(inv.id)
            elif discount_bp:
                inv.notes.append(f"gross matches after {discount_bp / 100:.0f}% cash discount")
            drift_cents += gap  # expect: GIL002
            processed += 1  # expect: GIL002

    def report():
        return processed, len(mismatched), drift_cents

    return worker, report


def make_validator(rule_names, tolerance_cents=2):
    """Build a validator with its own counters; call once per worker thread."""
    checked = 0
    findings = []
    rules = [RULES[name] for name in rule_names]

    def validate(invoices):
        nonlocal checked
        for inv in invoices:  # expect: GIL001
            for check in rules:
                problem = check(inv, tolerance_cents)
                if problem:
                    findings.append((inv.id, problem))
            checked += 1  # ok: GIL002
        validate.checked = checked

    validate.findings = findings
    return validate


def generate_invoices(rng, count):
    invoices = []
    for n in range(count):  # ok: GIL001
        items = [LineItem(p, rng.randrange(1, 40), rng.randrange(99, 25_000), rng.choice(VAT_RATES_BP))
                 for p in range(1, rng.randrange(3, 12))]
        gross = sum(i.qty * i.unit_cents + round_half_up(i.qty * i.unit_cents * i.vat_bp, 10_000)
                    for i in items)
        if n % 250 == 0:
            gross += rng.choice([-100, 1, 5000])  # OCR misread a digit
        invoices.append(Invoice(f"R-{n:06d}", items, gross))
    return invoices


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rng = random.Random(17)
    invoices = generate_invoices(rng, 16_000)
    SUMMARY["invoices"] += len(invoices)  # ok: GIL002
    SUMMARY["batches"] += 1  # ok: GIL002
    workers = 3
    bounds = [(i * len(invoices) // workers, (i + 1) * len(invoices) // workers) for i in range(workers)]
    reconcile, report = make_reconciler(invoices, tolerance_cents=2, cash_discounts_bp=(0, 200, 300))
    validators = [make_validator(sorted(RULES)) for _ in range(workers)]
    t0 = time.perf_counter()
    threads = []
    for start, stop in bounds:
        threads.append(threading.Thread(target=reconcile, args=(start, stop), name=f"recon-{start}"))
    threads += [threading.Thread(target=v, args=(invoices[a:b],), name=f"rules-{a}")
                for v, (a, b) in zip(validators, bounds)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    processed, mismatches, drift = report()
    checked = sum(v.checked for v in validators)
    findings = sum(len(v.findings) for v in validators)
    log.info("%d of %d invoices reconciled in %.2fs: %d mismatches, drift %d cents; "
             "%d rule checks, %d findings", processed, SUMMARY["invoices"], time.perf_counter() - t0,
             mismatches, drift, checked, findings)


if __name__ == "__main__":
    main()
