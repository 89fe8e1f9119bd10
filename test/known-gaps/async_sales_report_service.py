#!/usr/bin/env python3
"""Async sales-report service: request handlers push number crunching into a
thread pool with run_in_executor, and fetch exchange rates from a legacy
HTTP endpoint (served locally here) so the demo runs offline."""
import asyncio
import json
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class RatesHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"EUR": 1.08, "GBP": 1.27}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def weighted_score(amounts):
    acc = 0.0
    for i, x in enumerate(amounts):  # expect: GIL001
        acc += (x * x + i) % 97  # ok: GIL002
    return acc / max(len(amounts), 1)


def fetch_json(url):
    with urllib.request.urlopen(url, timeout=2) as resp:  # ok: GIL004
        return json.load(resp)


class ReportService:
    def __init__(self, rates_url):
        self.rates_url = rates_url
        self.pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="crunch")
        self.served = 0
        self.rates = {}

    async def handle(self, region, amounts):
        loop = asyncio.get_running_loop()
        score = await loop.run_in_executor(self.pool, weighted_score, amounts)
        self.served += 1  # ok: GIL002
        await self.audit(f"report {region} score={score:.2f}")
        return region, round(score * self.rates.get("EUR", 1.0), 2)

    async def refresh_rates_blocking(self):
        with urllib.request.urlopen(self.rates_url, timeout=2) as resp:  # expect: GIL004
            self.rates = json.load(resp)

    async def refresh_rates(self):
        self.rates = await asyncio.to_thread(fetch_json, self.rates_url)

    async def audit(self, line):
        time.sleep(0.01)  # expect: GIL004
        print("  audit:", line)

    async def warm_up(self):
        await asyncio.to_thread(time.sleep, 0.01)  # ok: GIL004


async def main(url):
    svc = ReportService(url)
    await svc.warm_up()
    await svc.refresh_rates_blocking()
    await svc.refresh_rates()
    regions = {"north": list(range(0, 60000, 3)), "south": list(range(5, 40000, 7)),
               "west": list(range(1, 80000, 5))}
    results = await asyncio.gather(*(svc.handle(r, a) for r, a in regions.items()))
    print("results:", dict(results), "served:", svc.served)
    svc.pool.shutdown()


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", 0), RatesHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        asyncio.run(main(f"http://127.0.0.1:{server.server_port}/rates"))
    finally:
        server.shutdown()
