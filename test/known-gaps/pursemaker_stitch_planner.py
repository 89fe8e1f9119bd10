"""Leather purse workshop: plan the saddle-stitch holes for a batch of purse pieces.

Each pattern piece has a curved edge; the stitching line runs a fixed margin in
from it and the pricking iron marks holes at the stitch pitch.  The planner walks
the edge in fine steps (a generator), places the holes and works out the awl angle
for each.  Pieces are planned in a thread pool.
"""
import math
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

PATTERN_CONFIG = {
    "walk_step_mm": 0.0008,
    "pitch_mm": {"fine": 2.7, "standard": 3.38, "heavy": 3.85},
    "pieces": [
        {"name": "coin-front", "kind": "coin", "width": 95, "height": 70, "iron": "fine"},
        {"name": "coin-back", "kind": "coin", "width": 95, "height": 70, "iron": "fine"},
        {"name": "clutch-flap", "kind": "clutch", "width": 210, "height": 60, "iron": "standard"},
        {"name": "clutch-body", "kind": "clutch", "width": 210, "height": 120, "iron": "standard"},
        {"name": "satchel-gusset", "kind": "satchel", "width": 60, "height": 180, "iron": "heavy"},
    ],
    "planners": 3,
}

hole_totals = {}
_scratch = threading.local()


@dataclass
class Piece:
    name: str
    kind: str
    width: float
    height: float
    pitch: float

    @classmethod
    def from_config(cls, entry, pitches):
        return cls(entry["name"], entry["kind"], entry["width"], entry["height"],
                   pitches[entry["iron"]])

    @property
    def corner_radius(self):
        return min(self.width, self.height) / 4.0


def edge_points(piece, step):
    """Walk the rounded-rectangle stitching line; yield every fine step."""
    r = piece.corner_radius
    straight_w, straight_h = piece.width - 2 * r, piece.height - 2 * r
    perimeter = 2 * (straight_w + straight_h) + 2 * math.pi * r
    s = 0.0
    while s < perimeter:
        yield s, perimeter
        s += step


def awl_angle(s, perimeter):
    return round(math.degrees(math.atan2(math.sin(2 * math.pi * s / perimeter), 1.8)), 1)


class StitchPlanner:
    """Callable task: plan one piece."""

    def __init__(self, step):
        self.step = step

    def __call__(self, piece):
        _scratch.pieces = getattr(_scratch, "pieces", 0) + 1
        holes = self.place_holes(piece)
        record_holes(piece.kind, len(holes))
        return piece, holes

    def place_holes(self, piece):
        holes = []
        next_hole = 0.0
        _scratch.steps = 0
        for s, perimeter in edge_points(piece, self.step):  # expect: GIL001 -- 375k-760k walk steps per piece (perimeter / 0.0008 mm) from the generator, in a pool thread
            _scratch.steps += 1  # ok: GIL002 -- threading.local: every planner thread has its own counter
            if s >= next_hole:
                holes.append((round(s, 2), awl_angle(s, perimeter)))
                next_hole += piece.pitch
        return holes


def record_holes(kind, count):
    hole_totals[kind] = hole_totals.get(kind, 0) + count  # expect: GIL002 -- module dict updated from every pool thread, no lock


def summarise(results):
    summary = {}
    for piece, holes in results:
        if piece.kind not in summary:  # ok: GIL003 -- summary is a local dict of the main thread
            summary[piece.kind] = []
        summary[piece.kind].append((piece.name, len(holes)))
    return summary


def thread_needed_m(piece, holes):
    # saddle stitch: two needles, about 4x the seam length plus the tails
    return round((4 * len(holes) * piece.pitch + 300) / 1000.0, 2)


def main():
    pitches = PATTERN_CONFIG["pitch_mm"]
    pieces = [Piece.from_config(e, pitches) for e in PATTERN_CONFIG["pieces"]]
    planner = StitchPlanner(PATTERN_CONFIG["walk_step_mm"])
    results = []
    with ThreadPoolExecutor(max_workers=PATTERN_CONFIG["planners"]) as pool:
        futures = {pool.submit(planner, p): p.name for p in pieces}
        for fut in as_completed(futures):
            piece, holes = fut.result()
            results.append((piece, holes))
            print(f"{futures[fut]:15s} {len(holes):4d} holes, thread {thread_needed_m(piece, holes)} m")
    for kind, rows in sorted(summarise(results).items()):
        print(f"{kind:8s} {rows}")
    print("hole totals:", dict(sorted(hole_totals.items())))


if __name__ == "__main__":
    main()
