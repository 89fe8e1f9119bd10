"""Tiny in-process 'orbit service': clients ask for leapfrog energy drift of Kepler orbits."""
import math
import threading


class OrbitService:
    def __init__(self, dt=2e-3):
        self.dt = dt
        self._lock = threading.Lock()
        self._results = {}
        self.requests = 0
        self.completed = 0
        self.failed = 0

    def _leapfrog_drift(self, ecc, periods):
        if not 0.0 <= ecc < 1.0:
            raise ValueError(f"eccentricity {ecc} is not a bound orbit")
        x, y = 1.0 - ecc, 0.0
        vx, vy = 0.0, math.sqrt((1.0 + ecc) / (1.0 - ecc))
        e0 = 0.5 * (vx * vx + vy * vy) - 1.0 / math.hypot(x, y)
        steps = int(periods * 2 * math.pi / self.dt)
        dt = self.dt
        for _ in range(steps):  # expect: GIL001
            r3 = (x * x + y * y) ** 1.5
            vx -= 0.5 * dt * x / r3
            vy -= 0.5 * dt * y / r3
            x += dt * vx
            y += dt * vy
            r3 = (x * x + y * y) ** 1.5
            vx -= 0.5 * dt * x / r3
            vy -= 0.5 * dt * y / r3
        e1 = 0.5 * (vx * vx + vy * vy) - 1.0 / math.hypot(x, y)
        return abs((e1 - e0) / e0)

    def solve(self, job_id, ecc, periods):
        self._lock.acquire()  # expect: GIL005
        if job_id in self._results:  # ok: GIL003
            cached = self._results[job_id]
            self._lock.release()
            return cached
        drift = self._leapfrog_drift(ecc, periods)
        self._results[job_id] = drift
        self.completed += 1  # ok: GIL002
        self._lock.release()
        return drift

    def record_failure(self, job_id, exc):
        self._lock.acquire()  # ok: GIL005
        try:
            self.failed += 1  # ok: GIL002
            self._results[job_id] = exc
        finally:
            self._lock.release()

    def handle(self, job_id, ecc, periods, out):
        self.requests += 1  # expect: GIL002
        try:
            out[job_id] = self.solve(job_id, ecc, periods)
        except ValueError as exc:
            self.record_failure(job_id, exc)


def main():
    svc = OrbitService()
    jobs = [("circular", 0.0, 2), ("mild", 0.3, 2), ("comet", 0.8, 2), ("mild", 0.3, 2), ("circular", 0.0, 2)]
    answers = {}
    clients = [threading.Thread(target=svc.handle, args=(jid, e, p, answers)) for jid, e, p in jobs]
    for c in clients:
        c.start()
    for c in clients:
        c.join()
    for jid in sorted(answers):
        print(f"{jid:>9}: relative energy drift after 2 orbits = {answers[jid]:.2e}")
    print(f"requests={svc.requests} solved={svc.completed} failed={svc.failed}")


if __name__ == "__main__":
    main()
