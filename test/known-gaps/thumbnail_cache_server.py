#!/usr/bin/env python3
"""A small thumbnail service: pool threads answer thumbnail and metadata
requests, both backed by in-memory caches."""
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor

SRC_W = SRC_H = 96

thumb_cache = {}
meta_cache = {}
meta_lock = threading.Lock()
hits = 0
misses = 0


def render_source(image_id):
    return bytes(((x * image_id + y * 7) ^ (x * y)) & 0xFF for y in range(SRC_H) for x in range(SRC_W))  # expect: GIL001


def downscale2(pixels, w, h):
    tw, th = w // 2, h // 2
    out = bytearray(tw * th)
    for t in range(tw * th):  # expect: GIL001
        tx, ty = t % tw, t // tw
        base = 2 * ty * w + 2 * tx
        acc = pixels[base] + pixels[base + 1] + pixels[base + w] + pixels[base + w + 1]
        out[t] = acc >> 2
    return out


def get_thumbnail(image_id):
    global hits, misses
    key = ("thumb", image_id)
    if key not in thumb_cache:  # expect: GIL003
        misses += 1  # expect: GIL002
        thumb = downscale2(render_source(image_id), SRC_W, SRC_H)
        thumb_cache[key] = zlib.compress(bytes(thumb), 6)
    else:
        hits += 1  # expect: GIL002
    return thumb_cache[key]


def get_meta(image_id):
    with meta_lock:
        if image_id not in meta_cache:  # ok: GIL003
            blob = get_thumbnail(image_id)
            meta_cache[image_id] = {
                "id": image_id,
                "crc": zlib.crc32(blob),
                "packed": len(blob),
            }
        return meta_cache[image_id]


def handle(request):
    kind, image_id = request
    if kind == "thumb":
        return kind, image_id, len(get_thumbnail(image_id))
    return kind, image_id, get_meta(image_id)["crc"]


def main():
    requests = [("thumb", 3), ("meta", 3), ("thumb", 5), ("thumb", 3),
                ("meta", 7), ("thumb", 7), ("meta", 5), ("thumb", 11),
                ("meta", 11), ("thumb", 5)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for kind, image_id, value in pool.map(handle, requests):
            print(f"{kind:<5} id={image_id:<3} -> {value}")
    print(f"cache entries={len(thumb_cache)} hits={hits} misses={misses}")


if __name__ == "__main__":
    main()
