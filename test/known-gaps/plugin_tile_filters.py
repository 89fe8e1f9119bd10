"""Image tile filters registered as plugins by name; a thread pool applies them tile by tile."""
from concurrent.futures import ThreadPoolExecutor

TILE = 384  # pixels per side of a square grey-scale tile


class Pipeline:
    def __init__(self):
        self.plugins = {}
        self.applied = {}

    def register(self, cls):
        if cls.name not in self.plugins:  # ok: GIL003
            self.plugins[cls.name] = cls()
        return cls

    def apply(self, name, tile):
        result = self.plugins[name].process(tile)
        self.applied[name] = self.applied.get(name, 0) + 1  # expect: GIL002
        return result


pipeline = Pipeline()


class Filter:
    name = "base"

    def process(self, tile):
        raise NotImplementedError


@pipeline.register
class BoxBlur(Filter):
    name = "blur"

    def process(self, tile):
        out = [bytearray(row) for row in tile]
        for y in range(1, TILE - 1):  # expect: GIL001
            above, row, below = tile[y - 1], tile[y], tile[y + 1]
            dst = out[y]
            for x in range(1, TILE - 1):
                dst[x] = (above[x] + row[x - 1] + row[x] + row[x + 1] + below[x]) // 5
        return [bytes(r) for r in out]


@pipeline.register
class Invert(Filter):
    name = "invert"
    TABLE = bytes(255 - i for i in range(256))

    def process(self, tile):
        return [row.translate(self.TABLE) for row in tile]  # ok: GIL001


def make_tile(seed):
    return [bytes((x * 7 + y * 13 + seed) % 256 for x in range(TILE)) for y in range(TILE)]


def checksum(tile):
    return sum(sum(row) for row in tile) % 65_521


if __name__ == "__main__":
    tiles = [make_tile(seed) for seed in range(8)]
    jobs = [(name, tile) for tile in tiles for name in ("blur", "invert")]
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(pipeline.apply, name, tile) for name, tile in jobs]
        outputs = [f.result() for f in futures]
    print(f"filtered {len(outputs)} tiles; applied = {pipeline.applied}")
    print(f"checksum of first blurred tile: {checksum(outputs[0])}")
