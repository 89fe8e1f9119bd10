"""Transcribe Highland bagpipe reels from ABC-like text into note histograms.

Each tune runs through a generator pipeline (bars -> tokens -> notes with
gracenotes -> expanded events) on a thread pool; per-tune histograms are
written to a publication directory and merged into a collection-wide tally.
"""
from __future__ import annotations

import functools
import json
import logging
import os
import random
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("pipes.transcribe")

CHANTER = ("G", "A", "B", "c", "d", "e", "f", "g", "a")
GRACES = ("g", "d", "e", "gd", "gde", "a")
SETTINGS = {"grace_len": 0.0625, "workers": 3, "bars_per_tune": 7000}

NOTE_TALLY: dict[str, int] = {}  # collection-wide, merged by every transcriber
PUBLISHED: dict[str, str] = {}  # title -> path of the published histogram


@dataclass(frozen=True)
class Tune:
    title: str
    body: str
    meter: str = "2/2"

    @property
    def slug(self) -> str:
        return self.title.lower().replace(" ", "-")


def retry(times: int = 3, delay: float = 0.001, exceptions=(OSError,)):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    if attempt == times:
                        raise
                    log.warning("%s failed, attempt %d", fn.__name__, attempt)
                    time.sleep(delay * attempt)

        return wrapper

    return decorate


def bars(body: str):
    for bar in body.split("|"):
        if bar.strip():
            yield bar


def tokens(bar_iter):
    for bar in bar_iter:
        yield from bar.split()


def notes(token_iter):
    for tok in token_iter:
        grace = ""
        if tok.startswith("{"):
            close = tok.index("}")
            grace, tok = tok[1:close], tok[close + 1:]
        pitch, rest = tok[0], tok[1:]
        if rest.startswith("/"):
            length = 1.0 / int(rest[1:] or 2)
        elif rest:
            length = float(rest)
        else:
            length = 1.0
        yield pitch, length, grace


def expand(note_iter, grace_len: float):
    for pitch, length, grace in note_iter:
        for g in grace:
            yield g, grace_len
        yield pitch, max(length - grace_len * len(grace), grace_len)


@retry(times=3)
def publish(outdir: str, tune: Tune, counts: dict) -> str:
    path = os.path.join(outdir, f"{tune.slug}.json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"title": tune.title, "meter": tune.meter, "counts": counts}, fh)
    return path


def transcribe(tune: Tune, *, grace_len: float, outdir: str) -> tuple:
    counts: dict[str, int] = {}
    beats = 0.0
    for pitch, length in expand(notes(tokens(bars(tune.body))), grace_len):  # expect: GIL001
        counts[pitch] = counts.get(pitch, 0) + 1  # ok: GIL002
        beats += length
    for pitch, n in counts.items():  # ok: GIL001
        NOTE_TALLY[pitch] = NOTE_TALLY.get(pitch, 0) + n  # expect: GIL002
    if tune.title not in PUBLISHED:  # expect: GIL003
        PUBLISHED[tune.title] = publish(outdir, tune, counts)
    return tune.title, beats, sum(counts.values())


def compose(title: str, seed: int, n_bars: int) -> Tune:
    rng = random.Random(seed)
    out = []
    for _ in range(n_bars):
        bar = []
        for _ in range(4):
            grace = "{%s}" % rng.choice(GRACES) if rng.random() < 0.3 else ""
            length = rng.choice(("", "2", "/2", "3/2"))
            length = "" if length == "3/2" else length
            bar.append(f"{grace}{rng.choice(CHANTER)}{length}")
        out.append(" ".join(bar))
    return Tune(title, " | ".join(out))


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    n_bars = SETTINGS["bars_per_tune"]
    tunes = [
        compose("Mason's Apron", 1, n_bars),
        compose("The Sleeping Tune", 2, n_bars),
        compose("Mason's Apron", 3, n_bars),  # a second setting of the same reel
        compose("Jenny Dang the Weaver", 4, n_bars),
    ]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as outdir:
        job = functools.partial(transcribe, grace_len=SETTINGS["grace_len"], outdir=outdir)
        with ThreadPoolExecutor(max_workers=SETTINGS["workers"]) as pool:
            results = list(pool.map(job, tunes))
        files = sorted(os.listdir(outdir))
    for title, beats, n in results:
        print(f"{title:24s} {n:6d} notes {beats:9.2f} beats")
    print(f"tally: {dict(sorted(NOTE_TALLY.items()))}")
    print(f"published {len(files)} files in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
