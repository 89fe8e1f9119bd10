# Models a web session store used by request threads, with a timer-driven sweep that expires idle sessions.
import functools
import hashlib
import hmac
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor

HASH_ROUNDS = 40_000


class Session:
    def __init__(self, user, expires):
        self.user = user
        self.expires = expires
        self.data = {}


class SessionStore:
    def __init__(self, ttl, max_evictions_per_sweep=1000):
        self.sessions = {}
        self.lock = threading.Lock()
        self.ttl = ttl
        self.max_evictions = max_evictions_per_sweep
        self.hits = 0
        self.misses = 0
        self.logins = 0

    def login(self, user, ttl=None):
        sid = secrets.token_hex(8)
        expires = time.monotonic() + (ttl if ttl is not None else self.ttl)
        self.lock.acquire()  # ok: GIL005
        try:
            self.sessions[sid] = Session(user, expires)
            self.logins += 1  # ok: GIL002
        finally:
            self.lock.release()
        return sid

    def lookup(self, sid):
        sess = self.sessions.get(sid)
        if sess is None:
            self.misses += 1  # expect: GIL002
            return None
        self.hits += 1  # expect: GIL002
        return sess

    def logout(self, sid):
        if sid in self.sessions:  # expect: GIL003
            del self.sessions[sid]
            return True
        return False

    def evict_expired(self):
        now = time.monotonic()
        evicted = 0
        for sid in list(self.sessions):
            self.lock.acquire()  # expect: GIL005
            sess = self.sessions.get(sid)
            if evicted >= self.max_evictions:
                break
            if sess is not None and sess.expires < now:  # ok: GIL003
                del self.sessions[sid]
                evicted += 1  # ok: GIL002
            self.lock.release()
        print(f"[sweep] evicted {evicted} expired sessions")
        return evicted


def stretch_password(password, salt):
    """Iterated SHA-256 used by the legacy user table."""
    digest = salt + password.encode()
    for _ in range(HASH_ROUNDS):  # expect: GIL001
        digest = hashlib.sha256(salt + digest).digest()
    return digest


def authenticate(store, user_table, user, password):
    salt, expected = user_table[user]
    if not hmac.compare_digest(stretch_password(password, salt), expected):
        return None
    return store.login(user)


def view_page(store, sid, page):
    sess = store.lookup(sid)
    if sess is None:
        return f"{page}: redirect to /login"
    sess.data["views"] = sess.data.get("views", 0) + 1  # expect: GIL002
    time.sleep(0.001)
    return f"{page}: rendered for {sess.user}"


def main():
    store = SessionStore(ttl=5.0)
    users = [f"user{i}" for i in range(6)]
    passwords = [f"hunter{i}!" for i in range(6)]
    user_table = {}
    for user, pw in zip(users, passwords):
        salt = secrets.token_bytes(16)
        user_table[user] = (salt, stretch_password(pw, salt))
    guests = [store.login(f"guest{i}", ttl=0.01) for i in range(5)]
    sweeper = threading.Timer(0.05, store.evict_expired)
    pages = ["/home", "/cart", "/orders", "/settings"]
    with ThreadPoolExecutor(max_workers=5) as pool:
        sign_in = functools.partial(authenticate, store, user_table)
        sids = dict(zip(users, pool.map(sign_in, users, passwords)))
        sweeper.start()
        futures = [pool.submit(view_page, store, sids[u], p) for u in users for p in pages]
        futures += [pool.submit(view_page, store, g, "/home") for g in guests]
        rendered = [f.result() for f in futures]
        sweeper.join()
        futures = [pool.submit(view_page, store, g, "/cart") for g in guests]
        redirected = [f.result() for f in futures]
        logged_out = list(pool.map(store.logout, [sids[u] for u in users[:3]]))
    print(f"{len(rendered)} pages rendered, {sum('redirect' in r for r in redirected)} guests redirected")
    print(f"hits={store.hits} misses={store.misses} logins={store.logins} logouts={sum(logged_out)}")
    print("user3 views:", store.sessions[sids["user3"]].data["views"], "live sessions:", len(store.sessions))


if __name__ == "__main__":
    main()
