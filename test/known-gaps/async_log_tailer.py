#!/usr/bin/env python3
"""Follow several growing log files with asyncio and count lines matching alert rules."""
import asyncio
import os
import pathlib
import tempfile
import time
import urllib.request

POLL = 0.02


def load_alert_rules(url):
    with urllib.request.urlopen(url) as resp:  # expect: GIL004
        text = resp.read().decode()
    return [line.strip() for line in text.splitlines() if line.strip()]


def flush_pause():
    time.sleep(0.01)  # ok: GIL004


async def follow(path, rules, lines_seen, deadline):
    offset = 0
    hits = 0
    while time.monotonic() < deadline:
        with open(path) as fh:
            fh.seek(offset)
            chunk = fh.read()
            offset = fh.tell()
        for line in chunk.splitlines():
            lines_seen[path] = lines_seen.get(path, 0) + 1  # ok: GIL002
            if any(rule in line for rule in rules):
                hits += 1
        await asyncio.sleep(POLL)  # ok: GIL004
    return os.path.basename(path), hits


async def noisy_writer(path, count):
    for i in range(count):
        with open(path, "a") as fh:
            level = "ERROR" if i % 4 == 0 else "INFO"
            fh.write(f"{time.time():.3f} {level} payment event {i}\n")
        time.sleep(0.01)  # expect: GIL004


async def polite_writer(path, count):
    loop = asyncio.get_running_loop()
    for i in range(count):
        with open(path, "a") as fh:
            level = "WARN disk" if i % 5 == 0 else "INFO"
            fh.write(f"{time.time():.3f} {level} sync tick {i}\n")
        await loop.run_in_executor(None, flush_pause)


async def main(root):
    rules_path = pathlib.Path(root, "rules.txt")
    rules_path.write_text("ERROR\nWARN disk\n")
    rules = load_alert_rules(rules_path.as_uri())
    logs = [os.path.join(root, name) for name in ("payments.log", "sync.log")]
    for p in logs:
        open(p, "w").close()
    lines_seen = {}
    deadline = time.monotonic() + 0.5
    followers = [asyncio.create_task(follow(p, rules, lines_seen, deadline)) for p in logs]
    await asyncio.gather(noisy_writer(logs[0], 20), polite_writer(logs[1], 20))
    for name, hits in await asyncio.gather(*followers):
        print(f"{name}: {hits} alert lines")
    print("lines seen:", {os.path.basename(k): v for k, v in lines_seen.items()})


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="tail_") as tmp:
        asyncio.run(main(tmp))
