#!/usr/bin/env python3
"""Broadcast the remaining exam time to every connected candidate.

The countdown runs on the asyncio event loop (main thread); each candidate
connection is an asyncio.Queue consumer. A watchdog thread checks that the
clock keeps ticking and pokes the loop with call_soon_threadsafe.
"""
import asyncio
import os
import tempfile
import threading
import time

TICK = 0.02
DURATION_TICKS = 15

state = {"remaining": DURATION_TICKS, "last_tick": time.monotonic()}


def append_log(path, line):
    with open(path, "a") as fh:
        fh.write(line + "\n")
        fh.flush()
    time.sleep(0.001)  # ok: GIL004


def seal_log(path):
    """Make the transcript read-only once the exam ends (NFS needs a moment)."""
    time.sleep(0.005)  # expect: GIL004
    os.chmod(path, 0o444)


def watchdog(loop, stop, warnings):
    while not stop.wait(TICK * 2):  # ok: GIL001
        lag = time.monotonic() - state["last_tick"]
        if lag > TICK * 5:
            loop.call_soon_threadsafe(warnings.append, f"clock stalled {lag:.2f}s")


async def candidate(name, inbox, seen):
    while (remaining := await inbox.get()) is not None:
        seen[name] = remaining
    await asyncio.sleep(0)  # ok: GIL004


async def countdown(inboxes, log_path):
    while state["remaining"] > 0:
        await asyncio.sleep(TICK)  # ok: GIL004
        state["remaining"] -= 1  # ok: GIL002
        state["last_tick"] = time.monotonic()
        for box in inboxes:
            box.put_nowait(state["remaining"])
        if state["remaining"] % 5 == 0:
            await asyncio.to_thread(append_log, log_path, f"{state['remaining']} ticks left")
    for box in inboxes:
        box.put_nowait(None)
    seal_log(log_path)


async def main():
    loop = asyncio.get_running_loop()
    stop, warnings, seen = threading.Event(), [], {}
    dog = threading.Thread(target=watchdog, args=(loop, stop, warnings), daemon=True)
    dog.start()
    inboxes = [asyncio.Queue() for _ in range(8)]
    with tempfile.TemporaryDirectory() as tmp:
        log_path = os.path.join(tmp, "exam.log")
        await asyncio.gather(countdown(inboxes, log_path),
                             *(candidate(f"seat{i}", q, seen) for i, q in enumerate(inboxes)))
        with open(log_path) as fh:
            log_lines = fh.read().splitlines()
    stop.set()
    await asyncio.to_thread(dog.join)
    print(f"time up; {len(seen)} candidates saw final value {set(seen.values())}")
    print("log:", log_lines)
    print("watchdog warnings:", warnings or "none")


if __name__ == "__main__":
    asyncio.run(main())
