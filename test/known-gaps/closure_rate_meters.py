"""API client threads: each client has its own request meter, all of them draw from one request budget."""
import threading
import time

REQUEST_BUDGET = 40
PAGES_PER_ENDPOINT = 12
ENDPOINTS = ["/users", "/orders", "/invoices", "/shipments", "/refunds"]


def make_meter(name):
    calls = 0
    elapsed = 0.0

    def record(seconds):
        nonlocal calls, elapsed
        calls += 1  # ok: GIL002
        elapsed += seconds  # ok: GIL002
        return calls

    def summary():
        return name, calls, elapsed

    record.summary = summary
    return record


def make_budget(limit):
    remaining = limit

    def take():
        nonlocal remaining
        if remaining > 0:  # expect: GIL003
            remaining -= 1  # expect: GIL002
            return True
        return False

    take.left = lambda: remaining
    return take


class ApiClient:
    def __init__(self, endpoint, budget):
        self.endpoint = endpoint
        self.budget = budget  # the same budget closure is given to every client
        self.meter = make_meter(endpoint)  # a fresh closure per client
        self.pages = []

    def crawl(self):
        page = 0
        while page < PAGES_PER_ENDPOINT and self.budget():  # ok: GIL001
            started = time.perf_counter()
            time.sleep(0.005)  # GET {endpoint}?page={page}
            page += 1
            self.pages.append(f"{self.endpoint}?page={page}")
            self.meter(time.perf_counter() - started)


if __name__ == "__main__":
    budget = make_budget(REQUEST_BUDGET)
    clients = [ApiClient(e, budget) for e in ENDPOINTS]
    threads = [threading.Thread(target=c.crawl, name=c.endpoint) for c in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for c in clients:
        name, calls, elapsed = c.meter.summary()
        print(f"{name:11s} {calls:3d} calls, {elapsed * 1000:6.1f} ms, last page {c.pages[-1] if c.pages else '-'}")
    used = sum(len(c.pages) for c in clients)
    print(f"requests made: {used} (budget {REQUEST_BUDGET}, left {budget.left()})")
