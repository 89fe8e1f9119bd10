"""Staged thumbnail pipeline: fetch -> resize (x2) -> pack.

Each stage is a Thread subclass connected to the next by a queue.Queue.  Source images are
stored as ``>II`` (width, height) + raw grayscale bytes; the pack stage writes a single
length-prefixed, deflated bundle that the CDN uploader picks up.
"""
import logging
import os
import queue
import random
import struct
import tempfile
import threading
import time
import zlib
from dataclasses import dataclass

log = logging.getLogger("thumbs.pipeline")

STOP = object()


@dataclass
class Frame:
    name: str
    width: int
    height: int
    pixels: bytes


@dataclass
class PipelineStats:
    emitted: int = 0
    peak_backlog: int = 0


class Stage(threading.Thread):
    """Base stage: a daemon thread with an outbox and a handle on the shared stats."""

    def __init__(self, name, stats, outbox=None):
        super().__init__(name=name, daemon=True)
        self.stats = stats
        self.outbox = outbox
        self.handled = 0

    def emit(self, item):
        self.outbox.put(item)
        self.stats.emitted += 1  # expect: GIL002
        backlog = self.outbox.qsize()
        if backlog > self.stats.peak_backlog:  # expect: GIL003
            self.stats.peak_backlog = backlog

    def finish(self, consumers=1):
        for _ in range(consumers):
            self.outbox.put(STOP)


class FetchStage(Stage):
    """Reads source images from the (simulated remote) store."""

    def __init__(self, paths, stats, outbox, consumers, latency=0.002):
        super().__init__("fetch", stats, outbox)
        self.paths = paths
        self.consumers = consumers
        self.latency = latency

    def run(self):
        for path in self.paths:  # ok: GIL001
            time.sleep(self.latency)
            with open(path, "rb") as fh:
                width, height = struct.unpack(">II", fh.read(8))
                body = fh.read()
            self.emit(Frame(os.path.basename(path), width, height, body))
            self.handled += 1  # ok: GIL002
        self.finish(self.consumers)


class ResizeStage(Stage):
    def __init__(self, name, inbox, stats, outbox, factor=4):
        super().__init__(name, stats, outbox)
        self.inbox = inbox
        self.factor = factor

    def frames(self):
        """Yield frames until the fetch stage says it is done."""
        yield from iter(self.inbox.get, STOP)

    def shrink(self, frame):
        f, w = self.factor, frame.width
        out_w, out_h = w // f, frame.height // f
        src = frame.pixels
        out = bytearray(out_w * out_h)
        for oy in range(out_h):
            for ox in range(out_w):
                acc = 0
                for dy in range(f):
                    base = (oy * f + dy) * w + ox * f
                    for dx in range(f):
                        acc += src[base + dx]
                out[oy * out_w + ox] = acc // (f * f)
        return Frame(frame.name + ".thumb", out_w, out_h, bytes(out))

    def run(self):
        for frame in self.frames():  # expect: GIL001
            self.emit(self.shrink(frame))
            self.handled += 1
        self.finish()


class PackStage(Stage):
    """Deflates thumbnails into one bundle file; only this thread touches the file."""

    def __init__(self, inbox, stats, path, producers):
        super().__init__("pack", stats)
        self.inbox = inbox
        self.path = path
        self.producers = producers
        self.bytes_written = 0

    def run(self):
        remaining = self.producers
        with open(self.path, "wb") as out:
            while remaining:  # ok: GIL001
                item = self.inbox.get()
                if item is STOP:
                    remaining -= 1
                    continue
                blob = zlib.compress(item.pixels * 8, 9)
                out.write(struct.pack(">I", len(blob)) + blob)
                self.bytes_written += len(blob) + 4  # ok: GIL002
                self.handled += 1


def write_sources(directory, count, size, seed=7):
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        path = os.path.join(directory, f"photo{i:03d}.gray")
        with open(path, "wb") as fh:
            fh.write(struct.pack(">II", size, size) + rng.randbytes(size * size))
        paths.append(path)
    return paths


def build_pipeline(paths, bundle_path, resizers=2):
    stats = PipelineStats()
    to_resize, to_pack = queue.Queue(), queue.Queue()
    stages = [FetchStage(paths, stats, to_resize, consumers=resizers)]
    stages += [ResizeStage(f"resize-{i}", to_resize, stats, to_pack) for i in range(resizers)]
    stages.append(PackStage(to_pack, stats, bundle_path, producers=resizers))
    return stages, stats


def run_stages(stages, timeout=10.0):
    for stage in stages:
        stage.start()
    deadline = time.monotonic() + timeout
    for stage in stages:
        stage.join(max(0.0, deadline - time.monotonic()))
        if stage.is_alive():
            raise TimeoutError(f"stage {stage.name} did not finish")


def main():
    logging.basicConfig(level=logging.WARNING)
    workdir = tempfile.mkdtemp(prefix="thumb-pipe-")
    paths = write_sources(workdir, count=16, size=256)
    bundle = os.path.join(workdir, "bundle.bin")
    stages, stats = build_pipeline(paths, bundle)
    started = time.perf_counter()
    run_stages(stages)
    elapsed = time.perf_counter() - started
    for stage in stages:
        print(f"{stage.name:>9}: handled {stage.handled}")
    print(f"emitted {stats.emitted} (expected {len(paths) * 2}), peak backlog {stats.peak_backlog}")
    print(f"bundle {os.path.getsize(bundle)} bytes in {elapsed * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
