"""Password audit: PBKDF2 guesses per account behind a Semaphore(3), plus an MD5 sweep of a leak list."""
import hashlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor

ROUNDS = 20_000
CANDIDATES = [b"password", b"letmein", b"dragon", b"summer2024", b"qwerty123", b"hunter2"]
MAILBOXES = 200_000

audit_slots = threading.Semaphore(3)
cracked = 0
findings = []


def make_account(i):
    salt = f"salt-{i:04d}".encode()
    password = CANDIDATES[i % len(CANDIDATES)] if i % 2 == 0 else f"Zx!{i}-long-unique".encode()
    return f"user{i}", salt, hashlib.pbkdf2_hmac("sha256", password, salt, ROUNDS)


def audit_account(account):
    global cracked
    user, salt, stored = account
    with audit_slots:
        for guess in CANDIDATES:  # ok: GIL001
            if hashlib.pbkdf2_hmac("sha256", guess, salt, ROUNDS) == stored:
                cracked += 1  # expect: GIL002
                findings.append((user, guess.decode()))
                return True
    return False


def leak_sweep(addresses, leaked, hits):
    for address in addresses:  # expect: GIL001
        if hashlib.md5(address).hexdigest() in leaked:
            hits.append(address.decode())


if __name__ == "__main__":
    accounts = [make_account(i) for i in range(8)]
    addresses = [f"user{i}@example.com".encode() for i in range(MAILBOXES)]
    leaked = {hashlib.md5(f"user{i}@example.com".encode()).hexdigest() for i in range(0, MAILBOXES, 997)}
    hits = []
    sweeper = threading.Thread(target=leak_sweep, args=(addresses, leaked, hits), name="leak-sweep")
    started = time.perf_counter()
    sweeper.start()
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="audit") as pool:
        weak = list(pool.map(lambda acct: (acct[0], audit_account(acct)), accounts))
    sweeper.join()
    print(f"audit took {time.perf_counter() - started:.2f}s: {cracked} cracked "
          f"({sum(flag for _, flag in weak)} expected): {sorted(findings)}")
    print(f"leak sweep: {len(hits)} of {MAILBOXES} mailboxes appear in the leak list")
