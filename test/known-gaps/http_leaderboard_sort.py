"""Game leaderboard on ThreadingHTTPServer: every GET /top re-sorts 100 000 scores.

The server starts with 100 000 generated (player, score) entries. POST /score/<player>/<points>
appends a score and bumps a version counter; GET /top sorts the whole list with a Python key
function and returns the top ten. Four client threads send four /top requests and two score
submissions at once.
Lessons:
- `sorted(..., key=lambda ...)` over 100 000 entries is about 20 ms of GIL-holding work in each
  request thread, so concurrent /top requests queue behind each other;
- `self.server.version += 1` is an unlocked read-modify-write on shared state;
- list.append is a single call, not a read-modify-write, and the main thread builds the initial
  list before any request thread exists.
"""
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

INITIAL_PLAYERS = 100_000


class LeaderboardHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        scores = self.server.scores
        ranking = sorted(scores, key=lambda entry: entry[1], reverse=True)  # expect: GIL001
        lines = [f"{player} {points}" for player, points in ranking[:10]]  # ok: GIL001
        self.reply("\n".join(lines))

    def do_POST(self):
        _, _, player, points = self.path.split("/")
        self.server.scores.append((player, int(points)))  # ok: GIL002
        self.server.version += 1  # expect: GIL002
        self.reply(f"version {self.server.version}")

    def reply(self, text):
        body = text.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def call(url, method="GET"):
    request = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    with urllib.request.urlopen(request, timeout=3) as response:
        return response.read().decode()


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), LeaderboardHandler)
    server.scores = []
    for i in range(INITIAL_PLAYERS):  # ok: GIL001
        server.scores.append((f"player{i}", (i * 7919) % 100_003))
    server.version = 0
    server_thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    server_thread.start()

    base = f"http://127.0.0.1:{server.server_address[1]}"
    with ThreadPoolExecutor(max_workers=4) as pool:
        tops = [pool.submit(call, f"{base}/top") for _ in range(4)]
        posts = [pool.submit(call, f"{base}/score/rookie{i}/{100_100 + i}", "POST")
                 for i in range(2)]
        top_tables = [future.result() for future in tops]
        versions = [future.result() for future in posts]

    server.shutdown()
    server.server_close()
    server_thread.join()
    print(top_tables[-1].splitlines()[0], "| posts:", versions)
    print(f"final version {server.version}, {len(server.scores)} scores")


if __name__ == "__main__":
    main()
