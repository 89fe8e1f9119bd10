"""Polishing lines for bit mouthpieces and buckles.

Each line is a generator pipeline (read blanks -> grind -> buff -> grade) run in its own
thread; a label printer thread writes the tickets for the first pieces. Per-grade tallies
are shared by every line.
"""
import functools
import logging
import math
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("loriner.polish")

LINE_CONFIG = {
    "lines": 3,
    "blanks_per_line": 90,
    "profile_points": 64,
    "grind_passes": 80,
    "buff_factor": 0.85,
    "grades": ((0.02, "mirror"), (0.05, "satin"), (math.inf, "rework")),
}


@dataclass
class Piece:
    piece_id: str
    alloy: str
    profile: list = field(repr=False)
    roughness: float = 0.0
    grade: str = ""


def stage(name):
    """Mark a generator function as a pipeline stage and log when it is exhausted."""
    def decorate(gen_fn):
        @functools.wraps(gen_fn)
        def wrapper(*args, **kwargs):
            n = 0
            for item in gen_fn(*args, **kwargs):
                n += 1
                yield item
            log.debug("stage %s passed %d pieces", name, n)
        wrapper.stage_name = name
        return wrapper
    return decorate


@stage("read")
def read_blanks(path, points):
    with open(path) as fh:
        for raw in fh:
            piece_id, alloy, seed = raw.split()
            s = int(seed)
            profile = [math.sin(s * 0.37 + k * 0.9) * 0.2 + ((s * 7 + k * 13) % 11) * 0.01
                       for k in range(points)]
            yield Piece(piece_id, alloy, profile)


@stage("grind")
def grind(pieces, passes):
    for piece in pieces:
        prof = piece.profile
        for _ in range(passes):
            prof = [prof[0]] + [(prof[i - 1] + 2 * prof[i] + prof[i + 1]) * 0.25
                                for i in range(1, len(prof) - 1)] + [prof[-1]]
        piece.profile = prof
        yield piece


@stage("buff")
def buff(pieces, factor):
    for piece in pieces:
        mean = sum(piece.profile) / len(piece.profile)
        piece.roughness = factor * math.sqrt(sum((p - mean) ** 2 for p in piece.profile)
                                             / len(piece.profile))
        yield piece


def grade_for(roughness, grades):
    for limit, name in grades:
        if roughness <= limit:
            return name
    return "rework"


class PolishShop:
    def __init__(self, config):
        self.config = config
        self.metrics = {}
        self.timings = {}
        self.finished = []
        self._tls = threading.local()

    def run_line(self, line_no, path, *, passes, factor, points):
        self._tls.handled = 0
        pipeline = buff(grind(read_blanks(path, points), passes), factor)
        for piece in pipeline:  # expect: GIL001
            piece.grade = grade_for(piece.roughness, self.config["grades"])
            self.metrics[piece.grade] = self.metrics.get(piece.grade, 0) + 1  # expect: GIL002
            self._tls.handled += 1  # ok: GIL002
            self.finished.append(piece)
        log.info("line %d polished %d pieces", line_no, self._tls.handled)


def make_runner(shop, line_no, path, **opts):
    def runner():
        started = time.perf_counter()
        shop.run_line(line_no, path, **opts)
        shop.timings[line_no] = time.perf_counter() - started
    runner.__name__ = f"polish_line_{line_no}"
    return runner


def print_labels(ticket_path, piece_ids):
    with open(ticket_path, "w") as fh:
        for piece_id in piece_ids:  # ok: GIL001
            fh.write(f"TICKET {piece_id}\n")
            fh.flush()
            time.sleep(0.002)


def write_blanks(root, line_no, count):
    path = os.path.join(root, f"line{line_no}.blanks")
    with open(path, "w") as fh:
        for i in range(count):
            fh.write(f"L{line_no}-{i:03d} {'steel' if i % 4 else 'copper'} {i * 31 + line_no}\n")
    return path


def main():
    logging.basicConfig(level=logging.INFO, format="%(threadName)s: %(message)s")
    cfg = LINE_CONFIG
    shop = PolishShop(cfg)
    opts = {"passes": cfg["grind_passes"], "factor": cfg["buff_factor"],
            "points": cfg["profile_points"]}
    with tempfile.TemporaryDirectory(prefix="polish-") as root:
        paths = [write_blanks(root, n, cfg["blanks_per_line"]) for n in range(cfg["lines"])]
        threads = [threading.Thread(target=make_runner(shop, n, p, **opts), name=f"line-{n}")
                   for n, p in enumerate(paths)]
        printer = threading.Thread(target=print_labels, name="printer",
                                   args=(os.path.join(root, "tickets.txt"),
                                         [f"L0-{i:03d}" for i in range(10)]))
        for t in threads + [printer]:
            t.start()
        for t in threads + [printer]:
            t.join()
        with open(os.path.join(root, "tickets.txt")) as fh:
            tickets = fh.read().count("TICKET")
    print(f"polished {len(shop.finished)} pieces, {tickets} tickets printed")
    for grade, n in sorted(shop.metrics.items()):
        print(f"  {grade:7s} {n}")
    print("line times:", {k: round(v, 3) for k, v in sorted(shop.timings.items())})


if __name__ == "__main__":
    main()
