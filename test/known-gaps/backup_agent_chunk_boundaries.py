# Models a backup agent that inventories a directory, hashes and compresses files, and runs an external verifier.
import asyncio
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import zlib

SOURCE_DIR = tempfile.mkdtemp(prefix="backup-src-")
manifest = {}
manifest_lock = threading.Lock()
stats = {"compressed_bytes": 0}


def hash_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 16):  # ok: GIL001, GIL004
            digest.update(chunk)
    return digest.hexdigest()


def record_digest(name):
    manifest_lock.acquire()  # expect: GIL005
    manifest[name] = hash_file(os.path.join(SOURCE_DIR, name))
    manifest_lock.release()


def forget_entry(name):
    manifest_lock.acquire()  # ok: GIL005
    try:
        manifest.pop(name, None)
    finally:
        manifest_lock.release()


def compress_worker(chunks, out):
    for chunk in chunks:  # ok: GIL001
        packed = zlib.compress(chunk, 6)
        out.append(packed)
        stats["compressed_bytes"] += len(packed)  # expect: GIL002


def find_boundaries(blob, mask=0x1FFF):
    """Content-defined chunking with a simple rolling hash, in pure Python."""
    cuts, rolling = [], 0
    for pos, byte in enumerate(blob):  # expect: GIL001
        rolling = ((rolling << 1) + byte) & 0xFFFFFFFF
        if rolling & mask == 0:
            cuts.append(pos)
    return cuts


async def list_sources():
    return sorted(os.listdir(SOURCE_DIR))  # expect: GIL004


async def verify_with_tool():
    """Legacy verifier invocation kept from the cron script."""
    done = subprocess.run([sys.executable, "-c", "print('verified')"], capture_output=True, text=True)  # expect: GIL004
    return done.stdout.strip()


async def verify_async():
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", "print('verified')", stdout=asyncio.subprocess.PIPE)  # ok: GIL004
    out, _ = await proc.communicate()
    return out.decode().strip()


async def run_backup():
    names = await list_sources()
    await asyncio.gather(*(asyncio.to_thread(record_digest, n) for n in names))
    await asyncio.to_thread(forget_entry, "scratch.tmp")
    blobs = []
    for name in names:
        blobs.append(await asyncio.to_thread(lambda n=name: open(os.path.join(SOURCE_DIR, n), "rb").read()))  # ok: GIL004
    cuts = await asyncio.to_thread(find_boundaries, blobs[0])
    chunks = [blob[i:i + (1 << 18)] for blob in blobs for i in range(0, len(blob), 1 << 18)]
    outputs = [[], []]
    workers = [threading.Thread(target=compress_worker, args=(chunks[k::2], outputs[k])) for k in range(2)]
    for w in workers:
        w.start()
    results = await asyncio.gather(verify_with_tool(), verify_async())
    for w in workers:
        await asyncio.to_thread(w.join)
    return names, results, sum(len(o) for o in outputs), len(cuts)


def main():
    for i in range(4):
        with open(os.path.join(SOURCE_DIR, "part%d.dat" % i), "wb") as fh:
            fh.write(os.urandom(200_000) + b"\0" * 300_000)
    with open(os.path.join(SOURCE_DIR, "scratch.tmp"), "wb") as fh:
        fh.write(b"temporary")
    names, verdicts, nchunks, ncuts = asyncio.run(run_backup())
    print("files:", names)
    print("manifest entries:", len(manifest), "verdicts:", verdicts)
    print("chunks:", nchunks, "content cut points:", ncuts, "compressed bytes:", stats["compressed_bytes"])
    shutil.rmtree(SOURCE_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
