#!/usr/bin/env python3
"""Hospital pharmacy dispensing run: each ward's medication orders are
screened for interactions and drawn from the shared automated cabinet."""
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import NamedTuple


class Rx(NamedTuple):
    patient: str
    drug: str
    qty: int


cabinet = {"heparin": 60, "insulin": 80, "morphine": 25, "amoxicillin": 120, "warfarin": 30}
recalled = {"ranitidine"}
cabinet_lock = threading.Lock()
doses_dispensed = 0
interaction_cache = {}


def interaction_score(drug_a, drug_b):
    """Pairwise screening model (a stand-in for the vendor's scoring kernel)."""
    h = 0
    n = 0
    while n < 15000:  # expect: GIL001
        h = (h * 33 + len(drug_a) * n + len(drug_b)) & 0xFFFFFF
        n += 1
    return h % 100


def screen(previous_drug, drug):
    key = tuple(sorted((previous_drug, drug)))
    if key not in interaction_cache:  # expect: GIL003
        interaction_cache[key] = interaction_score(*key)
    return interaction_cache[key]


def dispense_ward(ward, orders):
    global doses_dispensed
    given = 0
    last_drug = {}                                # patient -> previous drug this run
    for rx in orders:  # ok: GIL001
        time.sleep(0.002)                         # robot arm picks the drawer
        cabinet_lock.acquire()  # expect: GIL005
        if rx.drug in recalled:
            print(f"{ward}: {rx.drug} is recalled, stopping run")
            break
        cabinet[rx.drug] -= rx.qty  # ok: GIL002
        cabinet_lock.release()
        previous = last_drug.get(rx.patient)
        if previous is not None and screen(previous, rx.drug) > 90:
            print(f"{ward}: pharmacist review for {rx.patient} ({previous}+{rx.drug})")
        last_drug[rx.patient] = rx.drug
        given += 1  # ok: GIL002
        doses_dispensed = doses_dispensed + rx.qty  # expect: GIL002
    return ward, given


def main():
    wards = {
        "ICU": [Rx("p1", "heparin", 4), Rx("p1", "morphine", 2), Rx("p2", "insulin", 6)],
        "CARD": [Rx("p3", "warfarin", 2), Rx("p3", "heparin", 3), Rx("p4", "amoxicillin", 9)],
        "SURG": [Rx("p5", "morphine", 3), Rx("p5", "amoxicillin", 6), Rx("p6", "insulin", 4)],
        "PED": [Rx("p7", "amoxicillin", 5), Rx("p7", "insulin", 2)],
    }
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(dispense_ward, w, o) for w, o in wards.items()]
        for fut in as_completed(futures):
            ward, n = fut.result()
            print(f"{ward}: {n} orders filled")
    print("doses dispensed:", doses_dispensed)
    print("cabinet now:", cabinet)
    print("interaction pairs screened:", len(interaction_cache))


if __name__ == "__main__":
    main()
