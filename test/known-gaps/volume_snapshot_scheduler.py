"""Block-volume snapshotter.

A writer thread applies batches of block writes; after each batch it arms a
one-shot snapshot timer that copies the dirty volume under the volume lock and
fingerprints the copy. A monitor thread samples the volume state periodically.
"""
import itertools
import threading

BLOCKS = 4
WORDS_PER_BLOCK = 70_000
BATCHES = 3
SNAPSHOT_DELAY = 0.01


class Volume:
    def __init__(self):
        self._lock = threading.Lock()
        self._dirty = False
        self.blocks = {b: [0] * WORDS_PER_BLOCK for b in range(BLOCKS)}
        self.generation = 0
        self.snapshots = []

    def write_block(self, block, words):
        with self._lock:
            self.blocks[block] = words
            self.generation += 1  # ok: GIL002
            self._dirty = True

    @staticmethod
    def _fingerprint(words):
        h = 2166136261
        for w in words:  # expect: GIL001
            h = ((h ^ (w & 0xFF)) * 16777619) & 0xFFFFFFFF
        return h

    def take_snapshot(self):
        self._lock.acquire()  # expect: GIL005
        if not self._dirty:
            return None
        image = {b: list(words) for b, words in self.blocks.items()}
        generation = self.generation
        self._dirty = False
        self._lock.release()
        digest = self._fingerprint(itertools.chain.from_iterable(
            image[b] for b in sorted(image)))
        self.snapshots.append((generation, f"{digest:08x}"))
        return digest

    def status(self):
        if not self._lock.acquire(timeout=0.05):  # ok: GIL005
            return "busy"
        try:
            return f"gen={self.generation} dirty={self._dirty}"
        finally:
            self._lock.release()


def writer(volume):
    for batch in range(BATCHES):
        for block in range(BLOCKS):
            base = (batch * BLOCKS + block) * 7919
            volume.write_block(block, list(range(base, base + WORDS_PER_BLOCK)))
        snap = threading.Timer(SNAPSHOT_DELAY, volume.take_snapshot)
        snap.start()
        snap.join()


def monitor(volume, stop, samples):
    while not stop.wait(0.02):
        samples.append(volume.status())


def main():
    volume = Volume()
    stop = threading.Event()
    samples = []
    mon = threading.Thread(target=monitor, args=(volume, stop, samples))
    wr = threading.Thread(target=writer, args=(volume,))
    mon.start()
    wr.start()
    wr.join()
    stop.set()
    mon.join()
    for generation, digest in volume.snapshots:
        print(f"snapshot at generation {generation}: {digest}")
    print(f"monitor samples: {len(samples)}, last: {samples[-1] if samples else '-'}")


if __name__ == "__main__":
    main()
