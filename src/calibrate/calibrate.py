"""Micro-benchmarks that give GIL Lens's cost profile for one Python interpreter.

Run by `gil-lens calibrate --python PATH`; prints one JSON object on stdout. Operation costs are the fastest of
several timed runs of a loop doing eight operations of one kind, minus what the loop and the surrounding loads
and stores cost, in nanoseconds per operation. Scheduler figures come from small threaded programs timed against
their sequential twins. Standard library only; runs on Python 3.8+. Takes about ten seconds; run it on a quiet
machine.
"""
import json
import multiprocessing
import sys
import sysconfig
import threading
import time

N = 100_000
REPEATS = 9


def fastest_ns(fn, n=N):
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter_ns()
        fn(n)
        best = min(best, (time.perf_counter_ns() - start) / n)
    return best


G1 = 1
G2 = 2


class Obj:
    def __init__(self):
        self.a = 1


LOCAL = threading.local()
LOCAL.a = 1


def empty(n):
    for _ in range(n):
        pass


def locals_(n):
    y = 1
    for _ in range(n):
        x = y; x = y; x = y; x = y; x = y; x = y; x = y; x = y  # noqa: E702


def globals_(n):
    global G2
    for _ in range(n):
        G2 = G1; G2 = G1; G2 = G1; G2 = G1; G2 = G1; G2 = G1; G2 = G1; G2 = G1  # noqa: E702


def attrs(n):
    o = Obj()
    for _ in range(n):
        x = o.a; x = o.a; x = o.a; x = o.a; x = o.a; x = o.a; x = o.a; x = o.a  # noqa: E702


def thread_local_attrs(n):
    o = LOCAL
    for _ in range(n):
        x = o.a; x = o.a; x = o.a; x = o.a; x = o.a; x = o.a; x = o.a; x = o.a  # noqa: E702


def items(n):
    d = {"k": 1}
    for _ in range(n):
        x = d["k"]; x = d["k"]; x = d["k"]; x = d["k"]; x = d["k"]; x = d["k"]; x = d["k"]; x = d["k"]  # noqa: E702


def arith(n):
    a, b = 3, 4
    for _ in range(n):
        x = a + b; x = a * b; x = a % b; x = a - b; x = a + b; x = a * b; x = a % b; x = a - b  # noqa: E702


def f():
    pass


def py_calls(n):
    g = f
    for _ in range(n):
        g(); g(); g(); g(); g(); g(); g(); g()  # noqa: E702


def c_calls(n):
    lst = [1]
    ln = len
    for _ in range(n):
        ln(lst); ln(lst); ln(lst); ln(lst); ln(lst); ln(lst); ln(lst); ln(lst)  # noqa: E702


def builds(n):
    a, b = 1, 2
    for _ in range(n):
        x = (a, b); x = [a, b]; x = (a, b); x = [a, b]; x = (a, b); x = [a, b]; x = (a, b); x = [a, b]  # noqa: E702


def locks(n):
    lock = threading.Lock()
    for _ in range(n):
        with lock:
            pass


def c_steps(n):
    sum(range(n * 10))


def operation_costs():
    loop = fastest_ns(empty)
    local = (fastest_ns(locals_) - loop) / 16  # eight loads and eight stores
    per8 = lambda fn: (fastest_ns(fn) - loop) / 8  # noqa: E731
    return {
        "iter": loop,
        "local": local,
        "global": per8(globals_) / 2,  # a load and a store each
        "attr": per8(attrs) - local,  # minus the store of the result
        "tlattr": per8(thread_local_attrs) - local,
        "item": per8(items) - 2 * local,  # minus the constant key and the store
        "arith": per8(arith) - 3 * local,  # minus two loads and a store
        "pycall": per8(py_calls) - 2 * local,  # minus loading the function and dropping the result
        "ccall": per8(c_calls) - 3 * local,
        "build": per8(builds) - 3 * local,
        "lock": fastest_ns(locks) - loop,
        "cstep": fastest_ns(c_steps) / 10,
    }


def spin(n):
    x = 0
    for i in range(n):
        x += i


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def in_threads(target, count, *args):
    threads = [threading.Thread(target=target, args=args) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def contention_slowdown():
    """Two CPU-bound threads against the same work run one after the other."""
    n = 1_000_000
    sequential = min(timed(lambda: (spin(n), spin(n))) for _ in range(3))
    threaded = min(timed(lambda: in_threads(spin, 2, n)) for _ in range(3))
    return threaded / sequential


def lock_contention_slowdown():
    """Four threads taking one lock every round, against the same rounds run one after the other."""
    lock = threading.Lock()
    n = 100_000

    def work():
        for _ in range(n):
            with lock:
                pass

    sequential = min(timed(lambda: [work() for _ in range(4)]) for _ in range(3))
    threaded = min(timed(lambda: in_threads(work, 4)) for _ in range(3))
    return threaded / sequential


def wakeup_wait_fraction():
    """How long a thread back from a 2 ms sleep waits for the GIL next to a CPU-bound thread, per switch interval."""
    rounds = 40

    def sleeper(out):
        start = time.perf_counter()
        for _ in range(rounds):
            time.sleep(0.002)
        out.append((time.perf_counter() - start) / rounds)

    alone = []
    sleeper(alone)
    stop = threading.Event()

    def burn():
        x = 0
        while not stop.is_set():
            for i in range(10_000):
                x += i

    busy = []
    cpu = threading.Thread(target=burn)
    cpu.start()
    worker = threading.Thread(target=sleeper, args=(busy,))
    worker.start()
    worker.join()
    stop.set()
    cpu.join()
    return max(0.0, (busy[0] - alone[0]) / sys.getswitchinterval())


def thread_start_us():
    best = float("inf")
    for _ in range(30):
        start = time.perf_counter_ns()
        t = threading.Thread(target=f)
        t.start()
        t.join()
        best = min(best, time.perf_counter_ns() - start)
    return best / 1000


def process_start_ms():
    out = {}
    for method in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context(method)
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            p = ctx.Process(target=f)
            p.start()
            p.join()
            runs.append((time.perf_counter() - start) * 1000)
        out[method] = round(min(runs), 2)
    return out


def main():
    costs = operation_costs()
    result = {
        "python": "%d.%d%s" % (sys.version_info[0], sys.version_info[1], "t" if sysconfig.get_config_var("Py_GIL_DISABLED") else ""),
        "version": sys.version.split()[0],
        "implementation": sys.implementation.name,
        "freeThreaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        "switchIntervalMs": sys.getswitchinterval() * 1000,
        "opNs": {k: round(max(v, 0.5), 2) for k, v in costs.items() if k != "cstep"},
        "cStepNs": round(costs["cstep"], 2),
        "threadStartUs": round(thread_start_us(), 1),
        "contentionSlowdown": round(contention_slowdown(), 3),
        "lockContentionSlowdown": round(lock_contention_slowdown(), 3),
        "wakeupWaitFraction": round(wakeup_wait_fraction(), 3),
        "processStartMs": process_start_ms(),
        "defaultStartMethod": multiprocessing.get_start_method(),
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
