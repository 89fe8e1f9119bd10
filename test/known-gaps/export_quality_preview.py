#!/usr/bin/env python3
"""Export dialog with a live "quality" slider: slider moves are debounced on
the asyncio loop with call_later, the estimated file size is computed by
compressing image tiles in a worker thread (asyncio.to_thread), and progress
ticks come back to the loop through call_soon_threadsafe."""
import asyncio
import random
import zlib


def make_tiles(count, words_per_tile):
    rng = random.Random(3)
    vocab = ["sky", "cloud", "ridge", "pine", "lake", "shadow", "amber", "mist", "stone"]
    return [" ".join(rng.choices(vocab, k=words_per_tile)).encode() for _ in range(count)]


class ExportPreview:
    def __init__(self, loop, tiles):
        self.loop = loop
        self.tiles = tiles
        self._pending = None
        self.generation = 0
        self.progress_ticks = 0
        self.tiles_encoded = 0
        self.estimates = []
        self.tasks = set()

    def on_slider(self, level):
        if self._pending is not None:  # ok: GIL003
            self._pending.cancel()
        self._pending = self.loop.call_later(0.02, self._start_render, level)

    def _start_render(self, level):
        self._pending = None
        self.generation += 1  # ok: GIL002
        task = self.loop.create_task(self.estimate(level, self.generation))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def estimate(self, level, gen):
        sizes = await asyncio.to_thread(self.encode_tiles, level, gen)
        if gen == self.generation:
            self.estimates.append((level, sum(sizes)))
            print(f"  quality {level}: ~{sum(sizes) / 1024:.1f} KiB")
        else:
            print(f"  quality {level}: superseded, result dropped")

    def encode_tiles(self, level, gen):
        out = []
        for i, tile in enumerate(self.tiles):  # ok: GIL001
            out.append(len(zlib.compress(tile, level)))
            self.tiles_encoded += 1  # expect: GIL002
            self.loop.call_soon_threadsafe(self._on_progress, gen, i)
        return out

    def _on_progress(self, gen, index):
        self.progress_ticks += 1  # ok: GIL002


async def drag(preview, levels, gap):
    for level in levels:
        preview.on_slider(level)
        await asyncio.sleep(gap)  # ok: GIL004


async def main():
    loop = asyncio.get_running_loop()
    preview = ExportPreview(loop, make_tiles(8, 30000))
    await drag(preview, [1, 2, 3, 4, 5], 0.005)
    await drag(preview, [6, 9, 7], 0.03)
    await asyncio.sleep(0.05)
    while preview.tasks:
        await asyncio.gather(*list(preview.tasks))
    print("renders:", preview.generation, "tiles encoded:", preview.tiles_encoded,
          "progress ticks:", preview.progress_ticks)
    print("final estimate:", preview.estimates[-1] if preview.estimates else None)


if __name__ == "__main__":
    asyncio.run(main())
