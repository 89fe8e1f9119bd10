"""Print-farm slicer: layer time estimates in a thread pool, toolpaths in worker processes."""
import functools
import time
import zlib
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

progress = {"layers": 0, "parts": 0}
sliced_in_this_process = 0


def estimate_layer_time(layer, speed_mm_s):
    """Sum the travel time of every extrusion segment of one layer."""
    seconds = 0.0
    for seg in range(2000 + layer * 40):  # expect: GIL001
        dx = (seg * 7919) % 97 / 10.0
        dy = (seg * 104729) % 89 / 10.0
        seconds += (dx * dx + dy * dy) ** 0.5 / speed_mm_s
    progress["layers"] += 1  # expect: GIL002
    return layer, seconds


def slice_part(part):
    global sliced_in_this_process
    name, segments = part
    lines = []
    for i in range(segments):  # ok: GIL001
        lines.append(f"G1 X{i % 200} Y{(i * 3) % 200} E{i * 0.01:.2f}")
    sliced_in_this_process += 1  # ok: GIL002
    return name, "\n".join(lines)


def pack_gcode(item):
    name, text = item
    blob = text.encode() * 8
    packed = b""
    for level in (1, 6, 9):  # ok: GIL001
        packed = zlib.compress(blob, level)
    return name, len(blob), len(packed)


if __name__ == "__main__":
    start = time.perf_counter()
    estimate = functools.partial(estimate_layer_time, speed_mm_s=60.0)
    with ThreadPoolExecutor(max_workers=4) as pool:
        layer_times = dict(pool.map(estimate, range(160)))
    print(f"estimated {progress['layers']} layers: {sum(layer_times.values()) / 60:.1f} min of printing")

    parts = [("bracket", 30_000), ("gear", 45_000), ("hinge", 25_000), ("knob", 20_000)]
    with ProcessPoolExecutor(max_workers=2) as procs:
        gcode = dict(procs.map(slice_part, parts))
    print(f"sliced {len(gcode)} parts; main process counter still {sliced_in_this_process}")

    with ThreadPoolExecutor(max_workers=2) as pool:
        for name, raw, packed in pool.map(pack_gcode, gcode.items()):
            progress["parts"] += 1  # ok: GIL002
            print(f"  {name:8s} {raw / 1e6:5.1f} MB -> {packed / 1e3:6.1f} kB")
    print(f"done in {time.perf_counter() - start:.2f}s")
