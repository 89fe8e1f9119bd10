"""Pinsetter lane simulator.

Each lane plays a full game in a worker thread: the ball is integrated step by step down
the lane and checked against every standing pin. Frame results go to a shared
Scoreboard that the alley's overhead monitors read.
"""
from __future__ import annotations

import contextlib
import logging
import math
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Tuple

logging.basicConfig(level=logging.INFO, format="%(threadName)-10s %(message)s")
log = logging.getLogger("pinsetter.sim")

PHYSICS = {"steps": 2000, "lane_len": 18.3, "pin_radius": 0.06, "ball_radius": 0.11, "hook": 0.015}
PIN_LAYOUT: List[Tuple[float, float]] = [
    (0.0, 18.3), (-0.15, 18.56), (0.15, 18.56), (-0.3, 18.82), (0.0, 18.82),
    (0.3, 18.82), (-0.45, 19.08), (-0.15, 19.08), (0.15, 19.08), (0.45, 19.08),
]


class Scoreboard:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._total_pins = 0
        self.frames_played = 0
        self.high_frame: Dict[str, Any] = {"lane": None, "pins": -1}

    @property
    def total_pins(self) -> int:
        return self._total_pins

    @total_pins.setter
    def total_pins(self, value: int) -> None:
        if value < 0:
            raise ValueError("pin count cannot go negative")
        self._total_pins = value


class LaneGuard:
    """Context manager that holds the scoreboard lock while a lane posts a frame."""

    def __init__(self, board: Scoreboard, lane: int) -> None:
        self._board = board
        self._lane = lane
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> Scoreboard:
        self._stack.enter_context(self._board.lock)
        return self._board

    def __exit__(self, *exc_info) -> bool:
        return bool(self._stack.__exit__(*exc_info))


@dataclass
class Roll:
    release_x: float
    speed: float
    angle: float

    @classmethod
    def random(cls, rng: random.Random) -> "Roll":
        return cls(rng.uniform(-0.2, 0.2), rng.uniform(7.0, 9.0), rng.uniform(-0.01, 0.01))


@dataclass
class GameResult:
    lane: int
    frames: List[int] = field(default_factory=list)

    @property
    def pins(self) -> int:
        return sum(self.frames)


def roll_ball(roll: Roll, standing: List[Tuple[float, float]], physics: Dict[str, float]) -> int:
    steps = int(physics["steps"])
    dt = (physics["lane_len"] + 1.0) / roll.speed / steps
    x, y, angle = roll.release_x, 0.0, roll.angle
    reach = physics["pin_radius"] + physics["ball_radius"]
    hit = set()
    for _ in range(steps):
        angle += physics["hook"] * dt
        x += roll.speed * math.sin(angle) * dt
        y += roll.speed * math.cos(angle) * dt
        for idx, (px, py) in enumerate(standing):
            if idx not in hit and math.hypot(px - x, py - y) < reach * 2.2:
                hit.add(idx)
    return len(hit)


def simulate_game(lane: int, board: Scoreboard, result: GameResult, *, seed: int,
                  frames: int = 10, **physics_overrides) -> GameResult:
    physics = {**PHYSICS, **physics_overrides}
    rng = random.Random(seed)
    for frame in range(1, frames + 1):  # expect: GIL001
        first = roll_ball(Roll.random(rng), PIN_LAYOUT, physics)
        remaining = [p for i, p in enumerate(PIN_LAYOUT) if i >= first]
        second = roll_ball(Roll.random(rng), remaining, physics) if remaining else 0
        knocked = min(10, first + second)
        result.frames.append(knocked)
        with LaneGuard(board, lane) as guarded:
            guarded.frames_played += 1  # ok: GIL002
            if knocked > guarded.high_frame["pins"]:  # ok: GIL003
                guarded.high_frame = {"lane": lane, "pins": knocked, "frame": frame}
        board.total_pins += knocked  # expect: GIL002
    return result


class LaneController:
    """Dispatches lane jobs by kind; each job runs on its own thread."""

    def __init__(self, board: Scoreboard) -> None:
        self.board = board
        self.handlers: Dict[str, Callable[..., Any]] = {"game": simulate_game}
        self.threads: List[threading.Thread] = []

    def _dispatch(self, kind: str, payload: Dict[str, Any]) -> None:
        handler = self.handlers[kind]
        handler(board=self.board, **payload)

    def launch(self, kind: str, **payload) -> None:
        thread = threading.Thread(target=self._dispatch, args=(kind, payload),
                                  name=f"lane-{payload.get('lane')}")
        self.threads.append(thread)
        thread.start()

    def wait(self) -> None:
        for thread in self.threads:
            thread.join()


def main() -> None:
    board = Scoreboard()
    controller = LaneController(board)
    results = {lane: GameResult(lane) for lane in (1, 2, 3, 4)}
    started = time.perf_counter()
    for lane, result in results.items():
        controller.launch("game", lane=lane, result=result, seed=lane * 31, hook=0.012 + lane / 1000)
    controller.wait()
    elapsed = time.perf_counter() - started
    for lane, result in results.items():
        log.info("lane %d frames %s total %d", lane, result.frames, result.pins)
    print(f"frames={board.frames_played} total_pins={board.total_pins} "
          f"sum_check={sum(r.pins for r in results.values())} high={board.high_frame} "
          f"in {elapsed:.2f}s")


if __name__ == "__main__":
    main()
