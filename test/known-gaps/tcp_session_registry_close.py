"""Line-echo server whose sessions are closed either by their reader thread or by a drain timer."""
import socket
import threading

CLIENTS = 4
DRAIN_AFTER = 0.15


class Registry:
    def __init__(self):
        self._lock = threading.Lock()
        self.sessions = []
        self.active = 0

    def register(self, session):
        with self._lock:
            self.sessions.append(session)
            self.active += 1  # ok: GIL002


class Session:
    def __init__(self, conn, registry):
        self.conn = conn
        self.registry = registry
        self.state = "open"
        self.reason = None
        self.lines = 0

    def close(self, reason):
        if self.state == "closed":  # expect: GIL003
            return
        self.state = "closed"
        self.reason = reason
        try:
            self.conn.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.conn.close()
        self.registry.active -= 1  # expect: GIL002

    def serve(self):
        with self.conn.makefile("rb") as reader:
            try:
                for line in reader:
                    self.lines += 1  # ok: GIL002
                    self.conn.sendall(line.upper())
            except (OSError, ValueError):
                pass
        self.close("eof")


def drain(registry):
    for session in list(registry.sessions):
        session.close("drain")


def accept_clients(listener, registry, readers):
    for _ in range(CLIENTS):
        conn, _addr = listener.accept()
        session = Session(conn, registry)
        registry.register(session)
        reader = threading.Thread(target=session.serve)
        readers.append(reader)
        reader.start()


def main():
    registry = Registry()
    readers = []
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    acceptor = threading.Thread(target=accept_clients, args=(listener, registry, readers))
    acceptor.start()

    clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(CLIENTS)]
    for i, client in enumerate(clients):
        client.sendall(f"hello from client {i}\n".encode())
        print(client.recv(64).decode().strip())
    acceptor.join()
    listener.close()

    for client in clients[:2]:
        client.close()
    drainer = threading.Timer(DRAIN_AFTER, drain, args=(registry,))
    drainer.start()
    drainer.join()
    for reader in readers:
        reader.join(timeout=2)
    for client in clients[2:]:
        client.close()

    reasons = sorted(s.reason for s in registry.sessions)
    lines = sum(s.lines for s in registry.sessions)
    print(f"close reasons: {reasons}, lines echoed: {lines}, active sessions left: {registry.active}")


if __name__ == "__main__":
    main()
