"""Pharmacy reorders: Semaphore(1) guards the stock, BoundedSemaphore(2) throttles suppliers."""
import threading
import time

REORDER_AT = 4
REORDER_QTY = 10
stock = {"insulin": 12, "warfarin": 8, "epipen": 5}
pending = set()
stock_guard = threading.Semaphore(1)
supplier_slots = threading.BoundedSemaphore(2)
audit_log = []


def call_supplier(drug, qty):
    with supplier_slots:
        time.sleep(0.05)  # order call to the wholesaler
    with stock_guard:
        stock[drug] += qty  # ok: GIL002
        pending.discard(drug)


def dispense(drug, qty):
    with stock_guard:
        if stock[drug] < qty:  # ok: GIL003
            return False
        stock[drug] -= qty  # ok: GIL002
        reorder = stock[drug] <= REORDER_AT and drug not in pending
        if reorder:  # ok: GIL003
            pending.add(drug)
    if reorder:
        call_supplier(drug, REORDER_QTY)
    return True


def pharmacist(requests, served):
    for drug, qty in requests:  # ok: GIL001
        if dispense(drug, qty):
            served.append(drug)
        time.sleep(0.005)  # counsel the patient


def audit_stock():
    with stock_guard:
        for drug, units in stock.items():  # ok: GIL001
            audit_log.append((drug, units))


if __name__ == "__main__":
    drugs = sorted(stock)
    plans = [[(drugs[(i + k) % 3], 1 + i % 2) for i in range(30)] for k in range(3)]
    served = []
    start = time.perf_counter()
    staff = [threading.Thread(target=pharmacist, args=(plan, served)) for plan in plans]
    audit = threading.Timer(0.1, audit_stock)
    audit.start()
    for t in staff:
        t.start()
    for t in staff:
        t.join()
    audit.join()
    print(f"served {len(served)} of {sum(len(p) for p in plans)} requests "
          f"in {time.perf_counter() - start:.2f}s")
    print(f"stock now {stock}, audit at 0.1s saw {audit_log}")
