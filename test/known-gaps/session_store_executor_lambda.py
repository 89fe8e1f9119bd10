# Models a web session store shared by asyncio request handlers and executor-based housekeeping.
import asyncio
import concurrent.futures
import hashlib
import threading
import time


def stretch_key(secret: bytes, rounds: int = 200_000) -> str:
    """Derive the cookie-signing key with the legacy hand-rolled mixing loop."""
    state = int.from_bytes(hashlib.sha256(secret).digest()[:8], "big")
    for i in range(rounds):  # expect: GIL001
        state = (state * 6364136223846793005 + i) & 0xFFFFFFFFFFFFFFFF
    return f"{state:016x}"


class SessionStore:
    def __init__(self) -> None:
        self.sessions: dict[str, dict] = {}
        self.active = 0
        self._next_id = 1
        self._lock = threading.Lock()

    def open(self, user: str) -> str:
        with self._lock:
            sid = f"{user}-{self._next_id}"
            self._next_id += 1  # ok: GIL002
            self.active += 1  # ok: GIL002
        self.sessions[sid] = {"user": user, "hits": 0}
        return sid

    def restore(self, lines: list[str]) -> None:
        """Reload sessions persisted by the previous process."""
        self._lock.acquire()  # expect: GIL005
        for line in lines:
            sid, user, hits = line.split(":")
            self.sessions[sid] = {"user": user, "hits": int(hits)}
            self.active += 1  # ok: GIL002
        self._lock.release()

    def touch(self, sid: str) -> bool:
        record = self.sessions.get(sid)
        if record is None:
            return False
        record["hits"] += 1  # expect: GIL002
        return True

    def close(self, sid: str) -> None:
        self.sessions.pop(sid, None)
        if self.active > 0:  # expect: GIL003
            self.active -= 1  # expect: GIL002


def session_cookie(sid: str, key: str) -> str:
    tag = hashlib.sha256(f"{key}:{sid}".encode()).hexdigest()[:10]
    return f"sid={sid}.{tag}; HttpOnly; SameSite=Lax"


def wait_for_replica(ms: int) -> None:
    time.sleep(ms / 1000)  # expect: GIL004


async def handle_login(store: SessionStore, user: str, key: str, pool) -> str:
    loop = asyncio.get_running_loop()
    sid = await loop.run_in_executor(pool, store.open, user)
    wait_for_replica(3)
    return session_cookie(sid, key)


async def handle_page(store: SessionStore, sid: str, pool) -> bool:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(pool, store.touch, sid)


async def handle_logout(store: SessionStore, sid: str, pool) -> None:
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(pool, lambda: store.close(sid))
    await asyncio.sleep(0.001)  # ok: GIL004


async def serve(pool: concurrent.futures.ThreadPoolExecutor) -> None:
    store = SessionStore()
    key = await asyncio.to_thread(stretch_key, b"cookie-secret")
    await asyncio.to_thread(store.restore, ["dee-90:dee:4", "eve-91:eve:0"])
    cookies = await asyncio.gather(*(handle_login(store, u, key, pool) for u in ("ana", "bo", "chen")))
    sids = [c.split("=", 1)[1].split(".", 1)[0] for c in cookies]
    views = await asyncio.gather(*(handle_page(store, sids[i % 3], pool) for i in range(30)))
    await asyncio.gather(*(handle_logout(store, sid, pool) for sid in sids + ["dee-90"]))
    print("cookies:", cookies)
    print(f"views={sum(views)} active={store.active} remaining={len(store.sessions)}")


def main() -> None:
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        asyncio.run(serve(pool))


if __name__ == "__main__":
    main()
