#!/usr/bin/env python3
"""Autocomplete backend whose prefix index is built in the background.

An IndexBuilder thread builds the prefix -> words table once; query threads
wait for it to be ready, then answer prefixes handed to them through a queue.
"""
import queue
import random
import string
import threading


class IndexBuilder(threading.Thread):
    def __init__(self, words):
        super().__init__(name="index-builder")
        self.words = words
        self.table = {}
        self.ready = threading.Event()

    def run(self):
        table = {}
        for word in self.words:  # expect: GIL001
            table.setdefault(word[:3], []).append(word)
        for bucket in table.values():  # expect: GIL001
            bucket.sort()
        self.table = table
        self.ready.set()


class QueryWorker(threading.Thread):
    def __init__(self, index, requests, answers):
        super().__init__(daemon=True)
        self.index = index
        self.requests = requests
        self.answers = answers
        self.answered = 0

    def run(self):
        self.index.ready.wait()
        while True:  # ok: GIL001
            prefix = self.requests.get()
            if prefix is None:
                break
            matches = self.index.table.get(prefix[:3], [])
            self.answers.put((prefix, [w for w in matches if w.startswith(prefix)][:5]))
            self.answered += 1  # ok: GIL002


def make_vocabulary(n, seed=3):
    rng = random.Random(seed)
    letters = string.ascii_lowercase[:12]
    return ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(n)]  # ok: GIL001


def main():
    words = make_vocabulary(60000)
    builder = IndexBuilder(words)
    requests, answers = queue.Queue(), queue.Queue()
    workers = [QueryWorker(builder, requests, answers) for _ in range(3)]
    for w in workers:
        w.start()
    builder.start()
    for prefix in ["abc", "fed", "kkal", "bad", "cafe", "lib", "ghij", "aaa"]:
        requests.put(prefix)
    for _ in workers:
        requests.put(None)
    builder.join()
    for w in workers:
        w.join()

    while not answers.empty():
        prefix, top = answers.get()
        print("%-5s -> %s" % (prefix, ", ".join(top) or "(none)"))
    print("answered per worker:", [w.answered for w in workers])
    print("index buckets:", len(builder.table))


if __name__ == "__main__":
    main()
