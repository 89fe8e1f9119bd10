"""Follow an access log in a background thread and summarise it on the event loop."""
import asyncio
import io
import threading
import time

SAMPLE_LOG = "\n".join(
    f"10.0.0.{i % 7} GET /api/{'users' if i % 3 else 'orders'} {200 if i % 5 else 500}"
    for i in range(60)
)


class LogFollower(threading.Thread):
    def __init__(self, stream, loop, queue):
        super().__init__(name="log-follower", daemon=True)
        self.stream = stream
        self.loop = loop
        self.queue = queue
        self.lines_read = 0

    def run(self):
        while True:  # ok: GIL001
            line = self.stream.readline()
            if not line:
                break
            self.lines_read += 1  # ok: GIL002
            self.loop.call_soon_threadsafe(self.queue.put_nowait, line.strip())
            time.sleep(0.001)
        self.loop.call_soon_threadsafe(self.queue.put_nowait, None)


class Summary:
    def __init__(self):
        self.by_status = {}
        self.by_client = {}
        self.errors = 0

    def feed(self, line):
        client, _method, _path, status = line.split()
        self.by_status[status] = self.by_status.get(status, 0) + 1  # ok: GIL002
        self.by_client[client] = self.by_client.get(client, 0) + 1  # ok: GIL002
        if status.startswith("5"):
            self.errors += 1  # ok: GIL002


async def consume(queue, summary):
    while True:
        line = await queue.get()
        if line is None:
            return
        summary.feed(line)


async def heartbeat(summary, stop):
    while not stop.is_set():
        print(f"  ...{summary.errors} errors so far")
        await asyncio.sleep(0.03)  # ok: GIL004


async def main():
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()
    summary = Summary()
    follower = LogFollower(io.StringIO(SAMPLE_LOG), loop, queue)
    follower.start()
    stop = asyncio.Event()
    beat = asyncio.create_task(heartbeat(summary, stop))
    await consume(queue, summary)
    stop.set()
    await beat
    follower.join()
    print("lines:", follower.lines_read)
    print("status:", dict(sorted(summary.by_status.items())))
    print("clients:", dict(sorted(summary.by_client.items())))


if __name__ == "__main__":
    asyncio.run(main())
