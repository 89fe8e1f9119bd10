"""Text plugins that register themselves through __init_subclass__ and run in threads.

Each worker thread calls a classmethod that builds its own plugin instance;
what the threads share are the class attributes.
"""
import functools
import threading
import time
from threading import Thread


class Plugin:
    registry = {}            # name -> subclass, filled when the class statements run
    defined = 0
    processed = 0            # each subclass ends up with its own copy on first write
    warmups = 0
    totals = {}
    _totals_lock = threading.Lock()

    def __init_subclass__(cls, name, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.name = name
        Plugin.registry[name] = cls
        Plugin.defined += 1  # ok: GIL002 (class statements run at import, on the main thread)

    def __init__(self):
        self.out = []
        self.units = 0

    def transform(self, text):
        raise NotImplementedError

    @staticmethod
    def tally(key, n):
        Plugin.totals[key] = Plugin.totals.get(key, 0) + n  # expect: GIL002

    @staticmethod
    def tally_locked(key, n):
        with Plugin._totals_lock:
            Plugin.totals[key + ":checked"] = Plugin.totals.get(key + ":checked", 0) + n  # ok: GIL002

    @classmethod
    def run_batch(cls, docs, sink):
        plugin = cls()                     # this thread's own instance
        for doc in docs:  # expect: GIL001
            plugin.out.append(plugin.transform(doc))
            plugin.units += 1  # ok: GIL002
        cls.processed += plugin.units  # expect: GIL002
        Plugin.tally(cls.name, plugin.units)
        Plugin.tally_locked(cls.name, plugin.units)
        sink.extend(plugin.out)

    @classmethod
    def warm_up(cls):
        time.sleep(0.01)  # load the dictionary from disk
        cls.warmups += 1  # ok: GIL002 (one thread per subclass, each writes its own class's attribute)


class Rot13(Plugin, name="rot13"):
    def transform(self, text):
        chars = []
        for ch in text:  # ok: GIL001 (run_batch's loop carries it)
            if "a" <= ch <= "z":
                ch = chr((ord(ch) - 97 + 13) % 26 + 97)
            chars.append(ch)
        return "".join(chars)


class WordCount(Plugin, name="wordcount"):
    def transform(self, text):
        counts = {}
        for word in text.split():  # ok: GIL001 (run_batch's loop carries it)
            counts[word] = counts.get(word, 0) + 1  # ok: GIL002 (a dict local to the call)
        return counts


def split_in_two(docs):
    half = len(docs) // 2
    return docs[:half], docs[half:]


def main():
    docs = [("lorem ipsum dolor sit amet " * 120) + str(i) for i in range(400)]
    sinks = {name: [] for name in Plugin.registry}
    warm = [Thread(target=lambda c=cls: c.warm_up()) for cls in Plugin.registry.values()]
    for t in warm:
        t.start()
    for t in warm:
        t.join()
    workers = []
    for name, cls in Plugin.registry.items():
        for part in split_in_two(docs):
            job = functools.partial(cls.run_batch, part, sinks[name])
            workers.append(Thread(target=job, name=f"{name}-{len(workers)}"))
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"{Plugin.defined} plugins in {time.perf_counter() - start:.2f}s: "
          f"rot13={Rot13.processed} wordcount={WordCount.processed} "
          f"warmups={[c.warmups for c in Plugin.registry.values()]} totals={Plugin.totals}")


if __name__ == "__main__":
    main()
