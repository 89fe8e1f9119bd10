"""Exam-timetable service: evolve a clash-free exam schedule, then export it.

Two independent genetic-algorithm runs (different seeds) search for an exam ->
slot assignment with the fewest student clashes; the best schedule found by
either run is kept in a hall of fame.  The winner is exported as one iCalendar
file per day and each file is sent to the print room, which signals readiness
over a socket.
"""
import asyncio
import functools
import logging
import math
import os
import random
import socket
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import combinations

log = logging.getLogger("exams")

GA_CONFIG = {"generations": 45, "population": 40, "mutation": 0.08, "seeds": (1, 2)}
PROBLEM = {"exams": 30, "slots": 10, "students": 80, "exams_per_student": 5}
EXPORT = {"nfs_latency": 0.003, "days": 5}


@dataclass
class ExamProblem:
    n_exams: int
    n_slots: int
    enrolment: list = field(default_factory=list)

    @classmethod
    def generate(cls, rng: random.Random, **spec) -> "ExamProblem":
        problem = cls(spec["exams"], spec["slots"])
        problem.enrolment = [tuple(rng.sample(range(spec["exams"]), spec["exams_per_student"]))
                             for _ in range(spec["students"])]
        return problem

    def random_genome(self, rng: random.Random) -> list:
        return [rng.randrange(self.n_slots) for _ in range(self.n_exams)]

    def clashes(self, genome: list) -> int:
        return sum(1 for exams in self.enrolment
                   for a, b in combinations(exams, 2) if genome[a] == genome[b])

    def crossover(self, mum: list, dad: list, rng: random.Random) -> list:
        cut = rng.randrange(1, self.n_exams)
        return mum[:cut] + dad[cut:]

    def mutate(self, genome: list, rng: random.Random, rate: float) -> list:
        return [rng.randrange(self.n_slots) if rng.random() < rate else g for g in genome]


def evolve(problem: ExamProblem, hall_of_fame: dict, *, seed: int, generations: int,
           population: int, mutation: float) -> tuple:
    rng = random.Random(seed)
    pop = [problem.random_genome(rng) for _ in range(population)]
    best, best_fit = None, math.inf
    for generation in range(generations):  # expect: GIL001
        scored = sorted(pop, key=problem.clashes)
        best, best_fit = scored[0], problem.clashes(scored[0])
        if best_fit < hall_of_fame.get("clashes", math.inf):  # expect: GIL003
            hall_of_fame["clashes"] = best_fit
            hall_of_fame["genome"] = list(best)
            hall_of_fame["seed"] = seed
        parents = scored[:population // 2]
        children = [problem.mutate(problem.crossover(rng.choice(parents), rng.choice(parents), rng),
                                   rng, mutation)
                    for _ in range(population - len(parents))]
        pop = parents + children
    return seed, best_fit


def write_ics(path: str, day: int, exams: list, latency: float) -> str:
    """Blocking export of one day's exams; runs in a worker thread."""
    with open(path, "w") as fh:
        fh.write("BEGIN:VCALENDAR\nVERSION:2.0\n")
        for exam, slot in exams:  # ok: GIL001
            fh.write(f"BEGIN:VEVENT\nSUMMARY:Exam {exam}\nDTSTART:2025060{day + 2}T0{8 + slot}0000\n"
                     "END:VEVENT\n")
        fh.write("END:VCALENDAR\n")
    time.sleep(latency)  # ok: GIL004
    return path


def print_room(sock: socket.socket, jobs: int, gap: float) -> None:
    for _ in range(jobs):
        time.sleep(gap)
        sock.sendall(b"READY\n")


class Exporter:
    def __init__(self, outdir: str, printer: socket.socket, **cfg):
        self.outdir = outdir
        self._printer = printer
        self.cfg = cfg
        self.sent: list = []

    def _wait_printer_ready(self) -> bytes:
        buf = b""
        while len(buf) < 6:
            chunk = self._printer.recv(6 - len(buf))  # expect: GIL004
            if not chunk:
                raise ConnectionError("print room went away")
            buf += chunk
        return buf

    async def export_day(self, day: int, exams: list) -> str:
        path = os.path.join(self.outdir, f"exams-day{day}.ics")
        await asyncio.to_thread(write_ics, path, day, exams, self.cfg["nfs_latency"])
        self._wait_printer_ready()
        self.sent.append(os.path.basename(path))
        return path

    async def export(self, genome: list, slots_per_day: int) -> list:
        by_day: dict = {}
        for exam, slot in enumerate(genome):
            by_day.setdefault(slot // slots_per_day, []).append((exam, slot % slots_per_day))
        return await asyncio.gather(*(self.export_day(day, sorted(exams, key=lambda e: e[1]))
                                      for day, exams in sorted(by_day.items())))


async def main() -> None:
    rng = random.Random(17)
    problem = ExamProblem.generate(rng, **PROBLEM)
    hall_of_fame: dict = {}
    loop = asyncio.get_running_loop()
    settings = {k: v for k, v in GA_CONFIG.items() if k != "seeds"}
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="ga") as pool:
        runs = await asyncio.gather(*(
            loop.run_in_executor(pool, functools.partial(evolve, problem, hall_of_fame, seed=s, **settings))
            for s in GA_CONFIG["seeds"]))
    print(f"GA runs {runs}; best {hall_of_fame['clashes']} clashes (seed {hall_of_fame['seed']}) "
          f"in {time.perf_counter() - started:.2f}s")

    ours, theirs = socket.socketpair()
    slots_per_day = max(1, PROBLEM["slots"] // EXPORT["days"])
    n_days = len({slot // slots_per_day for slot in hall_of_fame["genome"]})
    printer = threading.Thread(target=print_room, args=(theirs, n_days, 0.001), name="print-room")
    printer.start()
    with tempfile.TemporaryDirectory(prefix="exams-") as outdir:
        exporter = Exporter(outdir, ours, **EXPORT)
        paths = await exporter.export(hall_of_fame["genome"], slots_per_day)
        print(f"exported {len(paths)} calendars, printed {exporter.sent}")
    printer.join()
    ours.close()
    theirs.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main())
