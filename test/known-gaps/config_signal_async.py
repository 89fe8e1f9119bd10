"""Asyncio feature-flag service with hot reload of flags.toml-like files.

A polling thread watches the flags file and notifies the event loop through
call_soon_threadsafe.  The loop reloads the file (parsing off-loop with
asyncio.to_thread), bumps the generation and awaits every subscriber so
that caches and connection pools see the new flags.
"""
import asyncio
import functools
import logging
import os
import tempfile
import threading
import time

log = logging.getLogger("flags")


def retry(times=3, backoff=0.005, exceptions=(OSError, ValueError)):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return fn(*args, **kwargs)
                except exceptions:
                    if attempt == times:
                        raise
                    time.sleep(backoff * attempt)  # ok: GIL004
        return wrapper
    return decorate


@retry(times=4)
def load_flags(path):
    flags = {}
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            key, sep, value = line.partition("=")
            if not sep:
                raise ValueError(f"{path}:{lineno}: expected key = value")
            value = value.strip().lower()
            flags[key.strip()] = value in ("1", "true", "on", "yes")
    return flags


def poll_mtime(path, *, interval, notify, stop):
    last = os.stat(path).st_mtime_ns
    while not stop.is_set():  # ok: GIL001
        time.sleep(interval)
        try:
            current = os.stat(path).st_mtime_ns
        except FileNotFoundError:
            continue  # editor is mid-rename
        if current != last:
            last = current
            notify(path)


def make_notifier(loop, events):
    def notify(path):
        loop.call_soon_threadsafe(events.put_nowait, path)
    return notify


class FlagService:
    def __init__(self, path, settle=0.01):
        self.path = path
        self.settle = settle
        self.flags = {}
        self.generation = 0
        self.subscribers = []

    def subscribe(self, coro_fn):
        self.subscribers.append(coro_fn)
        return coro_fn

    def _settle(self):
        """Give editors that write in two steps time to finish."""
        time.sleep(self.settle)  # expect: GIL004

    async def reload(self):
        self._settle()
        flags = await asyncio.to_thread(load_flags, self.path)
        changed = {k: v for k, v in flags.items() if self.flags.get(k) != v}
        self.flags = flags
        self.generation += 1  # ok: GIL002
        for sub in self.subscribers:
            await sub(self.generation, changed)
        return changed

    async def run(self, events, expected):
        await self.reload()
        while self.generation <= expected:
            try:
                await asyncio.wait_for(events.get(), timeout=0.5)
            except asyncio.TimeoutError:
                log.warning("no change seen for 0.5 s")
                break
            await asyncio.sleep(0.002)  # ok: GIL004
            await self.reload()


async def rewrite_flags(path, revisions, gap):
    for rev, body in enumerate(revisions, 1):
        await asyncio.sleep(gap)
        tmp = f"{path}.tmp"
        await asyncio.to_thread(_write_file, tmp, body)
        os.replace(tmp, path)
        log.debug("wrote revision %d", rev)


def _write_file(path, body):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(body)


async def main(workdir):
    path = os.path.join(workdir, "flags.conf")
    _write_file(path, "new_checkout = off\ndark_mode = on\n")
    service = FlagService(path)
    seen = []

    @service.subscribe
    async def log_changes(generation, changed):
        seen.append((generation, dict(changed)))

    @service.subscribe
    async def warm_caches(generation, changed):
        if changed.get("new_checkout"):
            await asyncio.sleep(0.001)  # prefetch checkout templates

    loop = asyncio.get_running_loop()
    events = asyncio.Queue()
    stop = threading.Event()
    watcher = threading.Thread(
        target=functools.partial(poll_mtime, path, interval=0.003,
                                 notify=make_notifier(loop, events), stop=stop),
        name="flags-watcher", daemon=True)
    watcher.start()
    revisions = [
        "new_checkout = on\ndark_mode = on\n",
        "new_checkout = on\ndark_mode = off\nbeta_search = yes\n",
        "new_checkout = off\ndark_mode = off\nbeta_search = yes\n",
    ]
    writer = asyncio.create_task(rewrite_flags(path, revisions, gap=0.05))
    await service.run(events, expected=len(revisions))
    await writer
    stop.set()
    await asyncio.to_thread(watcher.join)
    return service, seen


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        service, seen = asyncio.run(main(tmp))
        elapsed = time.perf_counter() - started
    for generation, changed in seen:
        log.info("generation %d changed %s", generation, changed)
    log.info("final flags %s after %d reloads in %.2f s", service.flags, service.generation, elapsed)
