"""Micro-benchmarks that give GIL Lens's cost profile for one Python interpreter.

Run by `gil-lens calibrate --python PATH`; prints one JSON object on stdout: the time per round of each loop in
snippets.py (GIL Lens fits operation costs to them), and scheduler figures from small threaded programs timed
against their sequential twins. Standard library only; runs on Python 3.8+. Takes about fifteen seconds; run it on
a quiet machine.
"""
import json
import multiprocessing
import os
import statistics
import sys
import sysconfig
import threading
import time

try:
    import resource  # not on Windows: the process pool figures are left out there
except ImportError:
    resource = None

N = 200_000
# Medians, as a program run once meets the machine: the fastest of several runs is an optimist's figure.
REPEATS = 7


def snippet_ns():
    """Nanoseconds per round of each snippet loop (the fastest of several runs)."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import snippets

    out = {}
    for name in sorted(dir(snippets)):
        if not name.startswith("snippet_"):
            continue
        fn = getattr(snippets, name)
        fn(1000)  # warm up the specializing interpreter
        runs = []
        for _ in range(REPEATS):
            start = time.perf_counter_ns()
            fn(N)
            runs.append((time.perf_counter_ns() - start) / N)
        out[name] = round(statistics.median(runs), 2)
    return out


def f():
    pass


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
    """CPU-bound threads (two, then four) against the same work run one after the other; the mean of the two."""
    n = 1_000_000
    ratios = []
    for count in (2, 4):
        sequential = statistics.median(timed(lambda: [spin(n) for _ in range(count)]) for _ in range(REPEATS))
        threaded = statistics.median(timed(lambda: in_threads(spin, count, n)) for _ in range(REPEATS))
        ratios.append(threaded / sequential)
    return sum(ratios) / len(ratios)


def lock_contention_slowdown():
    """Four threads taking one lock every round, against the same rounds run one after the other."""
    lock = threading.Lock()
    n = 100_000

    def work():
        for _ in range(n):
            with lock:
                pass

    sequential = statistics.median(timed(lambda: [work() for _ in range(4)]) for _ in range(REPEATS))
    threaded = statistics.median(timed(lambda: in_threads(work, 4)) for _ in range(REPEATS))
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


def identity(x):
    return x


def pool_task_us():
    """What a thread pool adds per task: submitting it, a worker taking it, setting and reading its result."""
    from concurrent.futures import ThreadPoolExecutor

    tasks = 2_000
    runs = []
    for _ in range(REPEATS):
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(identity, range(16)))  # the workers are up before the clock starts
            start = time.perf_counter_ns()
            list(pool.map(identity, range(tasks)))
            runs.append((time.perf_counter_ns() - start) / tasks)
    return statistics.median(runs) / 1000


def cpu_ms(who):
    usage = resource.getrusage(who)
    return (usage.ru_utime + usage.ru_stime) * 1000


def process_task_us():
    """What a process pool adds per task it sends (a call, or a chunk of mapped items), in CPU: in the parent
    (submitting, the pool's own threads pickling the call and reading the result back, setting the future) and in a
    worker (taking the call off the pipe, unpickling it, pickling and sending the result), for an executor
    (ProcessPoolExecutor) and for a multiprocessing.Pool (imap, one item a task). Two pools of two workers, one given
    many more tasks than the other: the difference, per task, leaves out making and ending the workers. Children's
    CPU is counted once they are reaped, after each pool's shutdown."""
    if resource is None:
        return None
    from concurrent.futures import ProcessPoolExecutor

    def executor(tasks):
        with ProcessPoolExecutor(max_workers=2) as pool:
            list(pool.map(identity, range(tasks)))

    def pool(tasks):
        with multiprocessing.Pool(2) as workers:
            list(workers.imap(identity, range(tasks)))
            workers.close()
            workers.join()

    def per_task(run):
        few, many = 2, 1_002
        parents, workers = [], []
        for _ in range(5):
            costs = []
            for tasks in (few, many):
                parent, children = cpu_ms(resource.RUSAGE_SELF), cpu_ms(resource.RUSAGE_CHILDREN)
                run(tasks)
                costs.append((cpu_ms(resource.RUSAGE_SELF) - parent, cpu_ms(resource.RUSAGE_CHILDREN) - children))
            parents.append((costs[1][0] - costs[0][0]) * 1000 / (many - few))
            workers.append((costs[1][1] - costs[0][1]) * 1000 / (many - few))
        return {"parent": round(max(0.0, statistics.median(parents)), 1), "worker": round(max(0.0, statistics.median(workers)), 1)}

    return {"executor": per_task(executor), "pool": per_task(pool)}


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


def pickle_ns(data, units):
    """Pickling and unpickling `data`, per unit: what sending arguments and results to a process costs."""
    import pickle

    runs = []
    for _ in range(REPEATS):
        start = time.perf_counter_ns()
        pickle.loads(pickle.dumps(data))
        runs.append((time.perf_counter_ns() - start) / units)
    return statistics.median(runs)


def queue_op_ns():
    """One queue.Queue put or get, uncontended (half a put-and-get round trip)."""
    import queue

    q = queue.Queue()
    n = 100_000
    runs = []
    for _ in range(REPEATS):
        start = time.perf_counter_ns()
        for i in range(n):
            q.put(i)
            q.get()
        runs.append((time.perf_counter_ns() - start) / n / 2)
    return statistics.median(runs)


def native_ns():
    """GIL-free C work: SHA-256 and zlib per byte on large buffers, PBKDF2-HMAC-SHA256 per iteration."""
    import hashlib
    import zlib

    data = bytes(range(256)) * 40_000
    # Random bytes: deflate finds nothing to shorten in them and spends about eight times as long a byte.
    noise = os.urandom(len(data))
    # Text as programs write it, log lines of words and numbers: deflate searches it hardest.
    text = "\n".join(f"2026-12-05 10:{i % 60:02d}:{i % 60:02d} INFO worker-{i % 8} handled request {i * 7 % 100_000} in {i % 997} ms"
                     for i in range(200_000)).encode()[:len(data)]
    def per(fn, units):
        runs = []
        for _ in range(REPEATS):
            start = time.perf_counter_ns()
            fn()
            runs.append((time.perf_counter_ns() - start) / units)
        return round(statistics.median(runs), 3)
    return {
        "hash-byte": per(lambda: hashlib.sha256(data).digest(), len(data)),
        "compress-byte": per(lambda: zlib.compress(data, 6), len(data)),
        "compress-random-byte": per(lambda: zlib.compress(noise, 6), len(noise)),
        "compress-text-byte": per(lambda: zlib.compress(text, 6), len(text)),
        "pbkdf2-iteration": per(lambda: hashlib.pbkdf2_hmac("sha256", b"password", b"salt", 20_000), 20_000),
    }


# Standard modules a threaded program may import that take milliseconds to load (numpy when installed).
IMPORTED = [
    "asyncio", "urllib.request", "http.server", "http.client", "ssl", "sqlite3", "hashlib", "dataclasses", "uuid",
    "pathlib", "csv", "xml.etree.ElementTree", "zipfile", "tarfile", "email.message", "difflib", "ipaddress",
    "secrets", "numpy",
]
# What a threaded program has loaded already (and what a harness timing it loads first): the modules above cost
# what they add to these.
ALREADY_LOADED = "threading, concurrent.futures, multiprocessing, json, re, statistics, subprocess, tempfile"


def import_ms():
    """
    Milliseconds each module of IMPORTED takes to import, in a fresh interpreter (the median of five), and the
    others of IMPORTED it loads with it (asyncio loads ssl): those cost nothing more when imported beside it. One
    that ALREADY_LOADED loads (in 3.11 they load pathlib) is left out: it costs nothing.
    """
    import subprocess

    child = (
        "import sys, time, {loaded}\n"
        "before = set(sys.modules)\n"
        "t = time.perf_counter()\n"
        "import {module}\n"
        "print(-1 if {module!r} in before else time.perf_counter() - t)\n"
        "print(' '.join(m for m in {imported!r} if m in sys.modules and m not in before and m != {module!r}))\n"
    )
    times, loads = {}, {}
    for module in IMPORTED:
        code = child.format(loaded=ALREADY_LOADED, module=module, imported=IMPORTED)
        runs, loaded = [], ""
        for _ in range(5):
            run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
            if run.returncode != 0:
                break
            took, loaded = (run.stdout.split("\n") + [""])[:2]
            runs.append(float(took) * 1000)
        if len(runs) == 5 and min(runs) >= 0:
            times[module] = round(statistics.median(runs), 2)
            if loaded.strip():
                loads[module] = loaded.split()
    return {"ms": times, "loads": loads}


def child_python_ms():
    """Running this Python as a child process that does nothing, start to end (the median of seven)."""
    import subprocess

    runs = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        runs.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(runs), 2)


def main():
    result = {
        "python": "%d.%d%s" % (sys.version_info[0], sys.version_info[1], "t" if sysconfig.get_config_var("Py_GIL_DISABLED") else ""),
        "version": sys.version.split()[0],
        "implementation": sys.implementation.name,
        "freeThreaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        "switchIntervalMs": sys.getswitchinterval() * 1000,
        "snippetNs": snippet_ns(),
        "threadStartUs": round(thread_start_us(), 1),
        "poolTaskUs": round(pool_task_us(), 1),
        "contentionSlowdown": round(contention_slowdown(), 3),
        "lockContentionSlowdown": round(lock_contention_slowdown(), 3),
        "wakeupWaitFraction": round(wakeup_wait_fraction(), 3),
        "processStartMs": process_start_ms(),
        "processTaskUs": process_task_us(),
        "defaultStartMethod": multiprocessing.get_start_method(),
        # Per object (a list of ints) and per byte of raw data (one large bytes object).
        "pickleNsPerItem": round(pickle_ns(list(range(200_000)), 200_000), 2),
        "pickleNsPerByte": round(pickle_ns(b"x" * 10_000_000, 10_000_000), 3),
        "queueOpNs": round(queue_op_ns(), 1),
        "nativeNs": native_ns(),
        "importMs": import_ms(),
        "childPythonMs": child_python_ms(),
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
