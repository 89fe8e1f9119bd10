"""Site coordinator: crews are scheduled as asyncio tasks.

The wall specification and the drawing register are published as files (read
here through file:// URLs, the way the site office serves them over the
intranet).  Brick quantities for each wall are estimated in worker threads;
the crews' assignments live on the coordinator and are only touched from the
event loop.
"""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import pathlib
import tempfile
import time
from dataclasses import dataclass, field
from typing import Dict, List, Sequence, Tuple
from urllib.request import urlopen

log = logging.getLogger("bricklayer.site")


@dataclass
class Wall:
    name: str
    length_mm: int
    height_mm: int
    openings: List[Tuple[int, int, int, int]] = field(default_factory=list)


def fetch_json(url: str) -> dict:
    with urlopen(url, timeout=2) as resp:  # ok: GIL004
        return json.loads(resp.read().decode())


def estimate_bricks(wall: Wall, *, brick_l: int, brick_h: int, joint: int) -> int:
    """Count whole and cut bricks course by course, skipping window and door openings."""
    pitch_x, pitch_y = brick_l + joint, brick_h + joint
    count = 0
    for row in range(wall.height_mm // pitch_y):  # expect: GIL001
        y = row * pitch_y
        offset = 0 if row % 2 == 0 else pitch_x // 2
        for col in range(-1, wall.length_mm // pitch_x + 1):
            x = col * pitch_x + offset
            if x + brick_l <= 0 or x >= wall.length_mm:
                continue
            if any(ox <= x < ox + ow and oy <= y < oy + oh for ox, oy, ow, oh in wall.openings):
                continue
            count += 1
    return count


class SiteCoordinator:
    def __init__(self, spec_url: str, drawings_url: str) -> None:
        self.spec_url = spec_url
        self.drawings_url = drawings_url
        self.assignments: Dict[str, List[str]] = {}
        self.estimates: Dict[str, int] = {}

    async def load_spec(self) -> dict:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, functools.partial(fetch_json, self.spec_url))

    async def drawing_revision(self) -> str:
        with urlopen(self.drawings_url) as resp:  # expect: GIL004
            register = json.loads(resp.read().decode())
        return register["revision"]

    async def assign(self, crew: str, wall: Wall) -> None:
        if crew not in self.assignments:  # ok: GIL003
            self.assignments[crew] = []
        self.assignments[crew].append(wall.name)

    async def crew_day(self, crew: str, walls: Sequence[Wall], spec: dict) -> int:
        laid = 0
        for wall in walls:
            await self.assign(crew, wall)
            bricks = await asyncio.to_thread(estimate_bricks, wall, **spec["brick"])
            self.estimates[wall.name] = bricks
            laid += bricks
            await asyncio.sleep(0.005)
        return laid


def publish(tmp: pathlib.Path) -> Tuple[str, str]:
    spec = {"brick": {"brick_l": 215, "brick_h": 65, "joint": 10}, "mortar": "M4"}
    drawings = {"revision": "C3", "sheets": ["A-101", "A-102", "A-201"]}
    spec_path, drawings_path = tmp / "spec.json", tmp / "drawings.json"
    spec_path.write_text(json.dumps(spec), encoding="utf-8")
    drawings_path.write_text(json.dumps(drawings), encoding="utf-8")
    return spec_path.as_uri(), drawings_path.as_uri()


def site_walls() -> Dict[str, List[Wall]]:
    return {
        "crew-a": [Wall("plot1-front", 48_000, 12_000, [(2_000, 900, 1_200, 1_200), (9_000, 0, 900, 2_100)]),
                   Wall("plot1-rear", 48_000, 12_000, [(4_000, 900, 1_800, 1_200)])],
        "crew-b": [Wall("plot2-front", 52_000, 12_000, [(3_000, 900, 1_200, 1_200)])],
        "crew-c": [Wall("boundary", 200_000, 4_000)],
    }


async def run_site(tmp: pathlib.Path) -> None:
    spec_url, drawings_url = publish(tmp)
    site = SiteCoordinator(spec_url, drawings_url)
    spec = await site.load_spec()
    revision = await site.drawing_revision()
    started = time.perf_counter()
    walls = site_walls()
    totals = await asyncio.gather(*(site.crew_day(crew, ws, spec) for crew, ws in walls.items()))
    print(f"drawings revision {revision}, mortar {spec['mortar']}")
    for (crew, ws), total in zip(walls.items(), totals):
        print(f"{crew}: {site.assignments[crew]} -> {total} bricks")
    print(f"walls estimated = {len(site.estimates)} in {time.perf_counter() - started:.2f}s")


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="site-") as tmp:
        asyncio.run(run_site(pathlib.Path(tmp)))


if __name__ == "__main__":
    main()
