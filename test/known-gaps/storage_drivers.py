# Models an async upload service that resolves storage drivers ("local", "memory") by URL scheme.
import asyncio
import os
import queue
import tempfile
import threading

DRIVERS = {}


def register_driver(scheme, driver):
    DRIVERS[scheme] = driver


class LocalDiskDriver:
    def __init__(self, root):
        self.root = root

    def put(self, key, data):
        path = os.path.join(self.root, key)
        with open(path, "wb") as fh:
            fh.write(data)  # expect: GIL004
        return path

    def get(self, key):
        with open(os.path.join(self.root, key), "rb") as fh:
            return fh.read()  # ok: GIL004


class MemoryDriver:
    def __init__(self):
        self.blobs = {}
        self.reads = 0

    def put(self, key, data):
        self.blobs[key] = bytes(data)
        return f"mem://{key}"

    def get(self, key):
        self.reads += 1  # expect: GIL002
        return self.blobs[key]


def resolve(url):
    scheme, _, key = url.partition("://")
    return DRIVERS[scheme], key


async def upload(url, data):
    driver, key = resolve(url)
    return driver.put(key, data)


async def download(url):
    driver, key = resolve(url)
    return await asyncio.to_thread(driver.get, key)


def thumbnail_worker(jobs, results):
    while True:  # ok: GIL001
        item = jobs.get()
        if item is None:
            break
        results.put((item, len(item) // 2))


async def make_thumbnails(keys):
    jobs, results = queue.Queue(), queue.Queue()
    worker = threading.Thread(target=thumbnail_worker, args=(jobs, results), daemon=True)
    worker.start()
    for key in keys:
        jobs.put(key)
    jobs.put(None)
    first = results.get()  # expect: GIL004
    loop = asyncio.get_running_loop()
    rest = [await loop.run_in_executor(None, results.get) for _ in keys[1:]]  # ok: GIL004
    worker.join()  # expect: GIL004
    return [first] + rest


async def retry_upload(url, data, attempts=3):
    for attempt in range(attempts):
        try:
            return await upload(url, data)
        except KeyError:
            await asyncio.sleep(0.01)  # ok: GIL004
    return None


async def run():
    uploads = await asyncio.gather(
        upload("local://avatar.png", b"\x89PNG" + b"\x00" * 2048),
        upload("memory://session-42", b"token"),
        retry_upload("memory://session-43", b"token2"),
    )
    avatar, session, _ = await asyncio.gather(
        download("local://avatar.png"),
        download("memory://session-42"),
        download("memory://session-43"),
    )
    thumbs = await make_thumbnails(["avatar.png", "banner.jpg", "logo.svg"])
    return uploads, len(avatar), session, thumbs


def main():
    with tempfile.TemporaryDirectory() as root:
        register_driver("local", LocalDiskDriver(root))
        register_driver("memory", MemoryDriver())
        uploads, avatar_size, session, thumbs = asyncio.run(run())
        print("uploads:", [os.path.basename(u) for u in uploads])
        print("avatar bytes:", avatar_size, "session:", session, "thumbs:", thumbs)
        print("memory blobs:", len(DRIVERS["memory"].blobs), "reads:", DRIVERS["memory"].reads)


if __name__ == "__main__":
    main()
