"""Fetch pages from two local hosts while honouring a per-host request interval."""
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MIN_INTERVAL = 0.02
MAX_PARALLEL = 3
PAGES_PER_WORKER = 6
WORKER_COUNT = 4


class EchoHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = (f"<p>{self.path} served by port {self.server.server_address[1]}</p>" * 20).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        pass


class HostThrottle:
    def __init__(self):
        self.last_hit = {}
        self.in_flight = {}
        self.slots = threading.BoundedSemaphore(MAX_PARALLEL)
        self.lock = threading.Lock()

    def wait_turn(self, host):
        now = time.monotonic()
        if now - self.last_hit.get(host, 0.0) < MIN_INTERVAL:  # expect: GIL003
            time.sleep(MIN_INTERVAL - (now - self.last_hit[host]))
        self.last_hit[host] = time.monotonic()

    def fetch(self, url):
        host = urllib.parse.urlsplit(url).netloc
        with self.slots:
            self.in_flight[host] = self.in_flight.get(host, 0) + 1  # expect: GIL002
            self.wait_turn(host)
            try:
                with urllib.request.urlopen(url, timeout=5) as resp:
                    body = resp.read()
            finally:
                with self.lock:
                    self.in_flight[host] -= 1  # ok: GIL002
        return body


class FetchWorker(threading.Thread):
    def __init__(self, throttle, urls):
        super().__init__()
        self.throttle = throttle
        self.urls = urls
        self.total_bytes = 0

    def run(self):
        for url in self.urls:
            body = self.throttle.fetch(url)
            self.total_bytes += len(body)  # ok: GIL002


def start_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), EchoHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    servers = [start_server(), start_server()]
    bases = [f"http://127.0.0.1:{s.server_address[1]}" for s in servers]
    throttle = HostThrottle()
    workers = []
    for w in range(WORKER_COUNT):
        urls = [f"{bases[(w + i) % 2]}/doc/{w}-{i}" for i in range(PAGES_PER_WORKER)]
        workers.append(FetchWorker(throttle, urls))

    started = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.monotonic() - started

    for server in servers:
        server.shutdown()
        server.server_close()
    print(f"fetched {sum(w.total_bytes for w in workers)} bytes in {elapsed:.2f}s")
    print("in flight at end:", throttle.in_flight)


if __name__ == "__main__":
    main()
