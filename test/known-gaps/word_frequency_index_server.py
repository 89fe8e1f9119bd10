"""Word-frequency lookup service guarded by a client-side proof-of-work puzzle."""
import socket
import socketserver
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

CORPUS = """
it was the best of times it was the worst of times it was the age of wisdom
it was the age of foolishness it was the epoch of belief it was the epoch of
incredulity it was the season of light it was the season of darkness
""" * 20
PUZZLE_ROUNDS = 100_000
PUZZLE_MODULUS = 1_000_003
TOP_N = 5
QUERIES = [["times", "wisdom"], ["season", "light", "zebra"], ["epoch", "belief"], ["age", "was"]]


def build_index(text):
    index = defaultdict(int)
    for word in text.split():
        index[word] += 1  # ok: GIL002
    return dict(index)


def puzzle_answer(word, rounds=PUZZLE_ROUNDS):
    acc = 0
    for i in range(rounds):  # expect: GIL001
        acc = (acc * 33 + ord(word[i % len(word)])) % PUZZLE_MODULUS
    return acc


class LookupHandler(socketserver.StreamRequestHandler):
    def handle(self):
        srv = self.server
        for raw in self.rfile:
            fields = raw.decode().split()
            if not fields:
                break
            if fields[0] == "TOP":
                if srv.top_words is None:  # expect: GIL003
                    srv.top_words = sorted(srv.index, key=srv.index.get, reverse=True)[:TOP_N]
                self.wfile.write((" ".join(srv.top_words) + "\n").encode())
                continue
            word, answer = fields[0], int(fields[1])
            if answer != puzzle_answer(word):
                self.wfile.write(b"-1\n")
            else:
                self.wfile.write(f"{srv.index.get(word, 0)}\n".encode())


class LookupServer(socketserver.ThreadingTCPServer):
    daemon_threads = True

    def __init__(self, address, index):
        super().__init__(address, LookupHandler)
        self.index = index
        self.top_words = None


def run_queries(port, words):
    counts = {}
    with socket.create_connection(("127.0.0.1", port)) as sock:
        stream = sock.makefile("rw")
        stream.write("TOP\n")
        stream.flush()
        top = stream.readline().split()
        for word in words:
            stream.write(f"{word} {puzzle_answer(word)}\n")
            stream.flush()
            counts[word] = int(stream.readline())
        stream.write("\n")
        stream.flush()
    return top, counts


def main():
    server = LookupServer(("127.0.0.1", 0), build_index(CORPUS))
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with ThreadPoolExecutor(max_workers=len(QUERIES)) as pool:
        replies = list(pool.map(run_queries, [port] * len(QUERIES), QUERIES))
    server.shutdown()
    server.server_close()
    print("top words:", " ".join(replies[0][0]))
    for _, counts in replies:
        print(", ".join(f"{w}={n}" for w, n in counts.items()))


if __name__ == "__main__":
    main()
