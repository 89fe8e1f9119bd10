"""Toy line protocol (SUM/UPPER/QUIT) served by a ThreadingMixIn TCP server."""
import collections
import socket
import socketserver
import threading

command_counts = collections.defaultdict(int)


def fletcher16(data):
    s1 = s2 = 0
    for byte in data:  # expect: GIL001
        s1 = (s1 + byte) % 255
        s2 = (s2 + s1) % 255
    return (s2 << 8) | s1


class ProtocolHandler(socketserver.StreamRequestHandler):
    def handle(self):
        while True:  # ok: GIL001
            line = self.rfile.readline()
            if not line:
                return
            cmd, _, arg = line.rstrip(b"\n").partition(b" ")
            command_counts[cmd] += 1  # expect: GIL002
            if cmd == b"SUM":
                self.wfile.write(b"%d\n" % fletcher16(arg))
            elif cmd == b"UPPER":
                self.wfile.write(arg.upper() + b"\n")
            elif cmd == b"QUIT":
                self.wfile.write(b"BYE\n")
                return
            else:
                self.wfile.write(b"ERR unknown\n")


class ProtocolServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True


def session(port, payload, out):
    with socket.create_connection(("127.0.0.1", port), timeout=3) as sock:
        f = sock.makefile("rwb")
        for line in (b"SUM " + payload, b"UPPER " + payload[:12], b"NOPE", b"QUIT"):  # ok: GIL001
            f.write(line + b"\n")
            f.flush()
            out.append(f.readline().strip())


def main():
    with ProtocolServer(("127.0.0.1", 0), ProtocolHandler) as server:
        port = server.server_address[1]
        loop = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
        loop.start()
        outputs = [[] for _ in range(5)]
        payloads = [(b"record-%d;" % i) * 4000 for i in range(5)]
        threads = [threading.Thread(target=lambda i=i: session(port, payloads[i], outputs[i]))
                   for i in range(5)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        server.shutdown()
        loop.join()
    for payload, out in zip(payloads, outputs):
        assert out[0] == b"%d" % fletcher16(payload), out
        print(out[0].decode(), out[1].decode(), out[3].decode())
    print(dict(command_counts))


if __name__ == "__main__":
    main()
