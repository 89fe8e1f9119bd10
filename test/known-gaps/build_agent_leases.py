#!/usr/bin/env python3
"""Lease service for CI build agents: clients lease an agent for a bounded time."""
import random
import threading
import time


class LeaseRegistry:
    def __init__(self, ttl):
        self.ttl = ttl
        self._lock = threading.Lock()
        self._leases = {}  # agent -> (holder, expires_at)
        self.granted = 0
        self.expired = 0

    def grant(self, agent, holder):
        now = time.monotonic()
        with self._lock:
            current = self._leases.get(agent)
            if current is None or current[1] < now:  # ok: GIL003
                self._leases[agent] = (holder, now + self.ttl)
                self.granted += 1  # ok: GIL002
                return True
        return False

    def renew(self, agent, holder):
        with self._lock:
            current = self._leases.get(agent)
            if current is not None and current[0] == holder:  # ok: GIL003
                self._leases[agent] = (holder, time.monotonic() + self.ttl)
                return True
        return False

    def release(self, agent, holder):
        current = self._leases.get(agent)
        if current is not None and current[0] == holder:  # expect: GIL003
            self._leases.pop(agent)

    def reap(self):
        now = time.monotonic()
        with self._lock:
            stale = [a for a, (_, exp) in self._leases.items() if exp < now]
            for agent in stale:
                del self._leases[agent]
        self.expired += len(stale)  # expect: GIL002
        return stale


class BuildClient(threading.Thread):
    def __init__(self, registry, agents, name, jobs, seed):
        super().__init__(name=name)
        self.registry = registry
        self.agents = agents
        self.jobs = jobs
        self.rng = random.Random(seed)
        self.completed = 0

    def _lease_any(self):
        for _attempt in range(40):
            for agent in self.agents:
                if self.registry.grant(agent, self.name):
                    return agent
            self.registry.reap()  # lazy expiry when everything looks busy
            time.sleep(0.004)
        return None

    def run(self):
        completed = 0
        for _job in range(self.jobs):  # ok: GIL001
            agent = self._lease_any()
            if agent is None:
                continue
            time.sleep(self.rng.uniform(0.004, 0.02))
            if not self.registry.renew(agent, self.name):
                continue  # lease lapsed while building; result is discarded
            time.sleep(0.003)
            self.registry.release(agent, self.name)
            completed += 1  # ok: GIL002
        self.completed = completed


def reaper_loop(registry, stop):
    while not stop.wait(0.01):  # ok: GIL001
        registry.reap()


def main():
    registry = LeaseRegistry(ttl=0.015)
    agents = ["agent-a", "agent-b", "agent-c"]
    stop = threading.Event()
    reaper = threading.Thread(target=reaper_loop, args=(registry, stop), daemon=True)
    reaper.start()
    clients = [BuildClient(registry, agents, f"pipeline-{i}", 6, seed=i) for i in range(5)]
    for c in clients:
        c.start()
    for c in clients:
        c.join()
    stop.set()
    reaper.join()
    done = sum(c.completed for c in clients)
    print(f"granted={registry.granted} expired={registry.expired} completed={done}")


if __name__ == "__main__":
    main()
