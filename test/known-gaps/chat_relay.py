# Models a chat relay load test: an asyncio TCP server fed by blocking-socket bot threads.
import asyncio
import socket
import threading
import time


class Metrics:
    """Counters shared by the bot threads and the relay server."""

    def __init__(self):
        self.in_flight = 0
        self.bots_finished = 0
        self.slowest_ack = 0.0
        self.lock = threading.Lock()


class RelayServer:
    def __init__(self, metrics):
        self.metrics = metrics
        self.clients = 0
        self.by_room = {}
        self.notices = []
        self.notice_count = 0

    async def handle(self, reader, writer):
        self.clients += 1  # ok: GIL002
        try:
            while True:
                line = await reader.readline()  # ok: GIL004
                if not line:
                    break
                room, _, _text = line.decode().partition(":")
                self.by_room[room] = self.by_room.get(room, 0) + 1  # ok: GIL002
                self.metrics.in_flight -= 1  # expect: GIL002
                writer.write(b"ack\n")
                await writer.drain()
        finally:
            self.clients -= 1  # ok: GIL002
            writer.close()
            await writer.wait_closed()

    def broadcast_notice(self, text):
        self.notices.append(text)
        self.notice_count += 1  # ok: GIL002


def port_accepts(host, port):
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        probe.connect((host, port))  # expect: GIL004
        return True
    except OSError:
        return False
    finally:
        probe.close()


def bot(host, port, room, count, metrics):
    with socket.create_connection((host, port)) as sock:
        acks = sock.makefile("rb")
        for i in range(count):  # ok: GIL001
            sent_at = time.perf_counter()
            metrics.in_flight += 1  # expect: GIL002
            sock.sendall(f"{room}:message {i}\n".encode())
            acks.readline()
            elapsed = time.perf_counter() - sent_at
            if elapsed > metrics.slowest_ack:  # expect: GIL003
                metrics.slowest_ack = elapsed
        acks.close()
    with metrics.lock:
        metrics.bots_finished += 1  # ok: GIL002


async def run_relay():
    loop = asyncio.get_running_loop()
    metrics = Metrics()
    relay = RelayServer(metrics)
    server = await asyncio.start_server(relay.handle, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    if not port_accepts(host, port):
        raise RuntimeError("relay did not come up")

    bots = [
        threading.Thread(target=bot, args=(host, port, room, 40, metrics), name=f"bot-{room}")
        for room in ("general", "random", "ops")
    ]
    for b in bots:
        b.start()
    notice = threading.Timer(
        0.02, loop.call_soon_threadsafe, args=(relay.broadcast_notice, "maintenance at 02:00")
    )
    notice.start()
    await asyncio.gather(*(asyncio.to_thread(b.join) for b in bots))  # ok: GIL004
    await asyncio.to_thread(notice.join)
    await asyncio.sleep(0.01)
    server.close()
    await server.wait_closed()
    return relay, metrics


def main():
    relay, metrics = asyncio.run(run_relay())
    print("rooms:", dict(sorted(relay.by_room.items())))
    print("notices:", relay.notice_count, relay.notices)
    print("bots finished:", metrics.bots_finished, "in flight:", metrics.in_flight)
    print(f"slowest ack: {metrics.slowest_ack * 1000:.2f}ms")


if __name__ == "__main__":
    main()
