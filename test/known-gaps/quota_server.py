# Models an API quota service: a ThreadingTCPServer spends tokens from a bucket refilled by a background thread.
import socket
import socketserver
import threading
import time

BUCKET_REFILL = 2
TENANT_LIMIT = 4


class QuotaServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address):
        super().__init__(address, QuotaHandler)
        self.tokens = 10
        self.per_tenant = {}
        self.tenant_lock = threading.Lock()
        self.ledger = {"acme": 100, "globex": 100, "initech": 100}
        self.ledger_lock = threading.Lock()
        self.stop_refill = threading.Event()

    def refill_forever(self):
        while not self.stop_refill.wait(0.01):  # ok: GIL001
            self.tokens += BUCKET_REFILL  # expect: GIL002


class QuotaHandler(socketserver.BaseRequestHandler):
    """Request format: '<tenant>:<cost>'; answers ALLOW or DENY."""

    def charge(self, tenant, fields):
        server = self.server
        server.ledger_lock.acquire()  # expect: GIL005
        server.ledger[tenant] -= int(fields[1])  # ok: GIL002
        server.ledger_lock.release()

    def handle(self):
        server = self.server
        data = self.request.recv(128).decode().strip()  # ok: GIL004
        tenant, _, cost_text = data.partition(":")
        cost = int(cost_text or 1)
        with server.tenant_lock:
            used = server.per_tenant.get(tenant, 0)
            if used < TENANT_LIMIT:  # ok: GIL003
                server.per_tenant[tenant] = used + 1
                within_limit = True
            else:
                within_limit = False
        if within_limit and server.tokens >= cost:  # expect: GIL003
            server.tokens -= cost  # expect: GIL002
            self.charge(tenant, data.split(":"))
            reply = b"ALLOW"
        else:
            reply = b"DENY"
        self.request.sendall(reply)


def call(port, request):
    with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
        sock.sendall(request.encode())
        return request, sock.recv(16).decode()


def main():
    server = QuotaServer(("127.0.0.1", 0))
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    refill = threading.Thread(target=server.refill_forever, name="refill")
    refill.start()
    results = []
    requests = [f"{t}:{c}" for t in ("acme", "globex", "initech") for c in (1, 3, 2, 5, 1)]
    callers = [threading.Thread(target=lambda r=r: results.append(call(port, r))) for r in requests]
    for c in callers:
        c.start()
        time.sleep(0.002)
    for c in callers:
        c.join()
    server.stop_refill.set()
    refill.join()
    server.shutdown()
    server.server_close()
    allowed = sum(1 for _, reply in results if reply == "ALLOW")
    print(f"{allowed}/{len(results)} allowed")
    with server.ledger_lock:
        print("ledger:", server.ledger)


if __name__ == "__main__":
    main()
