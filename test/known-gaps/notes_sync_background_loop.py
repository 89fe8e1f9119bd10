#!/usr/bin/env python3
"""Notes app sync client: a dedicated background thread owns an asyncio event
loop, and the synchronous UI code submits upload coroutines to it with
run_coroutine_threadsafe, getting concurrent.futures back."""
import asyncio
import threading
import time
import zlib


class SyncClient:
    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._run_loop, name="sync-loop", daemon=True)
        self.uploaded = 0
        self.bytes_sent = 0

    def _run_loop(self):
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def start(self):
        self.thread.start()

    def submit(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    async def upload(self, note_id, body):
        checksum = 0
        for ch in body:  # expect: GIL001
            checksum = (checksum * 31 + ord(ch)) & 0xFFFFFFFF
        await asyncio.sleep(0.01)  # ok: GIL004
        self.uploaded += 1  # ok: GIL002
        self.bytes_sent += len(body)  # ok: GIL002
        return note_id, f"{checksum:08x}"

    async def upload_compressed(self, note_id, body):
        packed = zlib.compress(body.encode(), 6)
        time.sleep(0.02)  # expect: GIL004
        self.uploaded += 1  # ok: GIL002
        self.bytes_sent += len(packed)  # ok: GIL002
        return note_id, f"{len(packed)}B"

    async def ping(self):
        loop = asyncio.get_running_loop()
        started = loop.time()
        await loop.run_in_executor(None, time.sleep, 0.005)  # ok: GIL004
        return loop.time() - started

    def stop(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()


def main():
    client = SyncClient()
    client.start()
    notes = {f"note-{i}": ("Meeting notes line %d. " % i) * (400 + 150 * i) for i in range(5)}
    rtt = client.submit(client.ping()).result(timeout=2)
    print(f"sync server reachable, round trip {rtt * 1000:.0f} ms")
    results = []
    futures = []
    for note_id, body in notes.items():
        coro = client.upload(note_id, body) if len(body) < 20000 else client.upload_compressed(note_id, body)
        fut = client.submit(coro)
        fut.add_done_callback(lambda f: results.append(f.result()))
        futures.append(fut)
    for fut in futures:
        fut.result(timeout=2)
    client.stop()
    for note_id, info in sorted(results):
        print(f"  {note_id}: {info}")
    print("uploaded:", client.uploaded, "bytes sent:", client.bytes_sent)


if __name__ == "__main__":
    main()
