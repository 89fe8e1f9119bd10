"""Line-based TCP login server that locks accounts after repeated failed attempts."""
import io
import socket
import socketserver
import threading

MAX_FAILURES = 3
PASSWORDS = {"root": "hunter2", "deploy": "s3cret", "guest": "guest"}
failures = {}
locked = set()
audit_lock = threading.Lock()
lockout_lock = threading.Lock()
audit_log = io.StringIO()


def format_entry(entry):
    return "{user} {outcome} from {peer}\n".format(**entry)


def write_audit(entry):
    audit_lock.acquire()  # expect: GIL005
    audit_log.write(format_entry(entry))
    audit_lock.release()


def unlock(user):
    lockout_lock.acquire()  # ok: GIL005
    try:
        locked.discard(user)
        failures.pop(user, None)
    finally:
        lockout_lock.release()


class LoginHandler(socketserver.StreamRequestHandler):
    def handle(self):
        peer = "%s:%d" % self.client_address
        for raw in self.rfile:  # ok: GIL001
            user, _, password = raw.decode().strip().partition(" ")
            if user in locked:
                self.wfile.write(b"LOCKED\n")
                continue
            if PASSWORDS.get(user) == password:
                write_audit({"user": user, "outcome": "ok", "peer": peer})
                self.wfile.write(b"OK\n")
                continue
            failures[user] = failures.get(user, 0) + 1  # expect: GIL002
            if failures[user] >= MAX_FAILURES:  # expect: GIL003
                locked.add(user)
                del failures[user]
            write_audit({"user": user, "outcome": "fail", "peer": peer})
            self.wfile.write(b"DENIED\n")


def attacker(port, attempts, replies):
    with socket.create_connection(("127.0.0.1", port)) as sock:
        rfile = sock.makefile("rb")
        for user, password in attempts:  # ok: GIL001
            sock.sendall(f"{user} {password}\n".encode())
            replies.append((user, rfile.readline().decode().strip()))
        rfile.close()


def main():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), LoginHandler)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    replies = []
    scripts = [
        [("root", "admin"), ("root", "toor"), ("root", "1234"), ("root", "hunter2")],
        [("root", "password"), ("deploy", "s3cret"), ("root", "letmein")],
        [("guest", "guest"), ("deploy", "nope"), ("deploy", "s3cret")],
    ]
    clients = [threading.Thread(target=attacker, args=(port, s, replies)) for s in scripts]
    for t in clients:
        t.start()
    for t in clients:
        t.join()
    unlock("root")
    server.shutdown()
    server.server_close()
    print("replies:", replies)
    print("still locked:", sorted(locked), "failures:", failures)
    print(audit_log.getvalue(), end="")


if __name__ == "__main__":
    main()
