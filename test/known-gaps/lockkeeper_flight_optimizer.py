"""Lock-flight planner: timer jobs read gauges and re-optimise the order boats pass a staircase of locks."""
from __future__ import annotations

import functools
import logging
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Tuple

logging.basicConfig(level=logging.INFO, format="%(threadName)-10s %(message)s")
log = logging.getLogger("lockkeeper.flight")

FLIGHT = {"locks": 3, "uphill_min": 14, "downhill_min": 11, "turnaround_min": 6}


class GaugeTimeout(IOError):
    pass


def retry(attempts: int, backoff: float):
    def decorate(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            last: Exception | None = None
            for n in range(attempts):  # ok: GIL001
                try:
                    return fn(*args, **kwargs)
                except GaugeTimeout as exc:
                    last = exc
                    time.sleep(backoff * (n + 1))
            raise last
        return wrapper
    return decorate


@dataclass(frozen=True)
class Arrival:
    boat: str
    minute: int
    uphill: bool


@dataclass
class Plan:
    order: List[str]
    finish_min: float


@retry(attempts=3, backoff=0.002)
def read_gauge(station: str, rng: random.Random) -> float:
    time.sleep(0.004)  # telemetry modem round trip
    if rng.random() < 0.3:
        raise GaugeTimeout(station)
    return 2.4 + rng.random() * 0.2


def optimize_flight(arrivals: List[Arrival], *, uphill_min: int, downhill_min: int,
                    turnaround_min: int, **_ignored) -> Plan:
    """Exact bitmask DP: dp[mask][last] = earliest time the boats in mask have cleared the flight."""
    n = len(arrivals)
    full = (1 << n) - 1
    inf = float("inf")
    dp = [[inf] * n for _ in range(1 << n)]
    parent: Dict[Tuple[int, int], int] = {}
    for i, a in enumerate(arrivals):
        dp[1 << i][i] = a.minute + (uphill_min if a.uphill else downhill_min)
    for mask in range(1, full + 1):  # expect: GIL001
        row = dp[mask]
        for last in range(n):
            t = row[last]
            if t == inf:
                continue
            for nxt in range(n):
                if mask & (1 << nxt):
                    continue
                b = arrivals[nxt]
                swap = 0 if b.uphill == arrivals[last].uphill else turnaround_min
                done = max(t + swap, b.minute) + (uphill_min if b.uphill else downhill_min)
                if done < dp[mask | (1 << nxt)][nxt]:
                    dp[mask | (1 << nxt)][nxt] = done
                    parent[(mask | (1 << nxt), nxt)] = last
    last = min(range(n), key=lambda i: dp[full][i])
    finish, mask, order = dp[full][last], full, []
    while True:
        order.append(arrivals[last].boat)
        prev = parent.get((mask, last))
        if prev is None:
            break
        mask, last = mask ^ (1 << last), prev
    return Plan(order[::-1], finish)


class JobScheduler:
    def __init__(self):
        self.jobs: Dict[str, Callable[..., Any]] = {}
        self.job_kwargs: Dict[str, Dict[str, Any]] = {}
        self.results: Dict[str, Any] = {}
        self.stats = {"runs": 0, "failures": 0}
        self.pending: List[str] = []
        self._cv = threading.Condition()
        self._io_lock = threading.Lock()
        self._timers: List[threading.Timer] = []

    def register(self, name: str, fn: Callable[..., Any], **kwargs) -> None:
        self.jobs[name] = fn
        self.job_kwargs[name] = kwargs

    def schedule_after(self, delay: float, name: str) -> None:
        self.pending.append(name)
        timer = threading.Timer(delay, self._run_job, args=(name,))
        timer.name = f"job-{name}"
        self._timers.append(timer)
        timer.start()

    def _run_job(self, name: str) -> None:
        try:
            self.results[name] = self.jobs[name](**self.job_kwargs[name])
        except Exception as exc:
            log.warning("%s failed: %s", name, exc)
            self.stats["failures"] += 1  # expect: GIL002
        self.stats["runs"] += 1  # expect: GIL002
        with self._cv:
            if name in self.pending:  # ok: GIL003
                self.pending.remove(name)
            self._cv.notify_all()

    def publish(self, board: List[str], line: str) -> bool:
        if not self._io_lock.acquire(blocking=False):  # ok: GIL005
            return False
        try:
            board.append(line)
            return True
        finally:
            self._io_lock.release()

    def wait_all(self, timeout: float) -> bool:
        with self._cv:
            return self._cv.wait_for(lambda: not self.pending, timeout=timeout)


def todays_arrivals(seed: int, count: int) -> List[Arrival]:
    rng = random.Random(seed)
    names = ["Narrowboat Ivy", "Dutch barge Aal", "Cruiser Pip", "Butty Maud", "Widebeam Lark"]
    return [Arrival(f"{names[i % 5]} #{i}", rng.randrange(0, 90), rng.random() < 0.5) for i in range(count)]


def main() -> None:
    sched = JobScheduler()
    rng = random.Random(5)
    sched.register("gauge-top", read_gauge, station="top pound", rng=rng)
    sched.register("gauge-bottom", read_gauge, station="bottom pound", rng=random.Random(9))
    sched.register("flight-plan", optimize_flight, arrivals=todays_arrivals(11, 12), **FLIGHT)
    for delay, name in [(0.01, "gauge-top"), (0.01, "gauge-bottom"), (0.02, "flight-plan")]:
        sched.schedule_after(delay, name)
    finished = sched.wait_all(timeout=4.0)
    board: List[str] = []
    plan: Plan = sched.results.get("flight-plan")
    if plan is not None:
        sched.publish(board, f"order: {' > '.join(plan.order[:4])} ... clear at minute {plan.finish_min:.0f}")
    for name in ("gauge-top", "gauge-bottom"):
        level = sched.results.get(name)
        if level is not None:
            sched.publish(board, f"{name}: {level:.2f} m")
    print("\n".join(board))
    print(f"all jobs finished: {finished}; runs={sched.stats['runs']} failures={sched.stats['failures']}")


if __name__ == "__main__":
    main()
