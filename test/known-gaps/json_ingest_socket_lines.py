# Models a telemetry ingest node that receives JSON lines over a local socket and parses them on pool threads.
import json
import socket
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

RECORDS = 120_000
SEND_CHUNK = 65536

readings_by_device = defaultdict(float)
parse_errors = 0
ingest_lock = threading.Lock()
connections = {"accepted": 0, "bytes": 0}


def receive_all(server):
    """Accept one uploader and read until it closes the connection."""
    conn, _ = server.accept()
    with ingest_lock:
        connections["accepted"] += 1  # ok: GIL002
    parts = []
    with conn:
        while True:  # ok: GIL001
            chunk = conn.recv(SEND_CHUNK)
            if not chunk:
                break
            parts.append(chunk)
            connections["bytes"] += len(chunk)  # expect: GIL002
    return b"".join(parts)


def upload(port, payload):
    """Stream the payload to the ingest socket in fixed-size chunks."""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        for start in range(0, len(payload), SEND_CHUNK):  # ok: GIL001
            sock.sendall(payload[start:start + SEND_CHUNK])
    connections["bytes"] += len(payload)  # expect: GIL002


def parse_lines(lines):
    """Decode each JSON line and accumulate the readings per device."""
    global parse_errors
    for line in lines:  # expect: GIL001
        try:
            rec = json.loads(line)
        except ValueError:
            parse_errors += 1  # expect: GIL002
            continue
        readings_by_device[rec["device"]] += rec["reading"]  # expect: GIL002


def main():
    records = [json.dumps({"device": f"meter-{i % 24}", "seq": i, "reading": (i % 17) * 0.5}) for i in range(RECORDS)]  # ok: GIL001
    records[1234] = "{truncated"
    payload = ("\n".join(records) + "\n").encode()
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    with ThreadPoolExecutor(max_workers=3) as pool:
        received = pool.submit(receive_all, server)
        pool.submit(upload, port, payload).result()
        lines = received.result().decode().splitlines()
        half = len(lines) // 2
        list(pool.map(parse_lines, [lines[:half], lines[half:]]))
    server.close()
    print("connections:", connections)
    print("devices:", len(readings_by_device), "parse errors:", parse_errors)
    print("meter-0 total:", readings_by_device["meter-0"])


if __name__ == "__main__":
    main()
