"""Report service on asyncio.start_server that builds each report in a helper thread.

A client sends "REPORT <rows>" or "REPORT-NOWAIT <rows>"; the handler starts a threading.Thread that
folds <rows> synthetic ledger rows into a checksum (300 000 rows, some 40 ms of pure Python) and
replies with the result. Three clients of each kind connect at once.
Lessons:
- the report thread's row loop is CPU-bound Python: it holds the GIL while it runs;
- REPORT waits with worker.join() inside the coroutine, freezing the event loop until the thread
  ends, so no other connection is even read meanwhile;
- REPORT-NOWAIT awaits asyncio.to_thread(worker.join): the loop keeps serving while it waits.
"""
import asyncio
import threading
import time

ROWS = 300_000


def build_report(rows, results, request_id):
    checksum = 0
    for row in range(rows):  # expect: GIL001
        amount = (row * 7919) % 10_007
        checksum = (checksum * 31 + amount) % 1_000_000_007
    results[request_id] = checksum


def make_handler(results):
    async def handle(reader, writer):
        command, rows = (await reader.readline()).decode().split()
        request_id = id(writer)
        worker = threading.Thread(target=build_report, args=(int(rows), results, request_id))
        worker.start()
        if command == "REPORT":
            worker.join()  # expect: GIL004
        else:
            await asyncio.to_thread(worker.join)  # ok: GIL004
        writer.write(f"{command} checksum={results.pop(request_id)}\n".encode())
        await writer.drain()
        writer.close()
        await writer.wait_closed()
    return handle


async def request(port, line):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{line}\n".encode())
    await writer.drain()
    reply = (await reader.readline()).decode().strip()
    writer.close()
    await writer.wait_closed()
    return reply


async def main():
    server = await asyncio.start_server(make_handler({}), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        for command in ("REPORT", "REPORT-NOWAIT"):
            start = time.perf_counter()
            replies = await asyncio.gather(*(request(port, f"{command} {ROWS}") for _ in range(3)))
            print(f"{replies[0]} x{len(replies)} in {time.perf_counter() - start:.2f}s")


asyncio.run(main())
