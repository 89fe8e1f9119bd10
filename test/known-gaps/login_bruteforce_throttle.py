"""Login endpoint with brute-force throttling.

Password checks run in worker threads via asyncio.to_thread; failure counts
and lockouts live in plain module-level dicts those workers share.
"""
import asyncio
import hashlib
import time

USERS = {"alice": "wonderland", "bob": "builder", "carol": "singer"}
SALT = b"demo-salt"
ROUNDS = 2000
HASHES = {u: hashlib.pbkdf2_hmac("sha256", p.encode(), SALT, ROUNDS) for u, p in USERS.items()}
MAX_FAILURES = 3
LOCKOUT_SECONDS = 0.03

failures = {}
lockouts = {}


def verify_and_record(user, password):
    now = time.monotonic()
    if user in lockouts and lockouts[user] <= now:  # expect: GIL003
        del lockouts[user]
        failures.pop(user, None)
    if lockouts.get(user, 0) > now:
        return "locked"
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), SALT, ROUNDS)
    if digest == HASHES.get(user):
        failures.pop(user, None)
        return "ok"
    count = failures[user] = failures.get(user, 0) + 1  # expect: GIL002
    if count >= MAX_FAILURES:
        lockouts[user] = now + LOCKOUT_SECONDS
    return "bad"


async def handle_login(user, password, outcomes):
    result = await asyncio.to_thread(verify_and_record, user, password)
    if result == "bad":
        time.sleep(0.001 * failures.get(user, 1))  # expect: GIL004
    elif result == "locked":
        await asyncio.sleep(0.002)  # ok: GIL004
    outcomes[result] = outcomes.get(result, 0) + 1  # ok: GIL002
    return user, result


async def attacker(target, guesses, outcomes):
    results = []
    for guess in guesses:
        results.append(await handle_login(target, guess, outcomes))
        await asyncio.sleep(0.003)
    return results


async def main():
    outcomes = {}
    guesses = [f"hunter{i}" for i in range(8)]
    legit = [handle_login("alice", "wonderland", outcomes) for _ in range(4)]
    legit += [handle_login("carol", "singer", outcomes) for _ in range(3)]
    attacks = [attacker("bob", guesses, outcomes), attacker("bob", guesses[::-1], outcomes)]
    *logins, bob_a, bob_b = await asyncio.gather(*legit, *attacks)
    print(f"legitimate logins: {[r for _, r in logins]}")
    print(f"attack 1: {[r for _, r in bob_a]}")
    print(f"attack 2: {[r for _, r in bob_b]}")
    print(f"totals: {dict(sorted(outcomes.items()))}, bob locked={'bob' in lockouts}")


if __name__ == "__main__":
    asyncio.run(main())
