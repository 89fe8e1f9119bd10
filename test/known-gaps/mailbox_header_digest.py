"""Fetch mailbox header dumps from a local server and digest them per sender domain."""
import socket
import threading

MAILBOXES = 6
MESSAGES_PER_BOX = 40
DOMAINS = ["example.org", "lists.example.net", "corp.example.com"]


def header_dump(box, n):
    blocks = [f"From: user{(box * 7 + i) % 11}@{DOMAINS[(box + i) % len(DOMAINS)]}\nSubject: report {box}-{i}\nX-Size: {(i * 317) % 9000 + 120}" for i in range(n)]
    return "\n\n".join(blocks).encode()


PAYLOADS = {box: header_dump(box, MESSAGES_PER_BOX) for box in range(MAILBOXES)}

per_domain = {}
bytes_by_domain = {}
digest_lock = threading.Lock()


def serve(listener):
    for _ in range(MAILBOXES):
        conn, _addr = listener.accept()
        with conn:
            box = int(conn.recv(16).decode())
            conn.sendall(PAYLOADS[box])


def fetch(box, port):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(str(box).encode())
        sock.shutdown(socket.SHUT_WR)
        parts = []
        while True:  # ok: GIL001
            chunk = sock.recv(4096)
            if not chunk:
                break
            parts.append(chunk)
    text = b"".join(parts).decode()
    for block in text.split("\n\n"):
        headers = dict(line.split(": ", 1) for line in block.splitlines())
        domain = headers["From"].rsplit("@", 1)[1]
        with digest_lock:
            per_domain[domain] = per_domain.get(domain, 0) + 1  # ok: GIL002
            bytes_by_domain[domain] = bytes_by_domain.get(domain, 0) + int(headers["X-Size"])


def main():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(MAILBOXES)
    port = listener.getsockname()[1]
    server = threading.Thread(target=serve, args=(listener,), daemon=True)
    server.start()
    clients = [threading.Thread(target=fetch, args=(box, port)) for box in range(MAILBOXES)]
    for c in clients:
        c.start()
    for c in clients:
        c.join()
    server.join(timeout=5)
    listener.close()
    for domain in sorted(per_domain):
        avg = bytes_by_domain[domain] / per_domain[domain]
        print(f"{domain:<20} {per_domain[domain]:>4} messages, avg {avg:8.1f} bytes")


if __name__ == "__main__":
    main()
