"""Backup agent: snapshot volumes with tar, compress and checksum the archives, ship them.

tar runs in a child process, zlib and hashlib work on multi-megabyte blocks, and the
upload waits on a socket: none of that holds the GIL for long. The sensor-dump codec
and the legacy XOR scrambler are home-grown pure Python and do.
"""
import hashlib
import socket
import subprocess
import threading
import zlib
from threading import Timer

CHUNK = 4 << 20
VOLUMES = ["etc", "home", "srv", "var-lib-postgres"]
shipped_bytes = 0
manifest = {}
manifest_lock = threading.Lock()


def snapshot_all(volumes, codes):
    for vol in volumes:  # ok: GIL001
        codes[vol] = subprocess.run(["tar", "-cf", f"/backup/{vol}.tar", f"/srv/{vol}"]).returncode


def watch_rsync(src, dst, progress):
    proc = subprocess.Popen(["rsync", "-a", "--info=progress2", src, dst], stdout=subprocess.PIPE, text=True)
    for line in proc.stdout:  # ok: GIL001
        progress.append(line.strip())
    return proc.wait()


def compress_file(src, dst):
    comp, digest = zlib.compressobj(6), hashlib.sha256()
    with open(src, "rb") as fin, open(dst, "wb") as fout:
        while block := fin.read(CHUNK):  # ok: GIL001
            digest.update(block)
            fout.write(comp.compress(block))
        fout.write(comp.flush())
    return digest.hexdigest()


def archive(vol):
    digest = compress_file(f"/backup/{vol}.tar", f"/backup/{vol}.tar.z")
    with manifest_lock:
        manifest[vol] = digest
        manifest["count"] = manifest.get("count", 0) + 1  # ok: GIL002


def rle_encode(data):
    out = bytearray()
    i, n = 0, len(data)
    while i < n:  # expect: GIL001
        run = 1
        while i + run < n and run < 255 and data[i + run] == data[i]:
            run += 1
        out += bytes((run, data[i]))  # ok: GIL002
        i += run
    return bytes(out)


def pack_sensor_dump(path):
    with open(path, "rb") as fh:
        packed = rle_encode(fh.read())
    with open(path + ".rle", "wb") as fh:
        fh.write(packed)


def scramble(data, key):
    return bytes(b ^ key[i % len(key)] for i, b in enumerate(data))  # expect: GIL001


def ship(path, host):
    global shipped_bytes
    with open(path, "rb") as fh, socket.create_connection((host, 7070), timeout=30) as sock:
        while True:  # ok: GIL001
            block = fh.read(1 << 16)
            if not block:
                break
            sock.sendall(block)
            shipped_bytes += len(block)  # expect: GIL002


def ship_legacy(path, host, key):
    with open(path, "rb") as fh:
        blob = scramble(fh.read(), key)
    with socket.create_connection((host, 7071), timeout=30) as sock:
        sock.sendall(blob)


def main():
    codes, progress = {}, []
    snap = threading.Thread(target=snapshot_all, args=(VOLUMES, codes))
    mirror = threading.Thread(target=watch_rsync, args=("/srv/media/", "/backup/media/", progress))
    sensors = Timer(5.0, pack_sensor_dump, args=("/var/spool/sensors/latest.bin",))
    for t in (snap, mirror, sensors):
        t.start()
    snap.join()

    workers = []
    for vol in VOLUMES:
        if codes.get(vol) == 0:
            workers.append(threading.Thread(target=archive, args=(vol,)))
    for t in workers:
        t.start()
    for t in workers:
        t.join()

    uploads = [threading.Thread(target=ship, args=(f"/backup/{vol}.tar.z", "vault.internal")) for vol in VOLUMES]
    uploads.append(Timer(1.0, ship_legacy, args=("/backup/etc.tar.z", "tape.internal", b"k3y!")))
    for t in uploads:
        t.start()
    for t in uploads + [mirror, sensors]:
        t.join()
    print(f"manifest: {manifest}; shipped {shipped_bytes} bytes; rsync said {progress[-1:]}")


if __name__ == "__main__":
    main()
