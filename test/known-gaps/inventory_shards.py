"""Nightly inventory reconciliation over a dict of SKUs, sharded across threads.

The sorted SKU list is dealt out to shards by stride; each shard's stock value goes
into a list slot owned by that shard. Per-warehouse unit totals and the first SKU
seen in each warehouse are shared between the shard threads. Reorder scans run one
thread per (warehouse, shard) pair.
"""
from threading import Lock, Thread as T

N_SKUS = 480_000
WAREHOUSES = ("north", "south", "east")
SHARDS = 4
REORDER_AT = 3

inventory = {}
warehouse_units = dict.fromkeys(WAREHOUSES, 0)
first_sku = {}
touched = 0
reorder = []
report_lock = Lock()


def load_inventory(n):
    inventory.update({f"SKU{i:06d}": (WAREHOUSES[i % 3], (i * 37) % 50, 1.5 + i % 17) for i in range(n)})  # ok: GIL001


def stock_value(keys, shard, values):
    global touched
    subtotal = 0.0
    for sku in keys[shard::SHARDS]:  # expect: GIL001
        wh, units, price = inventory[sku]
        subtotal += units * price  # ok: GIL002
        warehouse_units[wh] += units  # expect: GIL002
        if wh not in first_sku:  # expect: GIL003
            first_sku[wh] = sku
    values[shard] = subtotal  # ok: GIL002
    with report_lock:
        touched += len(keys[shard::SHARDS])  # ok: GIL002


def reorder_scan(warehouse, keys, threshold):
    for sku in keys:  # expect: GIL001
        wh, units, _ = inventory[sku]
        if wh == warehouse and units < threshold:
            reorder.append(sku)  # ok: GIL002


def shards_of(keys, shards):
    for shard in range(shards):  # ok: GIL001
        yield shard, keys[shard::shards]


def summarize(names):
    for wh in names:  # ok: GIL001
        print(f"{wh:>6}: {warehouse_units[wh]:>9} units, first {first_sku.get(wh)}")


def reconcile(n_skus):
    load_inventory(n_skus)
    keys = sorted(inventory)
    values = [0.0] * SHARDS
    valuers = [T(target=stock_value, args=(keys, s, values)) for s in range(SHARDS)]
    scanners = []
    for wh in WAREHOUSES:
        for shard, part in shards_of(keys, SHARDS):
            scanners.append(T(target=reorder_scan, args=(wh, part, REORDER_AT), name=f"scan-{wh}-{shard}"))
    for t in valuers + scanners:
        t.start()
    for t in valuers + scanners:
        t.join()
    reporter = T(target=summarize, args=(WAREHOUSES,))
    reporter.start()
    reporter.join()
    print(f"stock value {sum(values):,.2f} over {touched} SKUs; {len(reorder)} to reorder")


if __name__ == "__main__":
    reconcile(N_SKUS)
