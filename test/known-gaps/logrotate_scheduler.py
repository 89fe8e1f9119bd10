"""Policy-driven scheduler of the log-rotation daemon.

Every managed log file has one or more rotation policies (size, age).  Each
(policy, file) pair runs on its own re-arming ``threading.Timer``; when a
policy says the file is due, the daemon renames it to ``<name>.<generation>``,
re-creates an empty file for the writers, prunes old generations and calls the
post-rotate hooks (e.g. tell the service to reopen its log).
"""
from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

log = logging.getLogger("logrotate.scheduler")

Hook = Callable[[str, str, str], None]


@dataclass
class LogState:
    path: str
    opened_at: float
    generation: int = 0


class RotationPolicy:
    name = "base"

    def __init__(self, every_s: float) -> None:
        self.every_s = every_s

    def due(self, state: LogState) -> bool:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{self.name} policy, checked every {self.every_s * 1000:.0f} ms>"


class SizePolicy(RotationPolicy):
    name = "size"

    def __init__(self, every_s: float, max_bytes: int) -> None:
        super().__init__(every_s)
        self.max_bytes = max_bytes

    def due(self, state: LogState) -> bool:
        return os.path.getsize(state.path) >= self.max_bytes


class AgePolicy(RotationPolicy):
    name = "age"

    def __init__(self, every_s: float, max_age_s: float) -> None:
        super().__init__(every_s)
        self.max_age_s = max_age_s

    def due(self, state: LogState) -> bool:
        return time.monotonic() - state.opened_at >= self.max_age_s


class RotationDaemon:
    def __init__(self, logs: Dict[str, str], policies: List[RotationPolicy],
                 keep: int = 3, hooks: Tuple[Hook, ...] = ()) -> None:
        now = time.monotonic()
        self._state = {name: LogState(path, now) for name, path in logs.items()}
        self._policies = policies
        self.keep = keep
        self._hooks = list(hooks)
        self._in_progress: set = set()
        self._state_lock = threading.Lock()
        self._timers: Dict[Tuple[str, str], threading.Timer] = {}
        self._sched_lock = threading.Lock()
        self._running = False

    # -- scheduling ----------------------------------------------------------
    def _schedule(self, policy: RotationPolicy, name: str) -> None:
        with self._sched_lock:
            if self._running:  # ok: GIL003
                timer = threading.Timer(policy.every_s, self._tick, args=(policy, name))
                timer.daemon = True
                self._timers[(policy.name, name)] = timer
                timer.start()

    def _tick(self, policy: RotationPolicy, name: str) -> None:
        if name not in self._in_progress:  # expect: GIL003
            self._in_progress.add(name)
            try:
                rotated = self._rotate_if_due(policy, name)
                if rotated:
                    self._prune(name)
                    for hook in self._hooks:
                        hook(name, rotated, policy.name)
            finally:
                self._in_progress.discard(name)
        self._schedule(policy, name)

    # -- file operations -----------------------------------------------------
    def _rotate_if_due(self, policy: RotationPolicy, name: str) -> Optional[str]:
        with self._state_lock:
            state = self._state[name]
            if not policy.due(state):  # ok: GIL003
                return None
            rotated = f"{state.path}.{state.generation + 1}"
            os.rename(state.path, rotated)
            open(state.path, "a").close()
            state.generation += 1  # ok: GIL002
            state.opened_at = time.monotonic()
            return rotated

    def _prune(self, name: str) -> None:
        self._state_lock.acquire()  # expect: GIL005
        state = self._state[name]
        for gen in range(state.generation - self.keep, 0, -1):
            old = f"{state.path}.{gen}"
            if not os.path.exists(old):
                break
            os.remove(old)
        self._state_lock.release()

    def status(self) -> Dict[str, int]:
        self._state_lock.acquire()  # ok: GIL005
        try:
            return {name: st.generation for name, st in self._state.items()}
        finally:
            self._state_lock.release()

    # -- lifecycle -----------------------------------------------------------
    def start(self) -> None:
        with self._sched_lock:
            self._running = True
        for name in self._state:
            for policy in self._policies:
                self._schedule(policy, name)

    def stop(self) -> None:
        with self._sched_lock:
            self._running = False
            timers = list(self._timers.values())
        for timer in timers:
            timer.cancel()
            timer.join()            # a tick in flight sees _running == False and stops


def app_writer(path: str, lines: int, pause_s: float) -> None:
    """A service appending to its log the way WatchedFileHandler does (reopen per write)."""
    for i in range(lines):  # ok: GIL001
        with open(path, "a") as fh:
            fh.write(f"{time.time():.6f} INFO request {i} served in {i % 97} ms\n" * 8)
        time.sleep(pause_s)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    rotations: List[Tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="rotd-") as tmp:
        logs = {n: os.path.join(tmp, f"{n}.log") for n in ("api", "worker")}
        for p in logs.values():
            open(p, "w").close()
        daemon = RotationDaemon(
            logs, [SizePolicy(0.015, max_bytes=8_000), AgePolicy(0.02, max_age_s=0.05)],
            keep=3, hooks=(lambda n, r, why: rotations.append((n, os.path.basename(r), why)),))
        writers = [threading.Thread(target=app_writer, args=(p, 120, 0.002), name=f"app-{n}")
                   for n, p in logs.items()]
        t0 = time.perf_counter()
        daemon.start()
        for w in writers:
            w.start()
        for w in writers:
            w.join()
        daemon.stop()
        remaining = sorted(os.listdir(tmp))
    print(f"{len(rotations)} rotations in {time.perf_counter() - t0:.2f}s; generations {daemon.status()}")
    print("by policy:", {why: sum(1 for *_, w in rotations if w == why) for why in ("size", "age")})
    print("files left:", remaining)
