"""Wiped joints: a crew of plumbers claims the lead-pipe joints on a job and models the solder
bead each one will wipe.

Counters are closures made by small factories; the thread targets are kept in a roster and
handed down through the crew before a Thread is built.
"""
import functools
import logging
import threading
import time
from dataclasses import dataclass

log = logging.getLogger("plumber.wiping")

JOB = {
    "joints": 12,
    "samples": 400_000,
    "walk_s": 0.001,
    "crew": ("Abel", "Bryn", "Cal"),
}


@dataclass(frozen=True)
class Joint:
    joint_id: str
    kind: str
    bore_in: float

    @property
    def solder_oz(self):
        return round(self.bore_in * (10 if self.kind == "underhand" else 8), 1)


def make_tally(label):
    """Factory: a shared running count, bumped by whoever finishes work."""
    count = 0

    def bump(n=1):
        nonlocal count
        count += n  # expect: GIL002
        log.debug("%s tally now %d", label, count)

    def total():
        return count

    bump.total = total
    return bump


def make_private_counter():
    """Factory: a counter used only by the caller that made it."""
    seen = 0

    def tick():
        nonlocal seen
        seen += 1  # ok: GIL002
        return seen

    return tick


def collecting(fn, sink):
    """Wrap a job so its return value lands in sink (list.append is atomic)."""
    @functools.wraps(fn)
    def run(*args, **kwargs):
        sink.append(fn(*args, **kwargs))
    return run


def claim_joints(name, joints, claims, tick, walk_s):
    mine = []
    kinds = {}
    for joint in joints:  # ok: GIL001
        tick()
        if joint.kind not in kinds:  # ok: GIL003
            kinds[joint.kind] = 0
        kinds[joint.kind] += 1  # ok: GIL002
        if joint.joint_id not in claims:  # expect: GIL003
            time.sleep(walk_s)
            claims[joint.joint_id] = name
            mine.append(joint)
    return mine, kinds


def bead_profile(joint_count, samples):
    radius_q = 7 + joint_count
    heights = [((i * radius_q) ^ (i >> 3)) % 97 for i in range(samples)]  # expect: GIL001
    return max(heights), round(sum(heights) / len(heights), 2)


def wiper_shift(name, joints, claims, tally, *, samples, walk_s, **_extra):
    tick = make_private_counter()
    mine, kinds = claim_joints(name, joints, claims, tick, walk_s)
    peak, mean = bead_profile(len(mine) or 1, samples)
    tally(len(mine))
    return name, [j.joint_id for j in mine], kinds, (peak, mean), tick()


class Crew:
    def __init__(self, names, roster, **shared):
        self.names = names
        self.roster = roster
        self.shared = shared
        self.threads = []

    def _spawn(self, name, **thread_kwargs):
        thread = threading.Thread(name=f"wiper-{name}", **thread_kwargs)
        self.threads.append(thread)
        return thread

    def dispatch(self, job_name, **job_kwargs):
        target = self.roster[job_name]
        for name in self.names:
            self._spawn(name, target=target, args=(name,), kwargs={**self.shared, **job_kwargs}).start()
        return self

    def wait(self):
        for thread in self.threads:
            thread.join()


def lay_out_joints(count):
    kinds = ("underhand", "upright", "branch")
    for i in range(count):
        yield Joint(f"J{i:02d}", kinds[i % 3], 0.5 + 0.25 * (i % 4))


def main(job):
    logging.basicConfig(level=logging.WARNING)
    joints = list(lay_out_joints(job["joints"]))
    claims = {}
    tally = make_tally("joints")
    results = []
    roster = {"wipe": collecting(wiper_shift, results)}
    crew = Crew(job["crew"], roster, joints=joints, claims=claims, tally=tally)
    started = time.perf_counter()
    crew.dispatch("wipe", samples=job["samples"], walk_s=job["walk_s"]).wait()
    elapsed = time.perf_counter() - started
    for name, mine, kinds, (peak, mean), ticks in sorted(results):
        print(f"{name}: claimed {len(mine)} joints {mine[:4]}..., kinds {kinds}, bead {peak}/{mean}, {ticks} ticks")
    solder = sum(j.solder_oz for j in joints)
    print(f"wiped = {tally.total()} (expected {len(joints)}); solder needed {solder} oz")
    print(f"claims recorded = {len(claims)}; crew finished in {elapsed:.2f}s")


if __name__ == "__main__":
    main(JOB)
