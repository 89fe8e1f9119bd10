"""Request handlers fetch shared services from a service locator that builds them on first use."""
import asyncio
import threading
import time


class Metrics:
    def __init__(self):
        self.requests = 0
        self.errors = 0
        self._lock = threading.Lock()

    def hit(self, ok):
        with self._lock:
            self.requests += 1  # ok: GIL002
            if not ok:
                self.errors += 1  # ok: GIL002


class TemplateCache:
    def __init__(self):
        self.templates = {"page": "<h1>{user}</h1><a href='{path}'>open</a>"}
        self.renders = 0

    def render(self, name, **ctx):
        self.renders += 1  # expect: GIL002
        text = self.templates.get(name, "{user} -> {path}")
        return text.format(**ctx)


class ServiceLocator:
    _factories = {}
    _services = {}

    @classmethod
    def provide(cls, name, factory):
        cls._factories[name] = factory

    @classmethod
    def get(cls, name):
        if name not in cls._services:  # expect: GIL003
            cls._services[name] = cls._factories[name]()
        return cls._services[name]


def handle_requests(worker_id, count):
    for i in range(count):  # ok: GIL001
        metrics = ServiceLocator.get("metrics")
        templates = ServiceLocator.get("templates")
        time.sleep(0.003)
        page = templates.render("page", user=f"user{worker_id}", path=f"/item/{i}")
        metrics.hit(ok=bool(page))


def check_service(name):
    time.sleep(0.02)  # expect: GIL004
    return name in ServiceLocator._services


async def health_check():
    status = {}
    for name in ("metrics", "templates"):
        status[name] = check_service(name)
        await asyncio.sleep(0.01)  # ok: GIL004
    return status


def main():
    ServiceLocator.provide("metrics", Metrics)
    ServiceLocator.provide("templates", TemplateCache)

    workers = [threading.Thread(target=handle_requests, args=(n, 120)) for n in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()

    metrics = ServiceLocator.get("metrics")
    templates = ServiceLocator.get("templates")
    print(f"requests = {metrics.requests} (expected {4 * 120}), errors = {metrics.errors}")
    print(f"renders = {templates.renders} (expected {4 * 120})")
    print("health:", asyncio.run(health_check()))


if __name__ == "__main__":
    main()
