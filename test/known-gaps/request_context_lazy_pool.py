# Models a small web app that keeps per-request database statistics in thread-local storage.
import random
import threading
import time

_ctx = threading.local()
_pool = None
total_queries = 0
slow_requests = []
metrics = {"requests": 0, "queries": 0}
metrics_lock = threading.RLock()


class ConnectionPool:
    def __init__(self, size):
        time.sleep(0.005)
        self.size = size
        self.opened = 0

    def connect(self):
        self.opened += 1  # expect: GIL002
        return f"conn-{threading.get_ident() % 1000}"


def get_pool():
    global _pool
    if _pool is None:  # expect: GIL003
        _pool = ConnectionPool(size=4)
    return _pool


def db_query(sql):
    global total_queries
    if not hasattr(_ctx, "conn"):  # ok: GIL003
        _ctx.conn = get_pool().connect()
    time.sleep(0.001)
    _ctx.queries += 1  # ok: GIL002
    total_queries += 1  # expect: GIL002
    return hash((_ctx.conn, sql)) % 100


def handle_request(request_id, n_queries):
    _ctx.queries = 0
    _ctx.request_id = request_id
    for item in range(n_queries):
        db_query(f"SELECT price FROM items WHERE id = {item}")
    with metrics_lock:
        metrics["requests"] += 1  # ok: GIL002
        metrics["queries"] += _ctx.queries
    if _ctx.queries > 6:
        slow_requests.append(request_id)


def main():
    rng = random.Random(11)
    plan = [(f"req-{i}", rng.randint(2, 10)) for i in range(12)]
    threads = [
        threading.Thread(target=lambda rid=rid, n=n: handle_request(rid, n))
        for rid, n in plan
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"requests handled: {metrics['requests']}")
    print(f"queries (locked): {metrics['queries']}, (unlocked global): {total_queries}, "
          f"planned: {sum(n for _, n in plan)}")
    print(f"slow requests: {sorted(slow_requests)}")


if __name__ == "__main__":
    main()
