"""Asset pipeline for a static site: fingerprint and pre-compress static files.

Worker threads hash each asset with SHA-256 in 64 KiB blocks and gzip it with
zlib (both release the GIL on large buffers).  The template layer resolves
asset URLs to fingerprinted names from several threads, and a file watcher
debounces change events with ``threading.Timer``.
"""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import threading
import time
import zlib
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, List

log = logging.getLogger("ssg.assets")
BLOCK = 64 * 1024


@dataclass
class AssetRecord:
    source: str
    fingerprint: str
    gzip_size: int


class AssetManifest:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.records: Dict[str, AssetRecord] = {}
        self.lookups: Dict[str, int] = {}

    def add(self, record: AssetRecord) -> None:
        with self._lock:
            self.records[os.path.basename(record.source)] = record

    def resolve(self, name: str) -> str:
        """Called by template render threads for every ``{{ asset('app.js') }}``."""
        self.lookups[name] = self.lookups.get(name, 0) + 1  # expect: GIL002
        rec = self.records[name]
        stem, ext = os.path.splitext(name)
        return f"/static/{stem}.{rec.fingerprint[:10]}{ext}"


class Fingerprinter:
    def __init__(self, manifest: AssetManifest, out_dir: str) -> None:
        self.manifest = manifest
        self.out_dir = out_dir
        self._local = threading.local()

    def _counters(self):
        if not hasattr(self._local, "bytes_in"):  # ok: GIL003
            self._local.bytes_in = 0
        return self._local

    def process(self, paths: List[str]) -> None:
        for path in paths:  # ok: GIL001
            digest = hashlib.sha256()
            compressor = zlib.compressobj(6, zlib.DEFLATED, 31)
            gz_parts = []
            with open(path, "rb") as fh:
                for block in iter(lambda: fh.read(BLOCK), b""):  # ok: GIL001
                    digest.update(block)
                    gz_parts.append(compressor.compress(block))
                    self._counters().bytes_in += len(block)  # ok: GIL002
            gz_parts.append(compressor.flush())
            target = os.path.join(self.out_dir, os.path.basename(path) + ".gz")
            with open(target, "wb") as out:
                out.write(b"".join(gz_parts))
            self.manifest.add(AssetRecord(path, digest.hexdigest(), os.path.getsize(target)))
        log.debug("%s hashed %d bytes", threading.current_thread().name, self._counters().bytes_in)


class Debouncer:
    """Collapses bursts of file-change events into one rebuild."""

    def __init__(self, delay: float, action: Callable[[], None]) -> None:
        self.delay = delay
        self._action = action
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self.fired = 0

    def trigger(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, self._fire)
            self._timer.start()

    def _fire(self) -> None:
        self._action()
        with self._lock:
            self.fired += 1  # ok: GIL002

    def wait(self) -> None:
        with self._lock:
            timer = self._timer
        if timer is not None:
            timer.join()


def start_workers(target: Callable[[List[str]], None], items: List[str], count: int) -> List[threading.Thread]:
    threads = [threading.Thread(target=target, args=(items[i::count],), name=f"asset-{i}")
               for i in range(count)]
    for t in threads:
        t.start()
    return threads


def render_templates(manifest: AssetManifest, names: Iterable[str], pages: int) -> List[str]:
    html = []
    for n in range(pages):
        links = " ".join(manifest.resolve(name) for name in names)
        html.append(f"<page {n}>{links}</page>")
    return html


def make_assets(directory: str, count: int, size: int) -> List[str]:
    paths = []
    for i in range(count):
        path = os.path.join(directory, f"bundle{i}.{'js' if i % 2 else 'css'}")
        with open(path, "wb") as fh:
            # half random, half repetitive: like minified JS with embedded data URIs
            fh.write(os.urandom(size // 2) + (b"function(){return 42};" * (size // 44)))
        paths.append(path)
    return paths


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    src = tempfile.mkdtemp(prefix="assets-src-")
    out = tempfile.mkdtemp(prefix="assets-out-")
    try:
        assets = make_assets(src, count=8, size=1 << 20)
        manifest = AssetManifest()
        fp = Fingerprinter(manifest, out)
        t0 = time.perf_counter()
        for t in start_workers(fp.process, assets, count=2):
            t.join()
        names = sorted(manifest.records)
        renderers = [threading.Thread(target=render_templates, args=(manifest, names, 50)) for _ in range(3)]
        for t in renderers:
            t.start()
        for t in renderers:
            t.join()
        debouncer = Debouncer(0.05, lambda: fp.process(assets[:1]))
        for _ in range(5):
            debouncer.trigger()
            time.sleep(0.005)
        debouncer.wait()
        log.info("processed %d assets in %.3fs, %d lookups, rebuilds fired: %d",
                 len(manifest.records), time.perf_counter() - t0,
                 sum(manifest.lookups.values()), debouncer.fired)
    finally:
        shutil.rmtree(src)
        shutil.rmtree(out)
