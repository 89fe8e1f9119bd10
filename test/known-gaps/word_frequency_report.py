"""Build a word-frequency report over several documents using asyncio + worker threads."""
import asyncio
import re
import threading
from collections import Counter

DOCS = {
    f"chapter{i}": " ".join(
        ["the quick brown fox jumps over the lazy dog", "asyncio threads and locks",
         "shared state needs care", "the loop must never block"][(i + k) % 4]
        for k in range(400)
    )
    for i in range(6)
}
STOPWORDS = frozenset({"the", "and", "over", "must"})

global_freq = {}
merged = Counter()
merge_lock = threading.Lock()
docs_processed = 0


def tokenize(text):
    return [w for w in re.findall(r"[a-z]+", text.lower()) if w not in STOPWORDS]  # expect: GIL001


def count_into_global(name):
    global docs_processed
    words = tokenize(DOCS[name])
    for w in words:  # expect: GIL001
        global_freq[w] = global_freq.get(w, 0) + 1  # expect: GIL002
    docs_processed += 1  # expect: GIL002
    return len(words)


def count_then_merge(name):
    local = Counter()
    for w in tokenize(DOCS[name]):  # expect: GIL001
        local[w] += 1  # ok: GIL002
    with merge_lock:
        merged.update(local)
    return sum(local.values())


async def build_report(names, worker):
    loop = asyncio.get_running_loop()
    futures = [loop.run_in_executor(None, worker, n) for n in names]
    sizes = await asyncio.gather(*futures)
    return dict(zip(names, sizes))


def render(freq, title, top=5):
    lines = [title]
    for word, count in sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
        lines.append(f"  {word:<8} {count}")
    return "\n".join(lines)


async def main():
    names = sorted(DOCS)
    sizes_a = await build_report(names, count_into_global)
    sizes_b = await build_report(names, count_then_merge)
    assert sum(sizes_a.values()) == sum(sizes_b.values())
    print(render(global_freq, f"unsafe merge ({docs_processed} docs):"))
    print(render(merged, "locked merge:"))


if __name__ == "__main__":
    asyncio.run(main())
