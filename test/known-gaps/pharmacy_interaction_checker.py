"""Pharmacy prescription verifier: check new prescriptions for interactions and steady-state dosing."""
import random
import threading
import time

INTERACTIONS = {
    ("clarithromycin", "simvastatin"): "major",
    ("amiodarone", "warfarin"): "major",
    ("ibuprofen", "lisinopril"): "moderate",
    ("metformin", "prednisone"): "moderate",
    ("omeprazole", "warfarin"): "minor",
}
HALF_LIFE_H = {"warfarin": 40, "metformin": 6, "lisinopril": 12, "simvastatin": 3,
               "amiodarone": 58, "prednisone": 3, "clarithromycin": 5, "omeprazole": 1}
formulary_cache = {}
flags = {"major": 0, "moderate": 0, "minor": 0}
audit_lock = threading.Lock()
audit_counts = {}


def lookup_formulary(drug):
    time.sleep(0.001)  # formulary database round trip
    return {"drug": drug, "class": drug[:4].upper(), "half_life": HALF_LIFE_H[drug]}


def steady_state_level(dose_mg, half_life_h, interval_h):
    level, k = 0.0, 0.693 / half_life_h
    for hour in range(24 * 60):
        if hour % interval_h == 0:
            level += dose_mg  # ok: GIL002
        level -= level * k
    return level


def verify_batch(pharmacist, batch, results):
    for rx in batch:  # expect: GIL001
        drug = rx["drug"]
        if drug not in formulary_cache:  # expect: GIL003
            formulary_cache[drug] = lookup_formulary(drug)
        info = formulary_cache[drug]
        for other in rx["current_meds"]:
            severity = INTERACTIONS.get(tuple(sorted((drug, other))))
            if severity:
                flags[severity] += 1  # expect: GIL002
        level = steady_state_level(rx["dose"], info["half_life"], rx["every_h"])
        results.append((rx["id"], round(level, 1)))
        with audit_lock:
            audit_counts[pharmacist] = audit_counts.get(pharmacist, 0) + 1  # ok: GIL002


def incoming(n, seed=11):
    rng = random.Random(seed)
    drugs = sorted(HALF_LIFE_H)
    return [{"id": f"RX{i:05d}", "drug": rng.choice(drugs), "dose": rng.choice([5, 10, 20, 500]),
             "every_h": rng.choice([8, 12, 24]), "current_meds": rng.sample(drugs, 3)} for i in range(n)]


if __name__ == "__main__":
    queue_of_rx = incoming(1500)
    results = []
    start = time.perf_counter()
    staff = ["Patel", "Nguyen", "Schmidt"]
    threads = [threading.Thread(target=verify_batch, args=(name, queue_of_rx[i::3], results))
               for i, name in enumerate(staff)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"verified {len(results)} prescriptions in {time.perf_counter() - start:.2f}s")
    print("interaction flags:", flags, "audit:", audit_counts)
    print(f"formulary entries cached: {len(formulary_cache)}")
