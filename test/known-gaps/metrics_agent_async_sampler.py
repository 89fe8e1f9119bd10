# Async metrics agent: drains CPU samples from a sampler thread and ships batches to a local collector.
import asyncio
import json
import queue
import random
import socket
import threading
import time


class Sampler(threading.Thread):
    """Produces a CPU sample every couple of milliseconds into a bounded queue."""

    def __init__(self, out_q, stats, stats_lock):
        super().__init__(daemon=True)
        self.out_q, self.stats, self.stats_lock = out_q, stats, stats_lock
        self.stop_event = threading.Event()

    def run(self):
        rng = random.Random(11)
        while not self.stop_event.is_set():  # ok: GIL001
            sample = {"cpu": round(rng.uniform(0, 100), 2), "ts": time.time()}
            try:
                self.out_q.put(sample, timeout=0.01)
            except queue.Full:
                self.stats["dropped"] += 1  # expect: GIL002
            self.stop_event.wait(0.002)


def collector(server_sock, received, connections):
    for _ in range(connections):
        conn, _addr = server_sock.accept()  # ok: GIL004
        with conn:
            while chunk := conn.recv(4096):  # ok: GIL004
                received.append(chunk)


def stop_sampler(sampler):
    sampler.stop_event.set()
    sampler.join(timeout=1)  # expect: GIL004


async def ship(batch, port):
    sock = socket.socket()
    sock.connect(("127.0.0.1", port))  # expect: GIL004
    sock.sendall(json.dumps(batch).encode())  # expect: GIL004
    sock.close()


async def ship_nonblocking(batch, port):
    loop = asyncio.get_running_loop()
    sock = socket.socket()
    sock.setblocking(False)
    await loop.sock_connect(sock, ("127.0.0.1", port))  # ok: GIL004
    await loop.sock_sendall(sock, json.dumps(batch).encode())  # ok: GIL004
    sock.close()


async def run_agent(port):
    stats = {"dropped": 0}
    stats_lock = threading.Lock()
    samples = queue.Queue(maxsize=5)
    sampler = Sampler(samples, stats, stats_lock)
    sampler.start()
    batch = [samples.get()]  # expect: GIL004
    while len(batch) < 20:
        sample = await asyncio.to_thread(samples.get)  # ok: GIL004
        if sample["cpu"] > 95.0:
            with stats_lock:
                stats["dropped"] += 1  # ok: GIL002
            continue
        batch.append(sample)
    await ship(batch[:10], port)
    await ship_nonblocking(batch[10:], port)
    try:
        leftover = samples.get_nowait()  # ok: GIL004
    except queue.Empty:
        leftover = None
    stop_sampler(sampler)
    await asyncio.sleep(0)  # ok: GIL004
    return len(batch), stats["dropped"], leftover is not None


def main():
    server_sock = socket.socket()
    server_sock.bind(("127.0.0.1", 0))
    server_sock.listen()
    port = server_sock.getsockname()[1]
    received = []
    sink = threading.Thread(target=collector, args=(server_sock, received, 2))
    sink.start()
    shipped, dropped, had_leftover = asyncio.run(run_agent(port))
    sink.join()
    server_sock.close()
    payload = b"".join(received)
    print(f"shipped={shipped} dropped={dropped} leftover={had_leftover} bytes_received={len(payload)}")


if __name__ == "__main__":
    main()
