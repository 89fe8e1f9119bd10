"""Monthly renewal run for a comic shop's pull-list subscriptions.

An asyncio job looks up every subscriber whose subscription lapses this month,
writes their renewal statement to the shop's share, and hands a notice to the
mail relay. The relay here is a thread on the other end of a socketpair.
"""
import asyncio
import os
import socket
import tempfile
import threading
import time

SUBSCRIBERS = {
    f"S{n:03d}": {"name": f"Reader {n}", "email": f"reader{n}@example.org",
                  "titles": 3 + n % 5, "lapses": "2025-07" if n % 3 else "2025-09"}
    for n in range(30)
}


class MailRelay:
    """Line-based relay: accepts 'RENEW <id> <addr>' and answers '250 OK'."""

    def __init__(self, sock):
        self.sock = sock
        self.delivered = []

    def serve(self):
        buf = b""
        while True:  # ok: GIL001
            data = self.sock.recv(4096)  # ok: GIL004
            if not data:
                break
            buf += data
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                self.delivered.append(line.decode())
                self.sock.sendall(b"250 OK\n")


def lookup_subscriber(sub_id):
    """Point-of-sale database query through its blocking driver."""
    time.sleep(0.004)  # expect: GIL004
    return SUBSCRIBERS[sub_id]


def write_statement(directory, sub_id, record):
    path = os.path.join(directory, f"renewal-{sub_id}.txt")
    with open(path, "w") as fh:
        fh.write(f"{record['name']}: {record['titles']} titles, renew by {record['lapses']}-28\n")
    time.sleep(0.01)  # ok: GIL004
    return path


async def send_notice(directory, relay_sock, relay_lock, sub_id):
    record = lookup_subscriber(sub_id)
    path = await asyncio.to_thread(write_statement, directory, sub_id, record)
    async with relay_lock:
        relay_sock.sendall(f"RENEW {sub_id} {record['email']}\n".encode())
        reply = relay_sock.recv(16)  # expect: GIL004
    return sub_id, os.path.basename(path), reply.decode().strip()


async def renewal_run(directory, relay_sock, month):
    relay_lock = asyncio.Lock()
    due = [sid for sid, rec in SUBSCRIBERS.items() if rec["lapses"] == month]
    start = time.perf_counter()
    results = await asyncio.gather(*(send_notice(directory, relay_sock, relay_lock, s) for s in due))
    await asyncio.sleep(0)  # ok: GIL004
    ok = sum(1 for _, _, reply in results if reply == "250 OK")
    print(f"{month}: {len(due)} renewals due, {ok} accepted by relay in {time.perf_counter() - start:.2f}s")
    return results


if __name__ == "__main__":
    shop_end, relay_end = socket.socketpair()
    relay = MailRelay(relay_end)
    relay_thread = threading.Thread(target=relay.serve, name="mail-relay")
    relay_thread.start()
    with tempfile.TemporaryDirectory(prefix="renewals-") as share:
        results = asyncio.run(renewal_run(share, shop_end, "2025-07"))
        print(f"statements written: {len(os.listdir(share))}, first: {results[0][1]}")
    shop_end.shutdown(socket.SHUT_WR)
    relay_thread.join()
    shop_end.close()
    relay_end.close()
    print(f"relay delivered {len(relay.delivered)} notices")
