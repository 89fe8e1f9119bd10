"""Mirror release tarballs from a local index, verifying each with an Adler-32 checksum."""
import threading
import urllib.request
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHUNK = 64 * 1024
FILE_SIZE = 300_000
RELEASES = ["libfoo-1.2.tar", "libfoo-1.3.tar", "barctl-0.9.tar", "bazd-2.0.tar"]


def release_bytes(name):
    seed = sum(name.encode())
    return bytes((seed * i + i // 7) % 251 for i in range(FILE_SIZE))


PAYLOADS = {name: release_bytes(name) for name in RELEASES}


class IndexHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = PAYLOADS.get(self.path.rsplit("/", 1)[-1])
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Adler32", str(zlib.adler32(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        pass


def adler32_py(data):
    a, b = 1, 0
    for byte in data:  # expect: GIL001
        a = (a + byte) % 65521
        b = (b + a) % 65521
    return (b << 16) | a


class Progress:
    def __init__(self):
        self.lock = threading.Lock()
        self.files_done = 0
        self.bytes_done = 0


class MirrorWorker(threading.Thread):
    def __init__(self, base, fname, progress, manifest, manifest_lock):
        super().__init__(name=f"mirror-{fname}")
        self.base = base
        self.fname = fname
        self.progress = progress
        self.manifest = manifest
        self.manifest_lock = manifest_lock
        self.bytes_read = 0

    def run(self):
        with urllib.request.urlopen(f"{self.base}/dist/{self.fname}", timeout=10) as resp:
            expected = int(resp.headers["X-Adler32"])
            data = bytearray()
            while True:
                chunk = resp.read(CHUNK)
                if not chunk:
                    break
                data.extend(chunk)
                self.bytes_read += len(chunk)  # ok: GIL002
        checksum = adler32_py(data)
        self.progress.bytes_done += len(data)  # expect: GIL002
        self.record(checksum, expected)

    def record(self, checksum, expected):
        self.manifest_lock.acquire()  # expect: GIL005
        if checksum != expected:
            raise ValueError(f"{self.fname}: checksum {checksum:#x} != {expected:#x}")
        self.manifest[self.fname] = checksum
        self.manifest_lock.release()
        with self.progress.lock:
            self.progress.files_done += 1  # ok: GIL002


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), IndexHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    progress = Progress()
    manifest = {}
    manifest_lock = threading.Lock()
    workers = [MirrorWorker(base, name, progress, manifest, manifest_lock) for name in RELEASES]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    server.shutdown()
    server.server_close()
    print(f"mirrored {progress.files_done} files, {progress.bytes_done} bytes")
    for name in RELEASES:
        print(f"  {name:16s} adler32={manifest[name]:#010x}")


if __name__ == "__main__":
    main()
