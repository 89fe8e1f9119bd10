"""Caching front for slowly rendered pages, served by a threaded HTTP server."""
import random
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_ENTRIES = 6
PAGES = [f"/article/{n}" for n in range(10)]
READERS = 8
READS_PER_READER = 12

CACHE = {}
stats = {"hits": 0, "misses": 0}


def render(path):
    time.sleep(0.01)
    return f"<html><body><h1>{path}</h1></body></html>".encode()


class CachingHandler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass

    def do_GET(self):
        body = CACHE.get(self.path)
        if body is None:
            stats["misses"] += 1  # expect: GIL002
            body = render(self.path)
            if len(CACHE) >= MAX_ENTRIES:  # expect: GIL003
                CACHE.pop(next(iter(CACHE)), None)
            CACHE[self.path] = body
        else:
            stats["hits"] += 1  # expect: GIL002
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def reader(port, seed, sizes):
    rng = random.Random(seed)
    total = 0
    for _ in range(READS_PER_READER):
        path = rng.choice(PAGES[: 4 + seed % 6])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as resp:
            total += len(resp.read())
    sizes.append(total)


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), CachingHandler)
    port = server.server_address[1]
    worker = threading.Thread(target=server.serve_forever, daemon=True)
    worker.start()
    sizes = []
    readers = [threading.Thread(target=reader, args=(port, s, sizes)) for s in range(READERS)]
    for r in readers:
        r.start()
    for r in readers:
        r.join()
    server.shutdown()
    server.server_close()
    print("bytes read per reader:", sizes)
    print("hits:", stats["hits"], "misses:", stats["misses"], "cached now:", len(CACHE))


if __name__ == "__main__":
    main()
