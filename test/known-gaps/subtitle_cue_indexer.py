"""Build a word -> cue-number index over an SRT subtitle track with indexer threads."""
import re
import threading

CUES = 300
INDEXERS = 3
CUE_SECONDS = 3
LINES = [
    "we should leave before the tide turns",
    "did you hear that noise from the pier",
    "the lighthouse is dark tonight",
    "keep the engine running and wait",
    "nobody saw the boat leave the harbour",
]
WORD = re.compile(r"[a-z']+")


def timestamp(seconds):
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h:02d}:{m:02d}:{s:02d},000"


def render_srt(n):
    blocks = [f"{i + 1}\n{timestamp(i * CUE_SECONDS)} --> {timestamp(i * CUE_SECONDS + 2)}\n{LINES[i % len(LINES)]}\n" for i in range(n)]
    return "\n".join(blocks)


def parse_cues(text):
    cues = []
    for block in text.strip().split("\n\n"):
        number, span, *body = block.splitlines()
        cues.append((int(number), span, " ".join(body)))
    return cues


class CueIndexer(threading.Thread):
    def __init__(self, cues, index, lock):
        super().__init__(daemon=True)
        self.cues = cues
        self.index = index
        self.lock = lock
        self.words_seen = 0

    def run(self):
        for number, _span, body in self.cues:  # ok: GIL001
            words = WORD.findall(body.lower())
            self.words_seen += len(words)  # ok: GIL002
            with self.lock:
                for word in words:
                    self.index.setdefault(word, []).append(number)


def main():
    cues = parse_cues(render_srt(CUES))
    index = {}
    lock = threading.Lock()
    indexers = [CueIndexer(cues[i::INDEXERS], index, lock) for i in range(INDEXERS)]
    for ix in indexers:
        ix.start()
    for ix in indexers:
        ix.join()
    total = sum(ix.words_seen for ix in indexers)
    print(f"{len(cues)} cues, {total} words, {len(index)} distinct")
    for word in ("tide", "lighthouse", "harbour", "engine"):
        hits = sorted(index.get(word, []))
        print(f"{word:<11} {len(hits):>3} cues, first at {hits[:3]}")


if __name__ == "__main__":
    main()
