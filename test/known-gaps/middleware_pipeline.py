# Models an HTTP request pipeline assembled per request from middleware looked up by name in a registry.
import threading
import time

MIDDLEWARE = {}
_shared_instances = {}
_shared_lock = threading.Lock()


def middleware(name, shared=False):
    def deco(cls):
        MIDDLEWARE[name] = (cls, shared)
        return cls
    return deco


def build(name):
    """Shared middleware is one instance for the whole process; the rest is created per request."""
    cls, shared = MIDDLEWARE[name]
    if not shared:
        return cls()
    with _shared_lock:
        if name not in _shared_instances:  # ok: GIL003
            _shared_instances[name] = cls()
        return _shared_instances[name]


@middleware("ratelimit", shared=True)
class RateLimiter:
    def __init__(self, tokens=12):
        self.tokens = tokens
        self.rejected = 0

    def __call__(self, request, call_next):
        if self.tokens > 0:  # expect: GIL003
            self.tokens -= 1  # expect: GIL002
            return call_next(request)
        self.rejected += 1  # expect: GIL002
        return {"status": 429, "body": "slow down"}


@middleware("tracing")
class Tracer:
    def __init__(self):
        self.spans = 0

    def __call__(self, request, call_next):
        self.spans += 1  # ok: GIL002
        start = time.perf_counter()
        response = call_next(request)
        response["trace_spans"] = self.spans
        response["elapsed_ms"] = round((time.perf_counter() - start) * 1000, 3)
        return response


@middleware("stats", shared=True)
class StatsCollector:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_status = {}

    def __call__(self, request, call_next):
        response = call_next(request)
        with self.lock:
            self.by_status[response["status"]] = self.by_status.get(response["status"], 0) + 1  # ok: GIL002
        return response


def app(request):
    time.sleep(0.002)
    return {"status": 200, "body": request["path"].upper()}


def handle(request, names=("tracing", "ratelimit", "stats")):
    chain = [build(n) for n in names]

    def call(index, req):
        if index == len(chain):
            return app(req)
        return chain[index](req, lambda r: call(index + 1, r))

    return call(0, request)


def main():
    responses = []
    requests = [{"path": f"/items/{i}"} for i in range(20)]
    threads = [threading.Thread(target=lambda r=req: responses.append(handle(r))) for req in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    limiter = build("ratelimit")
    stats = build("stats")
    print("statuses:", sorted(r["status"] for r in responses))
    print("rejected:", limiter.rejected, "tokens left:", limiter.tokens, "stats:", stats.by_status)


if __name__ == "__main__":
    main()
