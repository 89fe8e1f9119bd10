#!/usr/bin/env python3
"""Async download gateway for HMAC-signed, expiring URLs.

Valid links are served from an origin directory (read through urllib with
file:// URLs standing in for the object store).  Every decision is shipped
to an audit sink thread over a local socket pair.
"""
import asyncio
import hashlib
import hmac
import os
import pathlib
import socket
import tempfile
import threading
import time
import urllib.parse
import urllib.request

SECRET = os.urandom(32)


def signature(path, expires):
    return hmac.new(SECRET, f"{path}\n{expires}".encode(), hashlib.sha256).hexdigest()


def make_link(path, ttl):
    expires = int(time.time()) + ttl
    return f"{path}?{urllib.parse.urlencode({'exp': expires, 'sig': signature(path, expires)})}"


def read_object(url):
    with urllib.request.urlopen(url) as resp:  # ok: GIL004
        return resp.read()


def audit_sink(sock, lines):
    buf = b""
    while True:  # ok: GIL001
        data = sock.recv(4096)  # ok: GIL004
        if not data:
            break
        buf += data
    lines.extend(buf.decode().splitlines())


async def load_manifest(origin):
    url = pathlib.Path(origin, "MANIFEST").as_uri()
    with urllib.request.urlopen(url) as resp:  # expect: GIL004
        return set(resp.read().decode().split())


async def handle(link, origin, manifest, audit):
    parts = urllib.parse.urlsplit(link)
    query = dict(urllib.parse.parse_qsl(parts.query))
    expires = int(query.get("exp", "0"))
    name = parts.path.lstrip("/")
    ok = (expires >= time.time() and name in manifest
          and hmac.compare_digest(signature(parts.path, expires), query.get("sig", "")))
    body = b""
    if ok:
        body = await asyncio.to_thread(read_object, pathlib.Path(origin, name).as_uri())
    audit.sendall(f"{'ALLOW' if ok else 'DENY '} {parts.path} {len(body)}\n".encode())  # expect: GIL004
    await asyncio.sleep(0)  # ok: GIL004
    return ok, len(body)


async def main():
    origin = tempfile.mkdtemp(prefix="origin-")
    for name, size in (("report.pdf", 40_000), ("firmware.bin", 120_000), ("keys.txt", 300)):
        pathlib.Path(origin, name).write_bytes(os.urandom(size))
    pathlib.Path(origin, "MANIFEST").write_text("report.pdf\nfirmware.bin\n")
    manifest = await load_manifest(origin)
    left, right = socket.socketpair()
    lines = []
    sink = threading.Thread(target=audit_sink, args=(right, lines), name="audit-sink")
    sink.start()
    links = [
        make_link("/report.pdf", 60),
        make_link("/firmware.bin", 60),
        make_link("/keys.txt", 60),
        make_link("/report.pdf", -5),
        "/firmware.bin?exp=9999999999&sig=" + "0" * 64,
    ]
    results = await asyncio.gather(*(handle(link, origin, manifest, left) for link in links))
    left.close()
    sink.join()
    right.close()
    served = sum(size for ok, size in results if ok)
    print(f"allowed {sum(ok for ok, _ in results)}/{len(links)} links, served {served} bytes")
    for line in lines:
        print("  audit:", line)


if __name__ == "__main__":
    asyncio.run(main())
