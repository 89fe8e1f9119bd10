"""Warehouse scanners in three processes tally stock in a Manager().dict().

Every proxy call goes to the manager process, so
`stock[sku] = stock.get(sku, 0) + qty` is two separate calls with a gap in
between where another scanner can write the same SKU: updates are lost. The
damaged-goods tally does the same update while holding a Manager().Lock(), and
each scanner's `scanned` entry is written by that scanner alone.
"""
import multiprocessing

SCANNERS = 3
SCANS_PER_SCANNER = 300
SKUS = ("bolt", "nut", "washer")


def scan(scanner_id, stock, damaged, scanned, damaged_lock):
    for n in range(SCANS_PER_SCANNER):  # ok: GIL001
        sku = SKUS[n % len(SKUS)]
        stock[sku] = stock.get(sku, 0) + 1  # expect: GIL002
        if n % 10 == 0:
            with damaged_lock:
                damaged[sku] = damaged.get(sku, 0) + 1  # ok: GIL002
        scanned[scanner_id] = n + 1  # ok: GIL002


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        stock = manager.dict()
        damaged = manager.dict()
        scanned = manager.dict()
        damaged_lock = manager.Lock()
        scanners = [multiprocessing.Process(target=scan,
                                            args=(s, stock, damaged, scanned, damaged_lock))
                    for s in range(SCANNERS)]
        for proc in scanners:
            proc.start()
        for proc in scanners:
            proc.join()
        print(f"scans per scanner: {dict(scanned)}")
        print(f"stock: {dict(stock)} (expected {SCANNERS * SCANS_PER_SCANNER // len(SKUS)} each)")
        print(f"damaged: {dict(damaged)} (expected {SCANNERS * SCANS_PER_SCANNER // 30} each)")
