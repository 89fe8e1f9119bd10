"""Acoustic-fingerprint deduplication of a user's merged playlists.

Tracks imported from several services are decoded (a deterministic PCM stub
stands in for the codec), cut into frames and fingerprinted with a band-energy
hash.  A shared FingerprintIndex keeps the first track per fingerprint and
notifies listeners about new and duplicate tracks.
"""
from __future__ import annotations

import collections
import functools
import logging
import random
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

log = logging.getLogger("dedup")

SAMPLE_RATE = 1600
FRAME = 256
BANDS = 6


@dataclass(frozen=True)
class Track:
    track_id: str
    title: str
    artist: str
    seconds: int
    source: str

    @property
    def key(self) -> str:
        return f"{self.artist.casefold()}::{self.title.casefold()}"


def decoded(tracks: Iterable[Track]) -> Iterator[tuple[Track, list]]:
    for track in tracks:
        rng = random.Random(track.key)  # same recording -> same samples
        n = track.seconds * SAMPLE_RATE
        yield track, [rng.randrange(-32768, 32768) for _ in range(n)]


def framed(stream: Iterator[tuple[Track, list]]) -> Iterator[tuple[Track, list]]:
    for track, pcm in stream:
        yield track, [pcm[i:i + FRAME] for i in range(0, len(pcm) - FRAME + 1, FRAME)]


def band_energy_hash(frames: list) -> int:
    width = FRAME // BANDS
    fp = 0
    prev = [0] * BANDS
    for frame in frames:
        energies = []
        for b in range(BANDS):
            e = 0
            for s in frame[b * width:(b + 1) * width]:
                e += s * s >> 10
            energies.append(e)
        for b in range(BANDS):
            fp = ((fp << 1) | (energies[b] > prev[b])) & 0xFFFFFFFFFFFF
        prev = energies
    return fp


def fingerprinted(stream: Iterator[tuple[Track, list]]) -> Iterator[tuple[Track, int]]:
    for track, frames in stream:
        yield track, band_energy_hash(frames)


class FingerprintIndex:
    """Shared by every dedup worker; listeners are called on each decision."""

    def __init__(self):
        self._by_fp: dict[int, Track] = {}
        self._listeners: dict[str, list[Callable]] = collections.defaultdict(list)
        self._lock = threading.Lock()
        self.offers = 0
        self.duplicates: list[tuple[Track, Track]] = []

    def on(self, event: str, callback: Callable) -> None:
        self._listeners[event].append(callback)

    def _emit(self, event: str, *args) -> None:
        for cb in self._listeners[event]:
            cb(*args)

    def offer(self, track: Track, fp: int) -> bool:
        with self._lock:
            self.offers += 1  # ok: GIL002
        keeper = self._by_fp.get(fp)
        if keeper is None:  # expect: GIL003
            self._emit("new", track)
            self._by_fp[fp] = track
            return True
        self.duplicates.append((track, keeper))
        self._emit("duplicate", track, keeper)
        return False

    def unique(self) -> list[Track]:
        return list(self._by_fp.values())


def dedup_worker(tracks: list, index: FingerprintIndex, *, report: collections.Counter) -> None:
    for track, fp in fingerprinted(framed(decoded(tracks))):  # expect: GIL001
        kept = index.offer(track, fp)
        report["kept" if kept else "dropped"] += 1  # ok: GIL002
        report[track.source] += 1


def build_library(seed: int = 5) -> list[Track]:
    rng = random.Random(seed)
    songs = [(f"Song {i}", f"Artist {i % 7}", rng.randint(3, 6)) for i in range(40)]
    library = []
    for n, source in enumerate(("spotify", "tidal", "local", "bandcamp")):
        for title, artist, secs in rng.sample(songs, 18):
            if n == 2:
                title = title.upper()  # local files tagged in capitals
            library.append(Track(f"{source}-{len(library)}", title, artist, secs, source))
    return library


def main() -> None:
    library = build_library()
    by_title: dict[str, list[Track]] = {}
    for track in library:  # main thread, before any worker starts
        if track.key not in by_title:  # ok: GIL003
            by_title[track.key] = []
        by_title[track.key].append(track)
    log.info("%d tracks, %d distinct titles", len(library), len(by_title))

    index = FingerprintIndex()
    events = collections.Counter()
    index.on("new", lambda t: events.update(["new"]))
    index.on("duplicate", lambda t, keeper: log.debug("%s duplicates %s", t.track_id,
                                                      keeper.track_id))
    n_workers = 3
    chunks = [library[i::n_workers] for i in range(n_workers)]
    reports = [collections.Counter() for _ in chunks]
    threads = [threading.Thread(target=functools.partial(dedup_worker, chunk, index,
                                                         report=reports[i]),
                                name=f"dedup-{i}")
               for i, chunk in enumerate(chunks)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started

    unique = index.unique()
    print(f"{len(library)} tracks -> {len(unique)} unique recordings "
          f"({len(index.duplicates)} duplicates, {index.offers} offers) in {elapsed:.2f}s")
    print(f"distinct by tag: {len(by_title)}; 'new' events: {events['new']}")
    for i, report in enumerate(reports):
        print(f"worker {i}: kept={report['kept']} dropped={report['dropped']}")


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    main()
