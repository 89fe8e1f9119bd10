#!/usr/bin/env python3
"""Batch uploader: an asyncio client posts event batches to a local ingest server."""
import asyncio
import json
import os
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class IngestHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        digest = 0
        for byte in body:  # expect: GIL001
            digest = (digest * 31 + byte) & 0xFFFFFFFF
        events = json.loads(body)
        self.server.batches += 1  # expect: GIL002
        with self.server.lock:
            self.server.events += len(events)  # ok: GIL002
        reply = json.dumps({"accepted": len(events), "digest": digest}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, fmt, *args):
        pass


class Uploader:
    def __init__(self, url):
        self.url = url
        self.accepted = 0

    def _post_direct(self, batch):
        req = urllib.request.Request(self.url, data=json.dumps(batch).encode(), method="POST")
        with urllib.request.urlopen(req, timeout=5) as resp:  # expect: GIL004
            return json.load(resp)["accepted"]

    def _post_worker(self, batch):
        req = urllib.request.Request(self.url, data=json.dumps(batch).encode(), method="POST")
        with urllib.request.urlopen(req, timeout=5) as resp:  # ok: GIL004
            return json.load(resp)["accepted"]

    async def upload_priority(self, batch):
        self.accepted += self._post_direct(batch)  # ok: GIL002

    async def upload_bulk(self, batch):
        loop = asyncio.get_running_loop()
        n = await loop.run_in_executor(None, self._post_worker, batch)
        self.accepted += n  # ok: GIL002

    async def run(self, batches):
        await self.upload_priority(batches[0])
        await asyncio.gather(*(self.upload_bulk(b) for b in batches[1:]))


def main():
    os.environ["no_proxy"] = "127.0.0.1,localhost"  # never route loopback through a proxy
    server = ThreadingHTTPServer(("127.0.0.1", 0), IngestHandler)
    server.batches = 0
    server.events = 0
    server.lock = threading.Lock()
    serve_thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    serve_thread.start()

    url = f"http://127.0.0.1:{server.server_address[1]}/ingest"
    batches = [[{"type": "click", "id": b * 100 + i, "pad": "x" * 64} for i in range(40)]
               for b in range(10)]
    uploader = Uploader(url)
    try:
        asyncio.run(uploader.run(batches))
    finally:
        server.shutdown()
        serve_thread.join()
        server.server_close()
    print(f"client accepted={uploader.accepted}")
    print(f"server batches={server.batches} events={server.events}")


if __name__ == "__main__":
    main()
