"""GIL Lens's measuring tracer: runs one Python program as ``__main__`` and records what its threads did.

Usage: python tracer.py REPORT SCRIPT [ARG...]

The program runs in a child interpreter (this file again, with ``--run``): ``runpy.run_path(SCRIPT,
run_name="__main__")``, SCRIPT's directory first on ``sys.path`` as ``python SCRIPT`` would, its output its own. The
child records every thread the program starts (``threading.Thread._bootstrap_inner``): name, target, daemon flag,
the line of SCRIPT that started it (the innermost frame of SCRIPT when ``start()`` was called), its kernel thread id,
when it started and ended, and its CPU time; it writes them at exit, after its non-daemon threads were joined.

This process samples the child meanwhile, about every millisecond, from outside: it needs no GIL, so it does not
take turns with the program's threads. On Linux each thread's CPU time comes from /proc/PID/task/TID/schedstat and
what it is blocked in from /proc/PID/task/TID/syscall. A thread blocked in a futex on the GIL's condition variable is
waiting for the GIL; blocked anywhere else (sleep, I/O, a lock, a queue, ``join``) it waits for something else. The
child finds the GIL's futex before the program runs: two threads spin in pure Python while its main thread, holding
the GIL, reads where they wait. Elsewhere (no /proc) only each thread's start, end and CPU time are recorded.

The merged JSON report goes to REPORT. Only the standard library is used (Python 3.8+).
"""

import json
import os
import subprocess
import sys
import threading
import time

REPORT_VERSION = 1
# Sampling: every millisecond at most, and never more than 1/OVERHEAD_SHARE of a core spent sampling.
MIN_PERIOD_S = 0.001
OVERHEAD_SHARE = 30
# A long run is sampled less often: about this many samples in all.
TARGET_SAMPLES = 8000
# The GIL's state after the words of its condition variable: its mutex, and the condition and mutex of a forced
# switch (a thread made to drop the GIL waits there until another takes it). A wait on any of them is for the GIL.
GIL_STATE_BYTES = 192
# The futex system call's number, by machine (the first field of /proc/PID/task/TID/syscall).
FUTEX = {"x86_64": 202, "aarch64": 98, "arm64": 98, "i686": 240, "i386": 240, "armv7l": 240}


def describe(obj):
    """A function's module and qualified name, as a person would write it (``partial(f)`` for partials)."""
    if obj is None:
        return None
    func = getattr(obj, "func", None)
    if func is not None and not hasattr(obj, "__qualname__"):
        return "partial(%s)" % describe(func)
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None) or type(obj).__name__
    module = getattr(obj, "__module__", None)
    return "%s.%s" % (module, name) if module and module not in ("__main__", "builtins") else str(name)


def role_of(thread):
    """`user`, `pool-worker` (an executor's or a pool's worker) or `internal` (the standard library's own helpers)."""
    target = getattr(thread, "_target", None)
    module = getattr(target, "__module__", "") or ""
    name = getattr(target, "__qualname__", "") or ""
    if (module, name) in (("concurrent.futures.thread", "_worker"), ("multiprocessing.pool", "worker")):
        return "pool-worker"
    packages = (module.split(".")[0], (type(thread).__module__ or "").split(".")[0])
    if any(package in ("multiprocessing", "concurrent", "asyncio") for package in packages):
        return "internal"
    return "user"


def futex_number():
    import platform
    return FUTEX.get(platform.machine())


# -- the child: runs the program and records its threads ------------------------------------------------------------


def find_gil_words(rounds=8):
    """
    The futex words threads wait on for the GIL: two threads spin in Python while this one, holding the GIL (libc is
    called through ctypes.PyDLL, which keeps it), reads where they wait. Empty when that cannot be read.
    """
    futex = futex_number()
    if futex is None or not os.path.exists("/proc/self/task") or not getattr(sys, "_is_gil_enabled", lambda: True)():
        return []
    try:
        import ctypes
        libc = ctypes.PyDLL(None, use_errno=True)
        libc.open.argtypes = [ctypes.c_char_p, ctypes.c_int]
        libc.read.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t]
        libc.close.argtypes = [ctypes.c_int]
    except (OSError, AttributeError, ImportError):
        return []
    buffer = ctypes.create_string_buffer(256)

    def blocked_in(native_id):
        fd = libc.open(b"/proc/self/task/%d/syscall" % native_id, os.O_RDONLY)
        if fd < 0:
            return None
        size = libc.read(fd, buffer, 255)
        libc.close(fd)
        fields = buffer.raw[:max(size, 0)].split()
        return fields if len(fields) > 1 and fields[0].isdigit() else None

    stop = []

    def spin():
        while not stop:
            pass

    spinners = [threading.Thread(target=spin, daemon=True) for _ in range(2)]
    for spinner in spinners:
        spinner.start()
    words = set()
    try:
        for _ in range(rounds):
            sum(range(20000))  # holds the GIL without a switch point: the spinners settle into their waits
            for spinner in spinners:
                fields = blocked_in(spinner.native_id)
                if fields and int(fields[0]) == futex:
                    words.add(int(fields[1], 16))
            if len(words) >= 2:
                break  # both of the condition variable's words
            time.sleep(0.001)
    finally:
        stop.append(True)
        for spinner in spinners:
            spinner.join()
    return sorted(words)


class Recorder:
    """Records the threads of the program running in this interpreter."""

    def __init__(self, script):
        self.script = script
        self.lock = threading.Lock()
        self.threads = []
        self.by_thread = {}  # by thread ident, while it runs
        self.t0 = time.perf_counter()

    def now_ms(self):
        return (time.perf_counter() - self.t0) * 1000.0

    def record(self, thread, lines, target=None):
        """A record of the running thread: `thread` is its Thread, or None for one `_thread` started (of `target`)."""
        rec = {
            "id": len(self.threads), "name": thread.name if thread else "_thread-%d" % len(self.threads),
            "target": describe(target or getattr(thread, "_target", None) or type(thread).run), "role": role_of(thread) if thread else "user",
            "daemon": bool(thread.daemon) if thread else True, "line": lines[0] if lines else 0, "lines": lines,
            "nativeId": threading.get_native_id(),
            "startMs": self.now_ms(), "endMs": None, "cpuMs": None, "_cpu0": time.thread_time(),
        }
        # The thread's CPU clock at its start: the samples read the same clock from outside (the main thread's has
        # run since the interpreter started).
        rec["cpuAtStartMs"] = rec["_cpu0"] * 1000.0
        with self.lock:
            rec["id"] = len(self.threads)
            self.threads.append(rec)
            self.by_thread[threading.get_ident()] = rec
        return rec

    def finish(self, rec, name):
        self.by_thread.pop(threading.get_ident(), None)
        rec["name"] = name
        rec["endMs"] = self.now_ms()
        rec["cpuMs"] = (time.thread_time() - rec.pop("_cpu0")) * 1000.0

    def user_lines(self):
        """The lines of the script on this thread's stack, innermost first (a subclass's `super().__init__()`, then
        the line that made the object)."""
        lines = []
        frame = sys._getframe(2)  # the caller of the patched method
        while frame is not None and len(lines) < 8:
            if frame.f_code.co_filename == self.script and frame.f_lineno not in lines:
                lines.append(frame.f_lineno)
            frame = frame.f_back
        return lines

    def note_made_lines(self, cls):
        """Makes each new `cls` keep the script's lines on the stack that made it, as `_gil_lens_made`."""
        recorder = self
        original_init = cls.__init__

        def init(self, *args, **kwargs):
            self._gil_lens_made = recorder.user_lines()
            return original_init(self, *args, **kwargs)

        cls.__init__ = init

    def install(self):
        recorder = self
        original_start = threading.Thread.start
        original_bootstrap = threading.Thread._bootstrap_inner

        def start(self, *args, **kwargs):
            self._gil_lens_started = recorder.user_lines()
            return original_start(self, *args, **kwargs)

        def bootstrap_inner(self):
            rec = recorder.record(self, getattr(self, "_gil_lens_made", []) + getattr(self, "_gil_lens_started", []))
            try:
                original_bootstrap(self)
            finally:
                recorder.finish(rec, self.name)

        self.note_made_lines(threading.Thread)
        threading.Thread.start = start
        threading.Thread._bootstrap_inner = bootstrap_inner
        self.install_pool_work()
        self.install_processes()
        self.install_raw_threads()

    def install_raw_threads(self):
        """Records threads started with `_thread.start_new_thread` (threading's own starts do not go through it)."""
        import _thread
        recorder = self
        original = _thread.start_new_thread

        def start_new_thread(function, args, kwargs=None):
            lines = recorder.user_lines()

            def run(*args, **kwargs):
                # No Thread object: the interpreter does not wait for it at exit, as for a daemon.
                rec = recorder.record(None, lines, target=function)
                try:
                    return function(*args, **kwargs)
                finally:
                    recorder.finish(rec, rec["name"])

            return original(run, args, kwargs or {})

        _thread.start_new_thread = start_new_thread
        _thread.start_new = start_new_thread  # its old name

    def install_processes(self):
        """Records each child process the program starts (its id, lines, name, target); the sampler times it."""
        try:
            import multiprocessing.process as processes
        except ImportError:
            return
        recorder = self
        original_start = processes.BaseProcess.start

        def start(self, *args, **kwargs):
            lines = getattr(self, "_gil_lens_made", []) + recorder.user_lines()
            # start() lets go of the target in this process: read it first.
            target = getattr(self, "_target", None)
            module = getattr(target, "__module__", "") or ""
            result = original_start(self, *args, **kwargs)
            rec = {
                "id": 0, "kind": "process", "name": self.name, "target": describe(target or type(self).run),
                "role": "pool-worker" if module in ("concurrent.futures.process", "multiprocessing.pool") else "user",
                "daemon": bool(self.daemon), "line": lines[0] if lines else 0, "lines": lines, "nativeId": self.pid,
                "startMs": recorder.now_ms(), "endMs": None, "cpuMs": None,
            }
            with recorder.lock:
                rec["id"] = len(recorder.threads)
                recorder.threads.append(rec)
            return result

        original_join = processes.BaseProcess.join

        def join(self, timeout=None):
            # The CPU time of a process this join reaps, as the kernel counts it: the sampler, starved on a busy
            # machine, may never see a short-lived process alive.
            waiting = getattr(self, "_popen", None) is not None and self.exitcode is None
            before = children_cpu_ms()
            result = original_join(self, timeout)
            after = children_cpu_ms()
            if waiting and self.exitcode is not None and before is not None and after is not None:
                reaped_ms = recorder.now_ms()
                with recorder.lock:
                    for rec in recorder.threads:
                        if rec.get("kind") == "process" and rec.get("nativeId") == self.pid:
                            rec["reapedCpuMs"] = round(after - before, 3)
                            rec["reapedMs"] = reaped_ms
            return result

        self.note_made_lines(processes.BaseProcess)
        processes.BaseProcess.start = start
        processes.BaseProcess.join = join

    def install_pool_work(self):
        """Counts, on each pool worker, the functions it ran: its lane says `fib_mod x2`, not `_worker`."""
        try:
            import concurrent.futures.thread as pool
        except ImportError:
            return
        recorder = self
        original_run = pool._WorkItem.run

        def run(self):
            rec = recorder.by_thread.get(threading.get_ident())
            if rec is not None:
                name = describe(self.fn)
                work = rec.setdefault("work", {})
                work[name] = work.get(name, 0) + 1
            return original_run(self)

        pool._WorkItem.run = run


def run_child(report_path, script, args):
    import atexit
    import runpy
    import traceback
    gil = bool(getattr(sys, "_is_gil_enabled", lambda: True)())
    gil_words = find_gil_words() if gil else []
    recorder = Recorder(script)
    recorder.install()
    sys.argv = [script] + list(args)
    sys.path.insert(0, os.path.dirname(script))
    outcome = {"exitCode": 0, "error": None}
    main = threading.main_thread()
    recorder.t0 = time.perf_counter()
    main_rec = recorder.record(main, [])
    main_rec["target"] = "<module>"
    main_rec["role"] = "user"

    pid = os.getpid()

    def report():
        # At exit: after the non-daemon threads were joined, and after the program's own exit handlers. A process
        # the program forked that returns to here is not the program.
        if os.getpid() != pid:
            return
        recorder.finish(main_rec, main.name)
        for rec in recorder.threads:
            rec.pop("_cpu0", None)
        child = {
            "python": "%d.%d.%d" % sys.version_info[:3], "implementation": sys.implementation.name, "gil": gil,
            "switchIntervalMs": sys.getswitchinterval() * 1000.0, "t0": recorder.t0, "wallMs": recorder.now_ms(),
            "exitCode": outcome["exitCode"], "error": outcome["error"], "gilWords": gil_words, "threads": recorder.threads,
        }
        with open(report_path, "w") as out:
            json.dump(child, out)

    atexit.register(report)
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as stop:
        code = stop.code
        outcome["exitCode"] = code if isinstance(code, int) else (0 if code is None else 1)
        raise
    except BaseException as failure:  # the program's own error: reported, and printed as Python would
        outcome["error"] = traceback.format_exception_only(type(failure), failure)[-1].strip()
        if isinstance(failure, SyntaxError) and failure.lineno:
            outcome["error"] += " at line %d" % failure.lineno
        outcome["exitCode"] = 1
        # The traceback from the program's first frame on: the tracer's and runpy's frames are not the program's.
        frames = failure.__traceback__
        while frames is not None and frames.tb_frame.f_code.co_filename != script:
            frames = frames.tb_next
        traceback.print_exception(type(failure), failure, frames)
        sys.exit(1)


# -- the parent: samples the child from outside ---------------------------------------------------------------------


class TaskReader:
    """Reads one kernel thread's CPU time and what it is blocked in, through file descriptors kept open."""

    def __init__(self, pid, tid):
        base = "/proc/%d/task/%d/" % (pid, tid)
        self.schedstat = os.open(base + "schedstat", os.O_RDONLY)
        try:
            self.syscall = os.open(base + "syscall", os.O_RDONLY)
        except OSError:
            self.syscall = None  # not allowed to read (ptrace restrictions): CPU time only

    def read(self):
        """(CPU ns, syscall number or -1 blocked or None on a CPU, first argument) or None when the thread is gone."""
        try:
            cpu_ns = int(os.pread(self.schedstat, 64, 0).split()[0])
            if self.syscall is None:
                return cpu_ns, None, 0
            fields = os.pread(self.syscall, 128, 0).split()
        except (OSError, ValueError, IndexError):
            return None
        if not fields or fields[0] == b"running":
            return cpu_ns, None, 0
        number = int(fields[0])
        return cpu_ns, number, int(fields[1], 16) if number >= 0 and len(fields) > 1 else 0

    def close(self):
        for fd in (self.schedstat, self.syscall):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass


def children_of(pid, tids):
    """The processes these threads of a process started."""
    found = []
    for tid in tids:
        try:
            with open("/proc/%d/task/%d/children" % (pid, tid)) as source:
                found.extend(int(child) for child in source.read().split())
        except (OSError, ValueError):
            continue
    return found


def descendants(pids, depth):
    """The processes below these ones (a forkserver's children, a pool's workers), a few generations down."""
    found = []
    generation = list(pids)
    for _ in range(depth):
        below = []
        for parent in generation:
            try:
                below.extend(children_of(parent, [int(tid) for tid in os.listdir("/proc/%d/task" % parent)]))
            except (OSError, ValueError):
                continue
        found.extend(below)
        generation = below
    return found


def alive(pid):
    """Whether a process is running (not gone, and not a zombie waiting to be reaped)."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as source:
            return source.read().rsplit(b")", 1)[1].split()[0] not in (b"Z", b"X")
    except (OSError, IndexError):
        return False


def children_cpu_ms():
    """The CPU time of this process's reaped children, in ms; None where it is not counted (no resource module)."""
    try:
        import resource
    except ImportError:
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000.0


def sample_child(child):
    """
    Samples the child's threads, and the main thread of each process it starts, until it exits: sample times (s) and,
    by thread id (a process's id for its main thread), (sample index, reading).
    """
    task_dir = "/proc/%d/task" % child.pid
    readers = {}
    processes = set()
    times = []
    readings = {}
    period = MIN_PERIOD_S
    began = time.perf_counter()
    while child.poll() is None:
        started = time.perf_counter()
        try:
            tids = [int(name) for name in os.listdir(task_dir)]
        except OSError:
            break
        index = len(times)
        times.append(started)
        # The program's own new processes are looked for at each sample while that is cheap (a read per thread);
        # theirs (a forkserver's children) every few samples.
        if len(tids) <= 16 or index % 8 == 0:
            processes.update(children_of(child.pid, tids))
        if index % 8 == 0:
            processes.update(descendants(processes, 2))
        ended = {pid for pid in processes if not alive(pid)}
        processes -= ended
        # An ended process not yet reaped still has its final CPU time: one last reading.
        for tid, owner in [(tid, child.pid) for tid in tids] + [(pid, pid) for pid in processes | ended]:
            reader = readers.get(tid)
            if reader is None:
                try:
                    reader = readers[tid] = TaskReader(owner, tid)
                except OSError:
                    continue
            reading = reader.read()
            if reading is not None:
                readings.setdefault(tid, []).append((index, reading))
        for tid in [tid for tid in readers if tid not in tids and tid not in processes]:
            readers.pop(tid).close()
        cost = time.perf_counter() - started
        period = max(MIN_PERIOD_S, cost * OVERHEAD_SHARE, (started - began) / TARGET_SAMPLES)
        time.sleep(period)
    for reader in readers.values():
        reader.close()
    return times, readings


def state_of(reading, futex, gil_words):
    """`r` on a CPU or ready to run, `g` waiting for the GIL, `b` blocked on something else."""
    _, number, address = reading
    if number is None:
        return "r"
    if number == futex and gil_words and min(gil_words) - 64 <= address <= max(gil_words) + GIL_STATE_BYTES:
        return "g"
    return "b"


def merge(child_report, times, readings, sampled_states):
    """The child's threads, each with its samples: times are ms from the program's start, CPU in ms."""
    t0 = child_report["t0"]
    # Samples taken while the interpreter started are not the program's.
    skipped = next((index for index, t in enumerate(times) if t >= t0 - 0.001), len(times))
    sample_ms = [round((t - t0) * 1000.0, 3) for t in times[skipped:]]
    futex = futex_number()
    gil_words = child_report.get("gilWords") or []
    for rec in child_report["threads"]:
        if rec.get("kind") == "process":
            # The program does not see its processes end: their last sample does.
            seen = [(index - skipped, reading) for index, reading in readings.get(rec.get("nativeId"), []) if index >= skipped]
            # Never sampled alive (a busy machine): it had ended by the time a join reaped it.
            reaped_ms = rec.pop("reapedMs", None)
            rec["endMs"] = max(rec["startMs"], sample_ms[seen[-1][0]]) if seen else max(rec["startMs"], reaped_ms or rec["startMs"])
            rec["cpuMs"] = max(round(seen[-1][1][0] / 1e6, 3) if seen else 0.0, rec.pop("reapedCpuMs", None) or 0.0)
        own = [(index - skipped, reading) for index, reading in readings.get(rec.get("nativeId"), [])
               if index >= skipped and rec["startMs"] - 1.0 <= sample_ms[index - skipped] <= (rec["endMs"] if rec["endMs"] is not None else float("inf")) + 1.0]
        # One run of consecutive samples (a reused thread id would start another).
        run = own[:1]
        for entry in own[1:]:
            if entry[0] != run[-1][0] + 1:
                break
            run.append(entry)
        rec["samples"] = {
            "first": run[0][0] if run else 0,
            "cpu": [round(reading[0] / 1e6, 3) for _, reading in run],
            "state": "".join(state_of(reading, futex, gil_words) for _, reading in run) if sampled_states else "",
        }
    return sample_ms


def run_parent(report_path, script, args):
    import signal
    if sys.version_info < (3, 8):
        with open(report_path, "w") as out:
            json.dump({"version": REPORT_VERSION, "threads": [], "error": "the tracer needs Python 3.8 or newer; %s is %d.%d"
                       % (sys.executable, sys.version_info[0], sys.version_info[1])}, out)
        return 2
    import tempfile
    handle, child_path = tempfile.mkstemp(prefix="gil-lens-", suffix=".json")
    os.close(handle)
    os.unlink(child_path)
    flags = subprocess._args_from_interpreter_flags()
    child = subprocess.Popen([sys.executable] + flags + [os.path.abspath(__file__), "--run", child_path, script] + list(args))

    def stop(signum, _frame):
        child.send_signal(signum)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, stop)
    sampled = os.path.isdir("/proc/%d/task" % child.pid)
    times, readings = sample_child(child) if sampled else ([], {})
    code = child.wait()
    try:
        with open(child_path) as source:
            child_report = json.load(source)
        os.unlink(child_path)
    except (OSError, ValueError):
        child_report = None
    if child_report is None:
        report = {"version": REPORT_VERSION, "exitCode": code, "threads": [], "sampleTimes": [],
                  "error": "the program ended without the tracer's report (exit status %d): it may have called os._exit or been killed" % code}
    else:
        states_known = sampled and any(reading[1] is not None or reading[2] for entries in readings.values() for _, reading in entries)
        sample_ms = merge(child_report, times, readings, sampled)
        report = dict(child_report)
        report.pop("t0", None)
        report.update({
            "version": REPORT_VERSION, "platform": sys.platform, "cpus": os.cpu_count(),
            "states": ("kernel" if child_report.get("gilWords") or not child_report.get("gil") else "cpu") if states_known else ("cpu" if sampled else "none"),
            "sampleTimes": sample_ms,
        })
    with open(report_path, "w") as out:
        json.dump(report, out, separators=(",", ":"))
    return code


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--run":
        run_child(sys.argv[2], os.path.abspath(sys.argv[3]), sys.argv[4:])
    elif len(sys.argv) >= 3:
        sys.exit(run_parent(sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3:]))
    else:
        sys.stderr.write("usage: tracer.py REPORT SCRIPT [ARG...]\n")
        sys.exit(2)
