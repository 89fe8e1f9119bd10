"""HTTP service that computes expensive report checksums and memoises them."""
import json
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

memo = {}
counters = {"hits": 0, "misses": 0}
served = 0
served_lock = threading.Lock()


def report_checksum(limit):
    acc = 7
    for i in range(limit):  # expect: GIL001
        acc = (acc * 31 + i * i) % 1_000_003
    return acc


class ReportHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        global served
        try:
            size = int(self.path.strip("/") or "1000")
        except ValueError:
            self.send_error(400, "size must be an integer")
            return
        if size not in memo:  # expect: GIL003
            counters["misses"] += 1  # expect: GIL002
            memo[size] = report_checksum(size)
        else:
            counters["hits"] += 1  # expect: GIL002
        body = json.dumps({"size": size, "checksum": memo[size]}).encode()
        with served_lock:
            served += 1  # ok: GIL002
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        pass


def fetch(base, size):
    with urllib.request.urlopen(f"{base}/{size}", timeout=5) as resp:
        return json.loads(resp.read())


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), ReportHandler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()

    sizes = [20_000, 50_000, 20_000, 80_000, 50_000, 20_000, 80_000, 10_000]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda s: fetch(base, s), sizes))

    server.shutdown()
    server.server_close()
    for item in results:
        print(f"size={item['size']:>6} checksum={item['checksum']}")
    print(f"served={served} hits={counters['hits']} misses={counters['misses']}")


if __name__ == "__main__":
    main()
