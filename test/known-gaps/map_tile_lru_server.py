"""Slippy-map tile server: renderer threads share an in-memory LRU of PNG-ish tiles."""
import threading
import zlib
from collections import OrderedDict


class TileLRU:
    """Written for the single-threaded prototype; now shared by every renderer."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.tiles = OrderedDict()
        self.evictions = 0

    def lookup(self, key):
        if key in self.tiles:  # expect: GIL003
            self.tiles.move_to_end(key)
            return self.tiles[key]
        return None

    def store(self, key, tile):
        self.tiles[key] = tile
        if len(self.tiles) > self.capacity:  # expect: GIL003
            self.tiles.popitem(last=False)
            self.evictions += 1  # expect: GIL002


def rasterize(zoom, x, y, size=64):
    pixels = bytearray(size * size)
    for i in range(size * size):  # expect: GIL001
        px, py = i % size + x * size, i // size + y * size
        pixels[i] = (px * px + py * py * zoom) >> 4 & 0xFF
    return zlib.compress(bytes(pixels), 1)


class Renderer(threading.Thread):
    def __init__(self, name, cache, requests, served):
        super().__init__(name=name)
        self.cache = cache
        self.requests = requests
        self.served = served
        self.rendered = 0

    def run(self):
        for zoom, x, y in self.requests:
            tile = self.cache.lookup((zoom, x, y))
            if tile is None:
                tile = rasterize(zoom, x, y)
                self.cache.store((zoom, x, y), tile)
                self.rendered += 1  # ok: GIL002
            self.served.append(len(tile))


def main():
    cache = TileLRU(capacity=10)
    served = []
    viewport = [(12, x, y) for x in range(4) for y in range(3)]
    renderers = [Renderer(f"render-{i}", cache, viewport[i:] + viewport[:i], served)
                 for i in range(4)]
    for r in renderers:
        r.start()
    for r in renderers:
        r.join()
    total_rendered = 0
    for r in renderers:
        total_rendered += r.rendered  # ok: GIL002
        print(f"{r.name}: rendered {r.rendered} tiles")
    print(f"served={len(served)} rendered={total_rendered} evictions={cache.evictions} "
          f"cached={len(cache.tiles)} bytes={sum(served)}")


if __name__ == "__main__":
    main()
