"""Body shop of a carriage works: framing and panelling the bodies on order.

Framers set out the curves of each body from its style (elbow line, bottom
side, door pillars, roof sweep) by evaluating Bezier sweeps, then hand one
work item per panel to the panel makers.  Panels are steamed to shape -- the
steam box takes only so many at a time -- and glued at the bench.  When the
last panel of a body is fixed the body goes on to the paint shop.
"""
import queue
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

ORDERS = {"brougham": 2, "landau": 1, "clarence": 1}
FRAMING = {"curve_samples": 3000, "framers": 2, "panel_makers": 3, "steam_places": 2, "steam_s": 0.002}
STYLES = {}


def style(name):
    def register(cls):
        STYLES[name] = cls
        return cls
    return register


@dataclass
class Body:
    name: str
    curves: dict
    panels_needed: int
    panels_fixed: int = 0
    frame: dict = field(default_factory=dict)


class BodyStyle:
    panels = 6
    curves = {"elbow line": [(0, 0), (20, 6), (60, 8), (80, 2)],
              "bottom side": [(0, 0), (10, -14), (50, -18), (72, -4), (80, 0)]}

    @classmethod
    def make(cls, number):
        return Body(f"{cls.__name__} No. {number}", dict(cls.all_curves()), cls.panels)

    @classmethod
    def all_curves(cls):
        merged = {}
        for klass in reversed(cls.__mro__):
            merged.update(getattr(klass, "curves", {}))
        return merged


class GlassFrontMixin:
    curves = {"front pillar": [(0, 0), (4, 10), (3, 24), (6, 36)]}


@style("brougham")
class Brougham(GlassFrontMixin, BodyStyle):
    panels = 6


@style("landau")
class Landau(BodyStyle):
    panels = 8
    curves = {"roof sweep": [(0, 30), (15, 42), (45, 44), (70, 40), (80, 30)],
              "door pillar": [(0, 0), (2, 12), (1, 26), (3, 34)]}


@style("clarence")
class Clarence(GlassFrontMixin, BodyStyle):
    panels = 7
    curves = {"roof sweep": [(0, 32), (20, 40), (60, 41), (80, 33)]}


def bezier(points, t):
    pts = list(points)
    while len(pts) > 1:
        pts = [((1 - t) * x0 + t * x1, (1 - t) * y0 + t * y1) for (x0, y0), (x1, y1) in zip(pts, pts[1:])]
    return pts[0]


class Shop:
    def __init__(self, cfg):
        self.cfg = cfg
        self._bench_lock = threading.Lock()
        self.steam = threading.Condition()
        self.steam_in_use = 0
        self.glue_pots = 40
        self.to_paint = []

    @contextmanager
    def bench(self):
        self._bench_lock.acquire()  # expect: GIL005 -- no try/finally around the yield: an exception in the with-body leaves the bench locked
        yield self
        self._bench_lock.release()


class Framer(threading.Thread):
    def __init__(self, name, inbox, panel_q, samples):
        super().__init__(name=name)
        self.inbox, self.panel_q, self.samples = inbox, panel_q, samples
        self.framed = []

    def run(self):
        for body in iter(self.inbox.get, None):  # expect: GIL001 -- every body's curves x samples Bezier evaluations; the queue is filled before start
            body.frame = self.set_out(body)
            self.framed.append(body.name)
            for panel in range(body.panels_needed):
                self.panel_q.put((body, panel))

    def set_out(self, body):
        frame = {}
        for curve, points in body.curves.items():
            sweep = [bezier(points, i / self.samples) for i in range(self.samples + 1)]
            frame[curve] = max(y for _, y in sweep) - min(y for _, y in sweep)
        return frame


class PanelMaker(threading.Thread):
    def __init__(self, name, shop, panel_q):
        super().__init__(name=name)
        self.shop, self.panel_q = shop, panel_q

    def steam_panel(self):
        shop = self.shop
        with shop.steam:
            while shop.steam_in_use >= shop.cfg["steam_places"]:  # ok: GIL003 -- tested and taken under the Condition's lock
                shop.steam.wait()
            shop.steam_in_use += 1  # ok: GIL002 -- inside `with shop.steam` (a Condition's lock)
        time.sleep(shop.cfg["steam_s"])
        with shop.steam:
            shop.steam_in_use -= 1  # ok: GIL002 -- inside `with shop.steam`
            shop.steam.notify()

    def run(self):
        for body, panel in iter(self.panel_q.get, None):  # ok: GIL001 -- waits on the queue and the steam box; little CPU per panel
            self.steam_panel()
            with self.shop.bench() as shop:
                shop.glue_pots -= 1  # ok: GIL002 -- the bench lock is held inside shop.bench()
            body.panels_fixed += 1  # expect: GIL002 -- panels of one body are fixed by several panel makers at once
            if body.panels_fixed == body.panels_needed:  # expect: GIL003 -- two makers can both see the count complete
                self.shop.to_paint.append(body.name)


def build_orders(orders):
    for style_name, count in orders.items():
        for number in range(1, count + 1):
            yield STYLES[style_name].make(number)


def main(cfg=FRAMING):
    shop = Shop(cfg)
    frames_q, panel_q = queue.Queue(), queue.Queue()
    bodies = list(build_orders(ORDERS))
    for body in bodies:
        frames_q.put(body)
    for _ in range(cfg["framers"]):
        frames_q.put(None)
    make_framer = partial(Framer, inbox=frames_q, panel_q=panel_q, samples=cfg["curve_samples"])
    framers = [make_framer(f"framer-{i}") for i in range(cfg["framers"])]
    makers = [PanelMaker(f"panels-{i}", shop, panel_q) for i in range(cfg["panel_makers"])]
    for t in framers + makers:
        t.start()
    for t in framers:
        t.join()
    for _ in makers:
        panel_q.put(None)
    for t in makers:
        t.join()
    for body in bodies:
        sweep = ", ".join(f"{k} {v:.1f}" for k, v in sorted(body.frame.items()))
        print(f"{body.name:16s} panels {body.panels_fixed}/{body.panels_needed}  [{sweep}]")
    print(f"framed by: { {f.name: f.framed for f in framers} }")
    print(f"to paint shop: {shop.to_paint}; glue pots left {shop.glue_pots}")


if __name__ == "__main__":
    main()
