#!/usr/bin/env python3
"""Minimal parallel test runner: collects test_* functions from this module and runs them on a pool."""
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor, as_completed

passed = 0
failed = 0
total_time = 0.0
failures = []
report_lock = threading.Lock()


def test_fibonacci_mod():
    a, b = 0, 1
    for _ in range(300_000):  # expect: GIL001
        a, b = b, (a + b) % 1_000_007
    assert 0 <= a < 1_000_007


def test_fixture_roundtrip():
    attempt = 0
    for attempt in range(4):  # ok: GIL001
        time.sleep(0.02)
    assert attempt == 3


def test_render_table():
    cells = [f"{i:>6}|{i * i:>10}" for i in range(30_000)]  # expect: GIL001
    assert len(cells[-1]) == 17


def test_known_bad_rounding():
    assert round(2.675, 2) == 2.68, "float rounding surprise"


def test_slow_service_stub():
    time.sleep(0.1)
    assert "ok".upper() == "OK"


def run_one(name, fn):
    global passed, failed, total_time
    start = time.perf_counter()
    try:
        fn()
        passed += 1  # expect: GIL002
        outcome = "PASS"
    except AssertionError:
        failed += 1  # expect: GIL002
        outcome = "FAIL"
        with report_lock:
            failures.append((name, traceback.format_exc(limit=1).strip().splitlines()[-1]))
    elapsed = time.perf_counter() - start
    with report_lock:
        total_time += elapsed  # ok: GIL002
    return name, outcome, elapsed


def collect(namespace):
    return sorted((n, f) for n, f in namespace.items() if n.startswith("test_") and callable(f))


def main():
    tests = collect(globals())
    print(f"collected {len(tests)} tests")
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="testrunner") as pool:
        futures = [pool.submit(run_one, name, fn) for name, fn in tests]
        for fut in as_completed(futures):
            name, outcome, elapsed = fut.result()
            print(f"  {outcome:4} {name} ({elapsed * 1000:.1f} ms)")
    for name, msg in failures:
        print(f"FAILED {name}: {msg}")
    print(f"{passed} passed, {failed} failed; cumulative {total_time:.2f}s")


if __name__ == "__main__":
    main()
