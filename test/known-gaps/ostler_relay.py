"""Relay posts on the coach road.

Coaches run along the road and change horses at each posting inn that still
has a fresh team.  A planner thread pushes a season of legs through a
generator pipeline to build the timetable.  All hands are spawned from a role
table in the configuration, through the inn keeper's spawn helper.
"""
from __future__ import annotations

import functools
import logging
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

log = logging.getLogger("ostler.relay")

STAGES = [("London", "Barnet", 11), ("Barnet", "Hatfield", 9), ("Hatfield", "Stevenage", 12),
          ("Stevenage", "Baldock", 6), ("Baldock", "Biggleswade", 8), ("Biggleswade", "Eaton", 9)]
ROAD = {"coaches": ("Highflyer", "Tally-Ho", "Regulator", "Telegraph"), "teams_per_post": 3,
        "leg_s": 0.002, "season_days": 24_000, "pace_mph": 10.0, "fare": 14}


def timed(label: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Log the wall time of a hand's whole shift."""

    def decorate(fn: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs) -> None:
            start = time.perf_counter()
            try:
                fn(*args, **kwargs)
            finally:
                log.info("%s finished in %.1f ms", label, (time.perf_counter() - start) * 1000)

        return wrapper

    return decorate


@dataclass
class Inn:
    teams_at: Counter = field(default_factory=Counter)
    changes: list[tuple[str, str]] = field(default_factory=list)
    fares: int = 0
    plan: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def stocked(cls, posts: Iterable[str], teams: int) -> "Inn":
        inn = cls()
        for post in posts:
            inn.teams_at[post] = teams
        return inn


def legs(stages: list[tuple[str, str, int]], days: int) -> Iterator[tuple[int, str, str, int]]:
    for day in range(days):
        for origin, dest, miles in stages:
            yield day, origin, dest, miles


def timed_legs(items: Iterable[tuple[int, str, str, int]], pace: float) -> Iterator[tuple[int, str, float]]:
    for day, origin, dest, miles in items:
        change = 3.0 if (day + len(origin)) % 7 else 5.0
        yield day, dest, miles / pace * 60.0 + change


@timed("timetable planner")
def plan_timetable(inn: Inn, stages: list, days: int, pace: float) -> None:
    arrival: dict[int, float] = {}
    busiest = ("", 0.0)
    for day, dest, minutes in timed_legs(legs(stages, days), pace):  # expect: GIL001
        start = arrival.get(day, 6 * 60.0)
        arrival[day] = start + minutes
        if minutes > busiest[1]:
            busiest = (dest, minutes)
    inn.plan = {"days": len(arrival), "last_arrival": max(arrival.values()), "longest_leg": busiest}


def drive_coach(inn: Inn, coach: str, route: list[str], leg_s: float, fare: int) -> None:
    for post in route:  # ok: GIL001
        time.sleep(leg_s)  # ok: GIL004
        if inn.teams_at[post] > 0:  # expect: GIL003
            inn.teams_at[post] -= 1  # expect: GIL002
            inn.changes.append((coach, post))
        with inn.lock:
            inn.fares += fare  # ok: GIL002


ROLES: dict[str, Callable[..., None]] = {"coach": drive_coach, "planner": plan_timetable}


class Keeper:
    def __init__(self, inn: Inn, roles: dict[str, Callable[..., None]]) -> None:
        self.inn = inn
        self.roles = roles
        self.hands: list[threading.Thread] = []

    def spawn(self, role: str, name: str, **kwargs) -> threading.Thread:
        target = self.roles[role]
        return self._launch(target, name, kwargs)

    def _launch(self, target: Callable[..., None], name: str, kwargs: dict) -> threading.Thread:
        kwargs.setdefault("inn", self.inn)
        hand = threading.Thread(target=target, name=name, kwargs=kwargs)
        self.hands.append(hand)
        hand.start()
        return hand

    def wait(self) -> None:
        for hand in self.hands:
            hand.join()


def report(inn: Inn, posts: list[str]) -> list[str]:
    changes = Counter(post for _, post in inn.changes)
    expected_changes = len(posts) * min(ROAD["teams_per_post"], len(ROAD["coaches"]))
    return [
        f"team changes = {len(inn.changes)} (expected {expected_changes})",
        f"teams left = {sum(inn.teams_at.values())} (expected "
        f"{len(posts) * ROAD['teams_per_post'] - expected_changes})",
        f"changes per post: {dict(changes)}",
        f"fares = {inn.fares} (expected {ROAD['fare'] * len(posts) * len(ROAD['coaches'])})",
        f"season plan: {inn.plan['days']} days, longest leg to {inn.plan['longest_leg'][0]}",
    ]


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    posts = [dest for _, dest, _ in STAGES]
    inn = Inn.stocked(posts, ROAD["teams_per_post"])
    keeper = Keeper(inn, ROLES)
    started = time.perf_counter()
    keeper.spawn("planner", "planner", stages=STAGES, days=ROAD["season_days"], pace=ROAD["pace_mph"])
    for coach in ROAD["coaches"]:
        keeper.spawn("coach", coach, coach=coach, route=posts, leg_s=ROAD["leg_s"], fare=ROAD["fare"])
    keeper.wait()
    for line in report(inn, posts):
        print(line)
    print(f"road closed after {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
