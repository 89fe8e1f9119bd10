#!/usr/bin/env python3
"""Thumbnail pipeline: resizer threads downsample raw grayscale frames, a writer saves them."""
import os
import queue
import random
import tempfile
import threading

WIDTH = HEIGHT = 64
bytes_emitted = 0


class Resizer(threading.Thread):
    def __init__(self, inbox, outbox):
        super().__init__()
        self.inbox = inbox
        self.outbox = outbox
        self.frames = 0

    def _downsample(self, pixels):
        thumb = []
        for i in range(0, len(pixels) - WIDTH - 1, 2):  # expect: GIL001
            thumb.append((pixels[i] + pixels[i + 1] + pixels[i + WIDTH] + pixels[i + WIDTH + 1]) >> 2)
        return thumb

    def _histogram(self, thumb):
        hist = [0] * 16
        for p in thumb:  # expect: GIL001
            hist[p >> 4] += 1  # ok: GIL002
        return hist

    def run(self):
        global bytes_emitted
        while True:
            item = self.inbox.get()
            if item is None:
                break
            name, pixels = item
            thumb = self._downsample(pixels)
            hist = self._histogram(thumb)
            self.outbox.put((name, bytes(thumb), hist))  # ok: GIL002
            self.frames += 1  # ok: GIL002
            bytes_emitted += len(thumb)  # expect: GIL002


class Writer(threading.Thread):
    def __init__(self, outbox, directory):
        super().__init__()
        self.outbox = outbox
        self.directory = directory
        self.written = []

    def run(self):
        while True:  # ok: GIL001
            item = self.outbox.get()
            if item is None:
                break
            name, data, hist = item
            path = os.path.join(self.directory, name + ".thumb")
            with open(path, "wb") as fh:
                fh.write(data)
            self.written.append((name, hist.index(max(hist))))


def capture_frame(rng):
    return [rng.randrange(256) for _ in range(WIDTH * HEIGHT)]  # ok: GIL001


def main():
    rng = random.Random(11)
    frames = [(f"frame{n:03d}", capture_frame(rng)) for n in range(24)]
    inbox, outbox = queue.Queue(), queue.Queue()
    with tempfile.TemporaryDirectory() as tmp:
        resizers = [Resizer(inbox, outbox) for _ in range(3)]
        writer = Writer(outbox, tmp)
        for t in resizers + [writer]:
            t.start()
        for frame in frames:
            inbox.put(frame)
        for _ in resizers:
            inbox.put(None)
        for r in resizers:
            r.join()
        outbox.put(None)
        writer.join()
        print("files on disk:", len(os.listdir(tmp)))
    print("frames per resizer:", [r.frames for r in resizers])
    print("thumbnail bytes:", bytes_emitted)
    print("dominant bands:", writer.written[:5])


if __name__ == "__main__":
    main()
