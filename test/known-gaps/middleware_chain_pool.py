"""A tiny WSGI-style app: each middleware object wraps the next handler.

Eight requests are served concurrently by a ThreadPoolExecutor; the same
middleware chain object is shared by all worker threads.
"""
import itertools
import threading
import time
from concurrent.futures import ThreadPoolExecutor

BODY_ROWS = 20_000          # each response body is 20_000 rows of 10 bytes
_session_ids = itertools.count(1000)


def catalog_endpoint(request):
    for attempt in range(3):  # ok: GIL001
        time.sleep(0.002)     # simulated backend latency, GIL released
        if attempt >= 1:
            break
    body = (f"item:{request['path'][-4:]:>4}\n" * BODY_ROWS).encode()
    return {"status": 200, "body": body, "headers": {}}


class Middleware:
    def __init__(self, app):
        self.app = app

    def __call__(self, request):
        return self.app(request)


class ETagMiddleware(Middleware):
    def __call__(self, request):
        response = self.app(request)
        a, b = 1, 0
        for byte in response["body"]:  # expect: GIL001
            a = (a + byte) % 65521
            b = (b + a) % 65521
        response["headers"]["ETag"] = f'"{(b << 16) | a:08x}"'
        return response


class SessionMiddleware(Middleware):
    def __init__(self, app):
        super().__init__(app)
        self.sessions = {}

    def __call__(self, request):
        client = request["client"]
        if client not in self.sessions:  # expect: GIL003
            self.sessions[client] = next(_session_ids)
        request["session"] = self.sessions[client]
        return self.app(request)


class MetricsMiddleware(Middleware):
    def __init__(self, app):
        super().__init__(app)
        self.lock = threading.Lock()
        self.served = 0
        self.busy_seconds = 0.0

    def __call__(self, request):
        start = time.perf_counter()
        response = self.app(request)
        with self.lock:
            self.served += 1  # ok: GIL002
            self.busy_seconds += time.perf_counter() - start
        return response


def build_app():
    app = catalog_endpoint
    for layer in (ETagMiddleware, SessionMiddleware, MetricsMiddleware):
        app = layer(app)
    return app


def main():
    app = build_app()
    requests = [{"client": f"10.0.0.{i % 3}", "path": f"/catalog/{i:04d}"} for i in range(8)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        responses = list(pool.map(app, requests))
    for req, resp in zip(requests, responses):
        print(req["path"], req["session"], resp["headers"]["ETag"])
    print("served", app.served, "sessions", len(app.app.sessions))


if __name__ == "__main__":
    main()
