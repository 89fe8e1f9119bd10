"""Teller threads take transfer slips from a shared deque and move money between dataclass accounts."""
import threading
import time
from collections import deque
from dataclasses import dataclass


@dataclass
class Account:
    owner: str
    balance: int


accounts = [Account(name, 150) for name in ("ana", "bo", "cy", "dee")]
slips = deque((accounts[i % 4], accounts[(i + 1 + i % 3) % 4], 15 + (i * 29) % 80) for i in range(200))


def teller():
    while True:  # ok: GIL001
        if not slips:  # expect: GIL003
            return
        src, dst, amount = slips.popleft()
        if src.balance >= amount:  # expect: GIL003
            time.sleep(0.001)  # fraud-check service
            src.balance -= amount  # expect: GIL002
            dst.balance += amount  # expect: GIL002


start = time.perf_counter()
threads = [threading.Thread(target=teller, name=f"teller-{k}") for k in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"total = {sum(a.balance for a in accounts)} (expected 600) in {time.perf_counter() - start:.2f}s")
