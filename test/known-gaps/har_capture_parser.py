"""Traffic-capture analysis: a capture thread streams recorded HTTP header
dumps over a socketpair; the main thread parses them on a thread pool (via
functools.partial) and scans them for markup on a process pool."""
import concurrent.futures as cf
import functools
import socket
import struct
import threading

CAPTURES = 4
HEADER_LINES = 20_000        # header lines per capture dump
SCAN_BYTES = 100_000         # bytes scanned per capture by the process workers
HEADER_NAMES = ["Host", "User-Agent", "Accept", "Cookie", "X-Request-Id", "Referer"]


def parse_headers(blob, lowercase):
    headers = {}
    for raw in blob.split(b"\r\n"):  # expect: GIL001
        if not raw:
            continue
        name, _, value = raw.partition(b":")
        key = name.decode("latin-1")
        headers[key.lower() if lowercase else key] = value.strip().decode("latin-1")
    return headers


def count_markup(blob):
    hits = 0
    for i in range(SCAN_BYTES):  # ok: GIL001
        if blob[i] == 0x3C:      # '<'
            hits += 1
    return hits


def capture_feed(sock, blobs):
    for blob in blobs:  # ok: GIL001
        sock.sendall(struct.pack("!I", len(blob)) + blob)
    sock.close()


def recv_exact(sock, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(min(n - len(buf), 262144))
        if not chunk:
            raise ConnectionError("capture feed closed early")
        buf.extend(chunk)
    return bytes(buf)


def build_capture(c):
    lines = []
    for i in range(HEADER_LINES):  # ok: GIL001
        lines.append(f"{HEADER_NAMES[i % 6]}-{i}: <v{c}.{i}>")
    return "\r\n".join(lines).encode("latin-1")


def main():
    blobs = [build_capture(c) for c in range(CAPTURES)]
    with cf.ProcessPoolExecutor(max_workers=2) as procs:
        scan_futures = [procs.submit(count_markup, b) for b in blobs]
        feed_end, analysis_end = socket.socketpair()
        feeder = threading.Thread(target=capture_feed, args=(feed_end, blobs))
        feeder.start()
        received = []
        for _ in range(CAPTURES):
            (size,) = struct.unpack("!I", recv_exact(analysis_end, 4))
            received.append(recv_exact(analysis_end, size))
        feeder.join()
        analysis_end.close()

        parse = functools.partial(parse_headers, lowercase=True)
        with cf.ThreadPoolExecutor(max_workers=CAPTURES) as threads:
            parsed = [f.result() for f in [threads.submit(parse, b) for b in received]]
        markup = [f.result() for f in scan_futures]
    for c in range(CAPTURES):
        print(f"capture {c}: {len(parsed[c])} headers, {markup[c]} '<' in first {SCAN_BYTES} bytes")


if __name__ == "__main__":
    main()
