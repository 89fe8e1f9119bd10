"""Asyncio upload service: clients stream blobs, digests are computed in a thread pool."""
import asyncio
import hashlib
from concurrent.futures import ThreadPoolExecutor

CHUNK = 256 * 1024
bytes_hashed = 0
uploads_seen = 0


def sha256_chunks(chunks):
    global bytes_hashed
    h = hashlib.sha256()
    for chunk in chunks:  # ok: GIL001
        h.update(chunk)
        bytes_hashed += len(chunk)  # expect: GIL002
    return h.hexdigest()


def rolling_fingerprint(data, window=64):
    fp = 0
    for i in range(0, len(data), window):  # expect: GIL001
        fp = (fp * 257 + data[i] + (i & 0xFF)) & 0xFFFFFFFFFFFF
    return f"{fp:012x}"


async def handle_upload(reader, writer, pool):
    global uploads_seen
    uploads_seen += 1  # ok: GIL002
    size = int((await reader.readline()).decode())
    data = await reader.readexactly(size)
    chunks = [data[i:i + CHUNK] for i in range(0, len(data), CHUNK)]
    loop = asyncio.get_running_loop()
    digest = await loop.run_in_executor(pool, sha256_chunks, chunks)
    fingerprint = await loop.run_in_executor(pool, rolling_fingerprint, data)
    writer.write(f"{digest[:16]} {fingerprint}\n".encode())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def upload(port, payload):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{len(payload)}\n".encode() + payload)
    await writer.drain()
    reply = (await reader.readline()).decode().strip()
    writer.close()
    await writer.wait_closed()
    return reply


async def main():
    pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="digest")
    server = await asyncio.start_server(
        lambda r, w: handle_upload(r, w, pool), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    payloads = [bytes([n]) * (CHUNK * (n + 2)) for n in range(6)]
    async with server:
        replies = await asyncio.gather(*(upload(port, p) for p in payloads))
    pool.shutdown(wait=True)
    for n, reply in enumerate(replies):
        print(f"upload {n}: {reply}")
    print(f"uploads={uploads_seen} bytes_hashed={bytes_hashed}")


if __name__ == "__main__":
    asyncio.run(main())
