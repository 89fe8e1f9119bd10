#!/usr/bin/env python3
"""Marking service that derives per-variant answer keys on demand.

Every exam variant's key is derived from the exam seed (expensive), so the
markers cache keys. Two caches exist: the old module-level dict and the
newer KeyStore with a lock. A cache warm-up thread uses functools.partial.
"""
import functools
import threading
import time

legacy_keys = {}


def derive_key(exam_id, variant, questions=20):
    state = hash((exam_id, variant)) & 0xFFFFFFFF
    key = []
    for _ in range(questions * 1500):  # expect: GIL001
        state = (state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        if len(key) < questions and state >> 61 == 0:
            key.append("ABCD"[state & 3])
    return "".join(key).ljust(questions, "A")


class KeyStore:
    def __init__(self):
        self._lock = threading.Lock()
        self._keys = {}
        self.derivations = 0

    def get(self, exam_id, variant):
        with self._lock:
            if (exam_id, variant) not in self._keys:  # ok: GIL003
                self._keys[(exam_id, variant)] = derive_key(exam_id, variant)
                self.derivations += 1  # ok: GIL002
            return self._keys[(exam_id, variant)]


def legacy_key(exam_id, variant):
    if (exam_id, variant) not in legacy_keys:  # expect: GIL003
        legacy_keys[(exam_id, variant)] = derive_key(exam_id, variant)
    return legacy_keys[(exam_id, variant)]


def make_marker(store, scripts, use_legacy):
    marked = 0
    score_sum = 0

    def mark_all():
        nonlocal marked, score_sum
        for exam_id, variant, answers in scripts:
            time.sleep(0.002)  # fetch the scanned script from object storage
            key = legacy_key(exam_id, variant) if use_legacy else store.get(exam_id, variant)
            score_sum += sum(a == k for a, k in zip(answers, key))  # expect: GIL002
            marked += 1  # expect: GIL002

    def summary():
        return marked, score_sum

    return mark_all, summary


def main():
    scripts = [("MATH-FINAL", f"v{i % 3}", "ABCDABCDABCDABCDABCD") for i in range(18)]
    resits = [("PHYS-RESIT", f"v{i % 2}", "BBBBCCCCDDDDAAAABBBB") for i in range(10)]
    store = KeyStore()
    mark_new, summary_new = make_marker(store, scripts, use_legacy=False)
    mark_old, summary_old = make_marker(store, resits, use_legacy=True)
    markers = [threading.Thread(target=mark_new) for _ in range(3)]
    markers += [threading.Thread(target=mark_old) for _ in range(2)]
    markers.append(threading.Thread(target=functools.partial(legacy_key, "PHYS-RESIT", "v0")))
    for m in markers:
        m.start()
    for m in markers:
        m.join()
    for label, summary in (("final", summary_new), ("resit", summary_old)):
        marked, total = summary()
        print(f"{label}: marked {marked} scripts, mean score {total / marked:.1f}/20")
    print(f"KeyStore derivations: {store.derivations}; legacy cache size: {len(legacy_keys)}")


if __name__ == "__main__":
    main()
