"""Actuarial reference tables: exact partial sums of classic series with fractions.Fraction."""
import threading
from fractions import Fraction

TERMS = 3000               # exact terms summed per series (denominators grow to hundreds of digits)
CHECKPOINT = 500           # publish every 500th partial sum -> 6 ledger rows per series
CF_TERMS = [1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]   # sqrt(2), 20 terms

ledger = []
ledger_lock = threading.Lock()
progress = {}
progress_lock = threading.Lock()


def partial_sums(term):
    total = Fraction(0)
    checkpoints = []
    for k in range(1, TERMS + 1):  # expect: GIL001
        total += term(k)
        if k % CHECKPOINT == 0:
            checkpoints.append((k, total))
    return checkpoints


def convergent(terms):
    value = Fraction(terms[-1])
    for a in reversed(terms[:-1]):  # ok: GIL001
        value = a + 1 / value
    return value


def publish(series_name, checkpoints):
    for k, value in checkpoints:
        ledger_lock.acquire()  # expect: GIL005
        if value.denominator == 1:
            continue       # integers need no decimal expansion
        ledger.append((series_name, k, float(value), len(str(value.denominator))))
        ledger_lock.release()


def record_progress(series_name):
    progress_lock.acquire()  # ok: GIL005
    try:
        progress[series_name] = "done"
    finally:
        progress_lock.release()


def tabulate(series_name, term):
    publish(series_name, partial_sums(term))
    record_progress(series_name)


def main():
    series = {"harmonic": lambda k: Fraction(1, k),
              "basel": lambda k: Fraction(1, k * k),
              "alternating": lambda k: Fraction((-1) ** (k + 1), k)}
    threads = [threading.Thread(target=tabulate, args=item) for item in series.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for name, k, approx, digits in sorted(ledger):
        print(f"{name:>11} S({k:4d}) = {approx:.12f}  ({digits}-digit denominator)")
    print("sqrt(2) convergent:", float(convergent(CF_TERMS)), progress)


if __name__ == "__main__":
    main()
