"""Printing plant: assemble the late edition from wire stories on an asyncio loop."""
import asyncio
import os
import tempfile
import time
import zlib

STORIES = [f"story-{i:02d}" for i in range(8)]
CHUNK = 256 * 1024


async def fetch_wire_story(slug):
    await asyncio.sleep(0.05)  # ok: GIL004
    return slug, (f"{slug} council votes on the new bridge budget. " * 3000).encode()


def typeset(slug, body):
    # the old typesetting box answers over a serial line: a synchronous driver call
    time.sleep(0.02)  # expect: GIL004
    return body.upper()


def compress_page(path, body):
    comp = zlib.compressobj(6)
    blob = body * 8
    with open(path, "wb") as fh:
        for offset in range(0, len(blob), CHUNK):  # ok: GIL001
            fh.write(comp.compress(blob[offset:offset + CHUNK]))
        fh.write(comp.flush())
    time.sleep(0.01)  # ok: GIL004
    return os.path.getsize(path)


async def layout_page(slug, body, outdir):
    global pages_set
    page = typeset(slug, body)
    loop = asyncio.get_running_loop()
    size = await loop.run_in_executor(None, compress_page, os.path.join(outdir, slug + ".z"), page)
    pages_set += 1  # ok: GIL002
    return slug, len(page), size


async def proof_desk(pages):
    for slug, raw, packed in pages:
        time.sleep(0.005)  # expect: GIL004
        print(f"proofed {slug}: {raw / 1024:.0f} KiB -> {packed / 1024:.0f} KiB")


pages_set = 0


async def main():
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as outdir:
        stories = await asyncio.gather(*(fetch_wire_story(s) for s in STORIES))
        pages = await asyncio.gather(*(layout_page(s, b, outdir) for s, b in stories))
        await proof_desk(pages)
        on_disk = sum(os.path.getsize(os.path.join(outdir, f)) for f in os.listdir(outdir))
    print(f"{pages_set} pages set, {on_disk / 1024:.0f} KiB on disk, {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
