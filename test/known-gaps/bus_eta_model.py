"""Nightly refit of per-route arrival-time models.

For each bus route we fit a small linear model  delay = a * stops_ahead +
b * headway_gap + c  by stochastic gradient descent over the day's AVL
history, then publish it to the model registry the ETA service reads from.
Each route is fitted in its own thread created by a small factory.
"""
import logging
import math
import random
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("eta.refit")


@dataclass
class Observation:
    stops_ahead: int
    headway_gap: float
    delay_s: float


@dataclass
class EtaModel:
    route: str
    a: float = 0.0
    b: float = 0.0
    c: float = 0.0
    rmse: float = field(default=math.inf)

    def predict(self, stops_ahead, headway_gap):
        return self.a * stops_ahead + self.b * headway_gap + self.c


class ModelRegistry:
    def __init__(self):
        self._lock = threading.Lock()
        self.models = {}
        self.version = 0
        self.fits_started = 0

    def publish(self, model):
        with self._lock:
            self.models[model.route] = model
            self.version += 1  # ok: GIL002


def load_history(route, n=10000, seed=7):
    """Replay of the day's AVL pings for a route (synthetic here)."""
    rng = random.Random(f"{route}-{seed}")
    a, b, c = rng.uniform(25, 45), rng.uniform(0.2, 0.6), rng.uniform(-20, 20)
    history = []
    for _ in range(n):  # ok: GIL001
        s = rng.randint(1, 30)
        g = rng.uniform(-300, 300)
        history.append(Observation(s, g, a * s + b * g + c + rng.gauss(0, 15)))
    return history


def fit(route, history, epochs=4, lr=2e-4, on_epoch=None):
    model = EtaModel(route)
    for epoch in range(epochs):  # expect: GIL001
        sq = 0.0
        for ob in history:
            gs, gg = ob.stops_ahead / 30.0, ob.headway_gap / 300.0
            err = model.a * gs + model.b * gg + model.c - ob.delay_s
            model.a -= lr * 50 * err * gs  # ok: GIL002
            model.b -= lr * 50 * err * gg
            model.c -= lr * 50 * err
            sq += err * err  # ok: GIL002
        model.rmse = math.sqrt(sq / len(history))
        if on_epoch:
            on_epoch(route, epoch, model.rmse)
    model.a, model.b = model.a / 30.0, model.b / 300.0
    return model


def make_fitter(route, history, registry, on_done, **fit_opts):
    """Build the thread body for one route; keeps its own epoch log."""
    epochs_seen = 0

    def log_epoch(route, epoch, rmse):
        nonlocal epochs_seen
        epochs_seen += 1  # ok: GIL002
        log.debug("%s epoch %d rmse %.1f", route, epoch, rmse)

    def body():
        registry.fits_started += 1  # expect: GIL002
        model = fit(route, history, on_epoch=log_epoch, **fit_opts)
        registry.publish(model)
        on_done(route, epochs_seen)

    return body


def launch_fitters(histories, registry, **fit_opts):
    """Start one fitter per route and wait for all of them; return epoch total."""
    finished_epochs = 0
    done_routes = []

    def on_done(route, epochs):
        nonlocal finished_epochs
        finished_epochs += epochs  # expect: GIL002
        done_routes.append(route)

    threads = [
        threading.Thread(target=make_fitter(route, hist, registry, on_done, **fit_opts), name=f"fit-{route}")
        for route, hist in histories.items()
    ]
    for t in threads:
        t.start()
    warm = threading.Thread(target=lambda: log.debug("warming %d routes", len(histories)), daemon=True)
    warm.start()
    for t in threads:
        t.join()
    warm.join()
    return finished_epochs, done_routes


def evaluate(registry, histories):
    report = {}
    for route, model in sorted(registry.models.items()):
        sample = histories[route][:500]
        mae = sum(abs(model.predict(o.stops_ahead, o.headway_gap) - o.delay_s) for o in sample) / len(sample)
        report[route] = round(mae, 1)
    return report


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    routes = ["7", "22", "38R", "N owl"]
    histories = {r: load_history(r) for r in routes}
    registry = ModelRegistry()
    t0 = time.perf_counter()
    epochs, done = launch_fitters(histories, registry, epochs=16)
    log.info("fitted %d routes (%d epochs) in %.2fs; registry v%d, %d fits started",
             len(done), epochs, time.perf_counter() - t0, registry.version, registry.fits_started)
    for route, mae in evaluate(registry, histories).items():
        log.info("route %-6s MAE %.1f s", route, mae)
