"""Log-ingest server: clients upload log files, handlers tally levels and keep the worst error."""
import collections
import random
import socket
import socketserver
import struct
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import partial

totals = collections.Counter()
worst_error = {}
stats_lock = threading.Lock()
uploads_received = 0


def parse_levels(text):
    counts = collections.Counter()
    errors = []
    for line in text.splitlines():  # expect: GIL001
        _, _, rest = line.partition(" ")
        level, _, message = rest.partition(": ")
        counts[level] += 1  # ok: GIL002
        if level == "ERROR":
            errors.append(message)
    return counts, errors


class UploadHandler(socketserver.BaseRequestHandler):
    def handle(self):
        global uploads_received
        size = struct.unpack("!I", self.request.recv(4, socket.MSG_WAITALL))[0]
        text = self.request.recv(size, socket.MSG_WAITALL).decode()
        uploads_received += 1  # expect: GIL002
        counts, errors = parse_levels(text)
        stats_lock.acquire()  # expect: GIL005
        totals.update(counts)
        worst_error[self.client_address[1]] = max(errors, key=len)
        stats_lock.release()
        self.request.sendall(b"%d\n" % sum(counts.values()))


def make_log(seed, n_lines):
    rng = random.Random(seed)
    levels = ["INFO"] * 6 + ["WARN"] * 2 + ["ERROR"]
    lines = []
    for i in range(n_lines):  # ok: GIL001
        lines.append("t%05d %s: event %d from worker %d" % (i, rng.choice(levels), i, rng.randrange(9)))
    lines.append("t99999 ERROR: disk quota exceeded on /var/log")
    return "\n".join(lines)


def upload(port, text):
    data = text.encode()
    with socket.create_connection(("127.0.0.1", port), timeout=3) as sock:
        sock.sendall(struct.pack("!I", len(data)) + data)
        return int(sock.makefile("rb").readline())


def main():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), UploadHandler)
    serve = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    serve.start()
    logs = [make_log(seed, 4000) for seed in range(6)]
    send = partial(upload, server.server_address[1])
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [pool.submit(send, text) for text in logs]
        acked = [f.result() for f in futures]
    server.shutdown()
    server.server_close()
    serve.join()
    print("acked lines:", acked)
    print("uploads:", uploads_received, "totals:", dict(totals))
    print("distinct worst errors:", sorted(set(worst_error.values())))


if __name__ == "__main__":
    main()
