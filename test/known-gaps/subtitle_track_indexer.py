"""Index spoken words across subtitle (SRT) tracks with an asyncio front end."""
import asyncio
import random
import re
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

TRACKS = 9
CUES_PER_TRACK = 120
PARSERS = 3
WORDS = "we need to leave now the bridge is gone hold on where are you going i told you so".split()
TIMING_RE = re.compile(r"(\d\d):(\d\d):(\d\d),(\d\d\d) --> (\d\d):(\d\d):(\d\d),(\d\d\d)")

cues_indexed = 0


def write_tracks(root, seed=6):
    rng = random.Random(seed)
    paths = []
    for t in range(TRACKS):
        blocks = []
        for n in range(CUES_PER_TRACK):
            start = n * 4
            text = " ".join(rng.choices(WORDS, k=rng.randint(3, 9))).capitalize()
            blocks.append(f"{n + 1}\n00:{start // 60:02d}:{start % 60:02d},000 --> "
                          f"00:{(start + 3) // 60:02d}:{(start + 3) % 60:02d},500\n{text}\n")
        path = root / f"episode{t + 1:02d}.en.srt"
        path.write_text("\n".join(blocks), encoding="utf-8")
        paths.append(path)
    return paths


def load_track(path):
    return path.read_text(encoding="utf-8")  # expect: GIL004


def parse_track(name, text):
    global cues_indexed
    postings = {}
    spoken_ms = 0
    blocks = text.strip().split("\n\n")
    for block in blocks:
        _, timing, *lines = block.splitlines()
        h1, m1, s1, ms1, h2, m2, s2, ms2 = map(int, TIMING_RE.match(timing).groups())
        spoken_ms += ((h2 * 60 + m2) * 60 + s2) * 1000 + ms2 - (((h1 * 60 + m1) * 60 + s1) * 1000 + ms1)
        for word in " ".join(lines).lower().split():
            postings.setdefault(word, set()).add(name)
    cues_indexed += len(blocks)  # expect: GIL002
    return postings, spoken_ms


async def index_tracks(paths):
    loop = asyncio.get_running_loop()
    index = {}
    total_ms = 0
    with ThreadPoolExecutor(max_workers=PARSERS) as pool:
        pending = []
        for path in paths:
            text = load_track(path)
            pending.append(loop.run_in_executor(pool, parse_track, path.stem, text))
        for postings, spoken_ms in await asyncio.gather(*pending):
            total_ms += spoken_ms
            for word, names in postings.items():
                index.setdefault(word, set()).update(names)
    return index, total_ms


def main():
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_tracks(Path(tmp))
        index, total_ms = asyncio.run(index_tracks(paths))
    print(f"{cues_indexed} cues, {total_ms / 60000:.1f} minutes of dialogue, {len(index)} distinct words")
    for word in ("bridge", "gone", "told"):
        print(f"  {word!r} appears in {len(index.get(word, ()))} tracks")


if __name__ == "__main__":
    main()
