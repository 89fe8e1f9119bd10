"""Access-log ingest server: edge nodes ship batches of access-log lines over
TCP; each handler thread summarises the batch and archives it zlib-compressed."""
import collections
import socket
import socketserver
import struct
import threading
import zlib

BATCH_LINES = 12_000        # access-log lines per shipped batch
CHUNK = 64 * 1024           # archive chunk size in bytes
EDGE_NODES = 3
PATHS = ["/", "/login", "/api/items", "/api/cart", "/static/app.js", "/healthz"]
STATUSES = ["200", "200", "200", "304", "404", "500"]


def summarize(text):
    per_status = {}
    bytes_by_path = {}
    for line in text.splitlines():  # expect: GIL001
        _ip, _method, path, status, size = line.split(" ")
        per_status[status] = per_status.get(status, 0) + 1  # ok: GIL002
        bytes_by_path[path] = bytes_by_path.get(path, 0) + int(size)
    return per_status, bytes_by_path


def archive(blob):
    parts = []
    for start in range(0, len(blob), CHUNK):  # ok: GIL001
        parts.append(zlib.compress(blob[start:start + CHUNK], 6))
    return parts


class IngestHandler(socketserver.BaseRequestHandler):
    def handle(self):
        rfile = self.request.makefile("rb")
        (size,) = struct.unpack("!I", rfile.read(4))
        blob = rfile.read(size)
        per_status, _by_path = summarize(blob.decode())
        parts = archive(blob)
        with self.server.lock:
            for status, n in per_status.items():
                self.server.status_totals[status] += n  # ok: GIL002
            self.server.archives.append(parts)
        self.request.sendall(b"ACK")


def make_batch(node):
    lines = []
    for i in range(BATCH_LINES):  # ok: GIL001
        lines.append(f"10.{node}.0.{i % 250} GET {PATHS[i % len(PATHS)]} "
                     f"{STATUSES[(i * 7) % len(STATUSES)]} {(i * 37) % 5000}")
    return "\n".join(lines).encode()


def ship(port, blob):
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(struct.pack("!I", len(blob)) + blob)
        s.recv(3)


def main():
    batches = [make_batch(n) for n in range(EDGE_NODES)]
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), IngestHandler)
    server.daemon_threads = True
    server.lock = threading.Lock()
    server.status_totals = collections.Counter()
    server.archives = []
    srv = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    srv.start()

    nodes = [threading.Thread(target=ship, args=(server.server_address[1], b)) for b in batches]
    for t in nodes:
        t.start()
    for t in nodes:
        t.join()
    server.shutdown()
    server.server_close()
    srv.join()
    raw = sum(len(b) for b in batches)
    packed = sum(len(p) for parts in server.archives for p in parts)
    print(f"status totals: {dict(sorted(server.status_totals.items()))}")
    print(f"archived {raw} bytes into {packed} bytes")


if __name__ == "__main__":
    main()
