"""Async deploy pipeline that gates each stage on a local health endpoint."""
import asyncio
import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STAGES = ("build", "canary", "rollout")


class HealthHandler(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):
        HealthHandler.hits += 1  # expect: GIL002
        healthy = not self.path.endswith("/billing")
        body = json.dumps({"status": "ok" if healthy else "degraded", "path": self.path}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def fetch_status(url):
    """Used from the executor so the loop never blocks on it."""
    with urllib.request.urlopen(url, timeout=2) as resp:  # ok: GIL004
        return json.load(resp)["status"]


async def preflight(base, service):
    # quick sanity check written in a hurry: blocks the event loop
    with urllib.request.urlopen(f"{base}/preflight/{service}", timeout=2) as resp:  # expect: GIL004
        return json.load(resp)["status"] == "ok"


async def deploy(base, service, states):
    loop = asyncio.get_running_loop()
    if not await preflight(base, service):
        states[service] = "ABORTED"
        return
    for stage in STAGES:
        states[service] = f"{stage.upper()}_RUNNING"
        await asyncio.sleep(0.01)  # ok: GIL004
        status = await loop.run_in_executor(None, fetch_status, f"{base}/verify/{stage}/{service}")
        if status != "ok":
            states[service] = f"{stage.upper()}_FAILED"
            return
    states[service] = "LIVE"


async def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), HealthHandler)
    server.daemon_threads = True
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    serving.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    states = {}
    try:
        services = ["search", "checkout", "profile", "billing"]
        await asyncio.gather(*(deploy(base, s, states) for s in services))
    finally:
        server.shutdown()
        server.server_close()
        serving.join()
    for service, state in sorted(states.items()):
        print(f"{service:10} {state}")
    print("health endpoint hits:", HealthHandler.hits)


if __name__ == "__main__":
    asyncio.run(main())
