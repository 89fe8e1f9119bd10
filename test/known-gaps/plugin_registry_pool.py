"""Text-analysis plugins registered with @register and run side by side in a thread pool."""
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor

PLUGINS = {}
_run_counts = {}
_counts_lock = threading.Lock()

VOCAB = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]


def register(name):
    def decorator(fn):
        if name in PLUGINS:  # ok: GIL003
            raise ValueError(f"plugin {name!r} registered twice")
        PLUGINS[name] = fn
        return fn
    return decorator


def _record_run(name):
    with _counts_lock:
        _run_counts[name] = _run_counts.get(name, 0) + 1  # ok: GIL002


@register("word_freq")
def word_frequencies(words):
    _record_run("word_freq")
    freq = {}
    for w in words:  # expect: GIL001
        freq[w] = freq.get(w, 0) + 1  # ok: GIL002
    return sorted(freq.items(), key=lambda kv: -kv[1])[:5]


@register("longest")
def longest_words(words):
    _record_run("longest")
    ranked = [(len(w), w) for w in words]  # expect: GIL001
    return max(ranked)


@register("compressed_size")
def compressed_size(words):
    _record_run("compressed_size")
    blob = " ".join(words).encode()
    return len(zlib.compress(blob, 9))  # ok: GIL001


def make_corpus(n):
    return [VOCAB[(i * 7919) % len(VOCAB)] + str(i % 97) for i in range(n)]


def run_all(pool, corpus, rounds):
    jobs = [
        (round_no, name, pool.submit(plugin, corpus))
        for round_no in range(rounds)
        for name, plugin in PLUGINS.items()
    ]
    return [(round_no, name, fut.result()) for round_no, name, fut in jobs]


if __name__ == "__main__":
    corpus = make_corpus(400_000)
    with ThreadPoolExecutor(max_workers=4) as pool:
        for round_no, name, value in run_all(pool, corpus, rounds=2):
            print(f"round {round_no} {name:>16}: {value}")
    print("plugin runs:", _run_counts)
