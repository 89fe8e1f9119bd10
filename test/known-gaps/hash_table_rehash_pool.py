"""Hash-table directory doubling: worker threads split disjoint ranges of old buckets in parallel."""
import functools
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor


def bucket_of(key, depth):
    return zlib.crc32(key.encode()) & ((1 << depth) - 1)


class HashTable:
    def __init__(self, depth):
        self.depth = depth
        self.buckets = [{} for _ in range(1 << depth)]
        self.resize_lock = threading.Lock()
        self.resizes = 0

    def put(self, key, value):
        self.buckets[bucket_of(key, self.depth)][key] = value

    def get(self, key):
        return self.buckets[bucket_of(key, self.depth)].get(key)


def split_bucket(old_buckets, new_buckets, new_depth, b):
    moved = 0
    high_bit = 1 << (new_depth - 1)
    stay, go = new_buckets[b], new_buckets[b | high_bit]
    for key, value in old_buckets[b].items():  # expect: GIL001
        if bucket_of(key, new_depth) & high_bit:
            go[key] = value
            moved += 1  # ok: GIL002
        else:
            stay[key] = value
    return moved


def grow(table, pool):
    with table.resize_lock:
        old, new_depth = table.buckets, table.depth + 1
        fresh = [{} for _ in range(1 << new_depth)]  # ok: GIL001
        job = functools.partial(split_bucket, old, fresh, new_depth)
        moved = sum(pool.map(job, range(len(old))))
        table.buckets, table.depth = fresh, new_depth
        table.resizes += 1  # ok: GIL002
    return moved


def main():
    table = HashTable(depth=6)
    for i in range(40_000):  # ok: GIL001
        table.put(f"row-{i:06d}", i)
    with ThreadPoolExecutor(max_workers=4) as pool:
        moved_first = grow(table, pool)
        moved_second = grow(table, pool)
    sizes = [len(b) for b in table.buckets]
    assert table.get("row-012345") == 12345
    print("depth:", table.depth, "buckets:", len(sizes), "resizes:", table.resizes)
    print("moved:", moved_first, moved_second, "min/max bucket:", min(sizes), max(sizes))


if __name__ == "__main__":
    main()
