"""Build the yeomen's guard rota for each ward of the castle.

The guardroom runs on asyncio; for every ward it sounds the bugle and then searches all
assignments of yeomen to posts for the cheapest rota, in a worker thread
(asyncio.to_thread), all wards at once.
"""
import asyncio
import itertools
import logging
import time
from dataclasses import dataclass, field

log = logging.getLogger("yeoman.rota")

POSTS = ["Byward Gate", "Middle Tower", "Jewel House", "Traitors' Gate",
         "White Tower", "Bell Tower", "Salt Tower", "Wharf", "Queen's House"]

WARDS = {
    "Inner Ward": {"guards": ["Ames", "Birch", "Cole", "Drake", "Eden", "Finch", "Gale", "Hale", "Iles"],
                   "weights": {"fatigue": 1.5, "night_weight": 2.0}},
    "Outer Ward": {"guards": ["Ivory", "Jessop", "Kemp", "Lowe", "Marsh", "Nash", "Orme", "Pike", "Reed"],
                   "weights": {"fatigue": 1.1, "night_weight": 2.5}},
    "Tower Green": {"guards": ["Quill", "Rudd", "Sayer", "Tapp", "Upton", "Vane", "Wren", "Yates", "Zouch"],
                    "weights": {"fatigue": 1.8, "night_weight": 1.5}},
}


@dataclass
class Rota:
    ward: str
    score: float
    assignment: dict = field(default_factory=dict)
    searched: int = 0


def preference_table(guards, posts, fatigue, night_weight):
    table = []
    for gi, guard in enumerate(guards):
        row = []
        for pi, post in enumerate(posts):
            night = 1.0 if pi % 3 == 0 else 0.0
            row.append(((len(guard) * 7 + len(post) * 3 + gi * pi) % 11) * fatigue
                       + night * night_weight)
        table.append(row)
    return table


def build_rota(ward, guards, posts, *, fatigue=1.0, night_weight=1.0, limit=150_000):
    """Search the assignments of guards to posts (the first `limit` of the 9! rotas)."""
    table = preference_table(guards, posts, fatigue, night_weight)
    best_score, best_perm, searched = float("inf"), None, 0
    candidates = itertools.islice(itertools.permutations(range(len(guards))), limit)
    for perm in candidates:  # expect: GIL001
        score = 0.0
        for post_idx, guard_idx in enumerate(perm):
            score += table[guard_idx][post_idx]
        if score < best_score:
            best_score, best_perm = score, perm
        searched += 1
    assignment = {}
    for post_idx, guard_idx in enumerate(best_perm):
        post = posts[post_idx]
        if post not in assignment:  # ok: GIL003
            assignment[post] = guards[guard_idx]
    return Rota(ward, round(best_score, 2), assignment, searched)


class Guardroom:
    def __init__(self, bugle_s=0.01):
        self.bugle_s = bugle_s
        self.bugles = 0
        self.rotas = {}

    @property
    def bugle_pause(self):
        return self.bugle_s

    async def sound_bugle(self, ward):
        self.bugles += 1  # ok: GIL002
        log.info("bugle for %s", ward)
        time.sleep(self.bugle_pause)  # expect: GIL004

    async def muster(self, ward):
        await asyncio.sleep(0.005)  # ok: GIL004
        return ward

    async def plan(self, ward, spec):
        await self.sound_bugle(ward)
        await self.muster(ward)
        rota = await asyncio.to_thread(build_rota, ward, spec["guards"], POSTS, **spec["weights"])
        self.rotas[ward] = rota
        return rota

    async def plan_all(self, wards):
        return await asyncio.gather(*(self.plan(w, spec) for w, spec in wards.items()))


def night_posts(rota, posts=POSTS):
    """Main thread, after the search: which guards stand the night posts."""
    return [rota.assignment[p] for i, p in enumerate(posts) if i % 3 == 0]


def print_rota(rota):
    print(f"{rota.ward}: score {rota.score} after {rota.searched} rotas searched")
    for post, guard in rota.assignment.items():
        print(f"    {post:<15} {guard}")
    print(f"    night posts: {', '.join(night_posts(rota))}")


def main():
    logging.basicConfig(level=logging.WARNING)
    room = Guardroom(bugle_s=0.01)
    t0 = time.perf_counter()
    rotas = asyncio.run(room.plan_all(WARDS))
    elapsed = time.perf_counter() - t0
    for rota in rotas:
        print_rota(rota)
    print(f"bugles sounded = {room.bugles} (expected {len(WARDS)})")
    print(f"rotas built in {elapsed:.2f}s")


if __name__ == "__main__":
    main()
