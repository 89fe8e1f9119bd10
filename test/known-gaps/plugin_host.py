# Models an analytics plugin host that instantiates plugins by registered name and runs each one on its own thread.
import threading
import time

PLUGIN_TYPES = {}
host_stats = {"events": 0, "plugins_started": 0, "first_done": None}
stats_lock = threading.Lock()


def plugin(name):
    def register(cls):
        PLUGIN_TYPES[name] = cls
        return cls
    return register


class Plugin(threading.Thread):
    """Base class: every plugin instance is its own thread."""

    def __init__(self, config):
        super().__init__(name=f"plugin-{config['name']}")
        self.config = config
        self.emitted = 0

    def emit(self, n=1):
        self.emitted += n  # ok: GIL002
        host_stats["events"] += n  # expect: GIL002

    def finish(self):
        if host_stats["first_done"] is None:  # expect: GIL003
            host_stats["first_done"] = self.name


@plugin("primes")
class PrimeSievePlugin(Plugin):
    def run(self):
        limit = self.config["limit"]
        sieve = bytearray([1]) * limit
        sieve[0:2] = b"\x00\x00"
        for i in range(2, limit):  # expect: GIL001
            if sieve[i]:
                for j in range(i * i, limit, i):
                    sieve[j] = 0
        self.emit(sum(sieve))
        self.finish()


@plugin("poller")
class PollerPlugin(Plugin):
    def run(self):
        for tick in range(self.config["ticks"]):  # ok: GIL001
            time.sleep(0.005)
            self.emit()
        self.finish()


@plugin("histogram")
class HistogramPlugin(Plugin):
    def run(self):
        buckets = [0] * 16
        seed = self.config["seed"]
        for _ in range(self.config["samples"]):  # expect: GIL001
            seed = (seed * 1103515245 + 12345) % 2147483648
            buckets[seed % 16] += 1  # ok: GIL002
        self.result = buckets
        self.emit(len(buckets))
        self.finish()


@plugin("heartbeat")
class HeartbeatPlugin(Plugin):
    def run(self):
        for beat in range(self.config["beats"]):  # ok: GIL001
            self.emit()
        self.finish()


def start_plugin(name, config):
    cls = PLUGIN_TYPES[name]
    instance = cls(dict(config, name=name))
    instance.start()
    with stats_lock:
        host_stats["plugins_started"] += 1  # ok: GIL002
    return instance


def main():
    manifest = [
        ("primes", {"limit": 250_000}),
        ("poller", {"ticks": 10}),
        ("histogram", {"samples": 300_000, "seed": 7}),
        ("heartbeat", {"beats": 20}),
        ("heartbeat", {"beats": 20}),
    ]
    running = [start_plugin(name, cfg) for name, cfg in manifest]
    for p in running:
        p.join()
    for p in running:
        print(f"{p.name}: emitted {p.emitted}")
    print("host stats:", host_stats)


if __name__ == "__main__":
    main()
