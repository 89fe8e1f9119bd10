"""Burn-in preview service for the subtitle editor.

A request names a style and a batch of cues; the service loads font metrics,
rasterises each cue to a small glyph bitmap (for the editor's preview strip)
and returns coverage figures.  Rasterising runs in a thread pool owned by the
service; style sheets come from a flaky store and are fetched with retries.
"""
import asyncio
import functools
import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger("subs.render")


class TransientStoreError(Exception):
    pass


def retry(times=3, backoff=0.005):
    def decorator(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(times):
                try:
                    return fn(*args, **kwargs)
                except TransientStoreError:
                    log.info("%s: transient failure, attempt %d", fn.__name__, attempt + 1)
                    time.sleep(backoff * (attempt + 1))  # ok: GIL004
            return fn(*args, **kwargs)

        return wrapper

    return decorator


class FaultInjector:
    """Test hook: the first N fetches of a style fail with a transient error."""

    def __init__(self, **failures):
        self._remaining = dict(failures)
        self._lock = threading.Lock()

    def should_fail(self, name):
        with self._lock:
            left = self._remaining.get(name, 0)
            self._remaining[name] = max(0, left - 1)
            return left > 0


FAULTS = FaultInjector(default=1)


@retry(times=3)
def fetch_style_sheet(name):
    """Blocking fetch from the style store; called through asyncio.to_thread."""
    if FAULTS.should_fail(name):
        raise TransientStoreError(name)
    return json.dumps({"name": name, "font": "DejaVu Sans", "size": 42, "outline": 2})


class StyleRegistry:
    def __init__(self):
        self._lock = threading.Lock()
        self._styles = {}

    def register(self, payload):
        self._lock.acquire()  # expect: GIL005
        style = json.loads(payload)
        self._styles[style["name"]] = style
        self._lock.release()
        return style

    def get(self, name, timeout=0.5):
        if not self._lock.acquire(timeout=timeout):  # ok: GIL005
            raise TimeoutError(f"style registry busy while looking up {name!r}")
        try:
            return self._styles.get(name)
        finally:
            self._lock.release()


def load_font_metrics(font, size):
    """Synchronous helper: the metrics server answers slowly."""
    time.sleep(0.02)  # expect: GIL004
    return {"advance": size * 0.55, "ascent": size * 0.8, "glyph_px": 12}


def rasterise(cues, glyph_px=12, supersample=4):
    """Render every cue into a coarse bitmap and return ink coverage per cue."""
    coverage = []
    for text in cues:  # expect: GIL001
        width = len(text) * glyph_px * supersample
        height = glyph_px * supersample
        ink = 0
        for y in range(height):
            row_seed = (y * 2654435761) & 0xFFFF
            for x in range(0, width, 2):
                code = ord(text[(x // (glyph_px * supersample)) % len(text)])
                if ((code * 31 + x) ^ row_seed) % (code % 5 + 3) == 0:
                    ink += 1
        coverage.append(ink / (width * height // 2))
    return coverage


class PreviewService:
    def __init__(self, registry, workers=2):
        self.registry = registry
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="raster")
        self.requests = 0

    async def ensure_style(self, name):
        style = self.registry.get(name)
        if style is None:
            payload = await asyncio.to_thread(fetch_style_sheet, name)
            style = await asyncio.to_thread(self.registry.register, payload)
        return style

    async def handle(self, request):
        self.requests += 1  # ok: GIL002
        style = await self.ensure_style(request["style"])
        metrics = load_font_metrics(style["font"], style["size"])
        loop = asyncio.get_running_loop()
        coverage = await loop.run_in_executor(
            self.pool, functools.partial(rasterise, request["cues"], glyph_px=metrics["glyph_px"])
        )
        await asyncio.sleep(0)  # ok: GIL004
        return {"id": request["id"], "style": style["name"], "mean_ink": sum(coverage) / len(coverage)}

    def close(self):
        self.pool.shutdown(wait=True)


def make_requests(n):
    lines = [
        "Where were you last night?",
        "I told you, I was at the harbour.",
        "[distant thunder]",
        "We have to leave before the tide turns.",
    ]
    return [{"id": i, "style": "default", "cues": [lines[(i + k) % len(lines)] for k in range(6)]} for i in range(n)]


async def serve(n_requests=4):
    service = PreviewService(StyleRegistry())
    try:
        await service.ensure_style("default")  # warm the registry once
        return await asyncio.gather(*(service.handle(r) for r in make_requests(n_requests)))
    finally:
        service.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    started = time.perf_counter()
    responses = asyncio.run(serve())
    for resp in responses:
        print(f"request {resp['id']}: style={resp['style']} mean ink={resp['mean_ink']:.3f}")
    print(f"served {len(responses)} previews in {time.perf_counter() - started:.3f}s")
