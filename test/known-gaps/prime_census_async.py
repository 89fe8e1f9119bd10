#!/usr/bin/env python3
"""Count primes per block with a process pool driven from asyncio; spot-check in a thread."""
import asyncio
import threading
import time
from concurrent.futures import ProcessPoolExecutor

BLOCK = 20_000
blocks_done = 0


def is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:  # expect: GIL001
        if n % d == 0:
            return False
        d += 1
    return True


def count_block(lo, hi):
    count = 0
    for n in range(lo, hi):  # ok: GIL001
        if is_prime(n):
            count += 1
    return lo, count


def spot_check(samples, verdicts):
    for n in samples:  # expect: GIL001
        verdicts[n] = is_prime(n)


async def throttle_report(lo, count):
    time.sleep(0.01)  # expect: GIL004
    print(f"[{lo:>6}, {lo + BLOCK:>6}) -> {count} primes")


async def polite_pause():
    await asyncio.sleep(0.01)  # ok: GIL004


async def run_block(loop, pool, lo):
    global blocks_done
    await polite_pause()
    start, count = await loop.run_in_executor(pool, count_block, lo, lo + BLOCK)
    blocks_done += 1  # ok: GIL002
    await throttle_report(start, count)
    return count


async def main():
    loop = asyncio.get_running_loop()
    verdicts = {}
    checker = threading.Thread(target=spot_check,
                               args=(range(999_000, 1_000_000, 7), verdicts), daemon=True)
    checker.start()
    heartbeat = threading.Timer(0.05, lambda: print(f"heartbeat: {blocks_done} blocks done"))
    heartbeat.start()
    with ProcessPoolExecutor(max_workers=2) as pool:
        counts = await asyncio.gather(*(run_block(loop, pool, lo)
                                        for lo in range(0, 5 * BLOCK, BLOCK)))
    await loop.run_in_executor(None, time.sleep, 0.01)  # ok: GIL004
    heartbeat.cancel()
    await asyncio.to_thread(checker.join)
    print(f"total primes below {5 * BLOCK}: {sum(counts)}")
    print(f"spot check: {sum(verdicts.values())} of {len(verdicts)} samples prime")


if __name__ == "__main__":
    asyncio.run(main())
