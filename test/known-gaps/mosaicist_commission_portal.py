"""Mosaic studio: commission portal.

Prospective clients ask for quotes, previews of a design in tesserae, and the status of
their commission. Requests are routed by kind to handlers registered with a decorator
and served concurrently on an asyncio event loop; previews are rendered off the loop
with asyncio.to_thread and archived to the studio's scratch directory.
"""
import asyncio
import math
import os
import tempfile
import time

PORTAL = {
    "requests": [
        {"kind": "quote", "client": "Hotel Lumen", "area_m2": 4.5, "material": "smalti"},
        {"kind": "preview", "client": "Hotel Lumen", "design": "waves", "size": 80},
        {"kind": "preview", "client": "St Brigid parish", "design": "waves", "size": 80},
        {"kind": "preview", "client": "Casa Noor", "design": "stars", "size": 80},
        {"kind": "quote", "client": "Casa Noor", "area_m2": 2.0, "material": "marble"},
        {"kind": "status", "client": "St Brigid parish"},
    ],
    "price_m2": {"smalti": 950, "marble": 620, "glass": 410},
    "supplier_latency_s": 0.003,
    "andamento_passes": 72,
    "palette": " .:-=+*#%@",
}

ROUTES = {}


def route(kind):
    def deco(fn):
        ROUTES[kind] = fn
        return fn
    return deco


class SupplierClient:
    """Talks to the glass supplier's order desk (simulated latency)."""

    def __init__(self, latency):
        self.latency = latency
        self.calls = 0

    def _call(self, path):
        time.sleep(self.latency)  # expect: GIL004 -- blocks the event loop: the quote coroutine calls freight_quote -> _call
        self.calls += 1  # ok: GIL002 -- only ever run on the event loop thread
        return len(path)

    def freight_quote(self, material):
        return 40.0 + 2.5 * self._call(f"/freight/{material}")


class MarbleYard(SupplierClient):
    """Marble ships as crated slabs: freight is a multiple of the glass rate."""

    def freight_quote(self, material):
        return 1.8 * super().freight_quote(material) + self._call("/crating")


SUPPLIER_TYPES = {"marble": MarbleYard}


class PreviewRenderer:
    def __init__(self, passes, palette):
        self.passes = passes
        self.palette = palette
        self.motifs = {}

    def _motif(self, design, size):
        key = (design, size)
        if key not in self.motifs:  # expect: GIL003 -- to_thread workers rendering the same design race on the cache
            f = (lambda x, y: math.sin(x / 5.0) + math.cos(y / 7.0)) if design == "waves" else \
                (lambda x, y: math.cos(math.hypot(x % 20 - 10, y % 20 - 10)))
            self.motifs[key] = [[f(x, y) for x in range(size)] for y in range(size)]
        return self.motifs[key]

    def render(self, design, size):
        field = [row[:] for row in self._motif(design, size)]
        for _ in range(self.passes):  # expect: GIL001 -- 72 andamento passes over 80 x 80 cells, in a to_thread worker
            for y in range(1, size - 1):
                above, row, below = field[y - 1], field[y], field[y + 1]
                for x in range(1, size - 1):
                    row[x] = (above[x] + below[x] + row[x - 1] + row[x + 1] + 4 * row[x]) / 8.0
        lo = min(min(r) for r in field)
        hi = max(max(r) for r in field)
        scale = (len(self.palette) - 1) / ((hi - lo) or 1.0)
        return ["".join(self.palette[int((v - lo) * scale)] for v in r[::4]) for r in field[::8]]


class Archive:
    def __init__(self, directory):
        self.directory = directory

    def store(self, client, rows):
        path = os.path.join(self.directory, client.replace(" ", "_") + ".txt")
        with open(path, "w") as fh:  # ok: GIL004 -- file I/O inside store(), which only runs through asyncio.to_thread
            fh.write("\n".join(rows))
        return path


class Portal:
    def __init__(self, cfg, archive_dir):
        self.cfg = cfg
        self.suppliers = {m: SUPPLIER_TYPES.get(m, SupplierClient)(cfg["supplier_latency_s"])
                          for m in cfg["price_m2"]}
        self.renderer = PreviewRenderer(cfg["andamento_passes"], cfg["palette"])
        self.archive = Archive(archive_dir)
        self.served = 0
        self.previews = {}
        self.lock = None

    async def handle(self, req):
        self.served += 1  # ok: GIL002 -- coroutines all run on one event loop thread
        return await ROUTES[req["kind"]](self, req)


@route("quote")
async def quote(portal, req):
    base = portal.cfg["price_m2"][req["material"]] * req["area_m2"]
    freight = portal.suppliers[req["material"]].freight_quote(req["material"])
    return f"{req['client']}: {req['material']} {req['area_m2']} m2 = EUR {base + freight:,.0f}"


@route("preview")
async def preview(portal, req):
    rows = await asyncio.to_thread(portal.renderer.render, req["design"], req["size"])
    path = await asyncio.to_thread(portal.archive.store, req["client"], rows)
    await portal.lock.acquire()  # ok: GIL005 -- asyncio.Lock released in the finally below
    try:
        portal.previews[req["client"]] = path
    finally:
        portal.lock.release()
    return f"{req['client']}: preview {req['design']} -> {os.path.basename(path)} ({len(rows)} rows)"


@route("status")
async def status(portal, req):
    await asyncio.sleep(0.005)  # ok: GIL004 -- awaited asyncio.sleep yields to the loop
    stage = "cartoon approved" if req["client"] in portal.previews else "awaiting design"
    return f"{req['client']}: {stage}"


async def serve(cfg, archive_dir):
    portal = Portal(cfg, archive_dir)
    portal.lock = asyncio.Lock()
    t0 = time.perf_counter()
    replies = await asyncio.gather(*(portal.handle(r) for r in cfg["requests"]))
    for line in replies:
        print(line)
    print(f"served {portal.served} requests, supplier calls {sum(s.calls for s in portal.suppliers.values())},"
          f" motifs cached {len(portal.renderer.motifs)}, {time.perf_counter() - t0:.2f}s")
    sample = next(iter(portal.previews.values()))
    with open(sample) as fh:
        print(fh.read().splitlines()[0])


def main(cfg=PORTAL):
    with tempfile.TemporaryDirectory(prefix="mosaic-previews-") as tmp:
        asyncio.run(serve(cfg, tmp))


if __name__ == "__main__":
    main()
