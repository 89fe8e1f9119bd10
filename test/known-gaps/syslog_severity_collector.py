"""Collect log lines from several shippers over TCP and tally them by severity."""
import _thread
import random
import socket
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

SHIPPERS = 5
LINES_PER_SHIPPER = 400
LEVELS = ("DEBUG", "INFO", "INFO", "INFO", "WARN", "ERROR")
HOSTS = ("web-1", "web-2", "db-1", "cache-1")


class Tally:
    def __init__(self, expected_connections):
        self.cond = threading.Condition()
        self.by_level = Counter()
        self.by_host = Counter()
        self.finished = 0
        self.expected = expected_connections

    def merge(self, levels, hosts):
        with self.cond:
            self.by_level.update(levels)
            self.by_host.update(hosts)
            self.finished += 1  # ok: GIL002
            self.cond.notify_all()

    def wait(self, timeout):
        with self.cond:
            return self.cond.wait_for(lambda: self.finished >= self.expected, timeout)


def handle_connection(conn, tally):
    levels, hosts = Counter(), Counter()
    with conn, conn.makefile("r", encoding="utf-8") as stream:
        for line in stream:
            _, host, level, _msg = line.rstrip("\n").split(" ", 3)
            levels[level] += 1  # ok: GIL002
            hosts[host] += 1
    tally.merge(levels, hosts)


def accept_loop(server, tally, count):
    for _ in range(count):
        conn, _addr = server.accept()
        _thread.start_new_thread(handle_connection, (conn, tally))
    server.close()


def ship_logs(port, shipper_id):
    rng = random.Random(shipper_id)
    with socket.create_connection(("127.0.0.1", port)) as sock:
        lines = []
        for n in range(LINES_PER_SHIPPER):
            lines.append(f"{n} {rng.choice(HOSTS)} {rng.choice(LEVELS)} request handled id={rng.getrandbits(32):08x}\n")
        sock.sendall("".join(lines).encode())
    return LINES_PER_SHIPPER


def main():
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    tally = Tally(SHIPPERS)
    acceptor = threading.Thread(target=accept_loop, args=(server, tally, SHIPPERS))
    acceptor.start()

    with ThreadPoolExecutor(max_workers=SHIPPERS) as pool:
        sent = sum(pool.map(lambda i: ship_logs(port, i), range(SHIPPERS)))
    acceptor.join()
    if not tally.wait(timeout=5):
        raise SystemExit("collector timed out waiting for shippers")

    received = sum(tally.by_level.values())
    print(f"shipped {sent} lines, collected {received}")
    for level, n in tally.by_level.most_common():
        print(f"  {level:<6} {n:>5}")
    print("busiest host:", tally.by_host.most_common(1)[0])


if __name__ == "__main__":
    main()
