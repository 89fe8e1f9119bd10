"""Banksman shaft signals.

The banksman's asyncio console sends shaft signals to the engine house (a
thread on the far end of a socketpair) and waits for each acknowledgement;
keps settling and the winding rope fatigue estimate run in a thread pool.
"""
import asyncio
import functools
import logging
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Dict, List, Optional

log = logging.getLogger("banksman.signals")

SIGNALS: Dict[int, str] = {1: "stop", 2: "raise", 3: "lower", 4: "men riding"}
CONSOLE = {"sequence": (4, 3, 1, 2, 1, 3, 1), "keps_s": 0.006, "fatigue_cycles": 250_000}


@dataclass
class SignalRecord:
    code: int
    meaning: str
    sent_at: float
    acked: bool = False


class EngineHouse:
    """The winding engineman, answering on his own thread."""

    def __init__(self, bell: socket.socket, status: socket.socket):
        self.bell = bell
        self.status = status
        self._log_lock = threading.Lock()
        self.log: List[str] = []
        self.thread = threading.Thread(target=self.serve, name="engine-house", daemon=True)

    def serve(self) -> None:
        while True:  # ok: GIL001
            data = self.bell.recv(16)
            if not data:
                break
            for ch in data.decode():
                self.status.sendall(self._acknowledge(int(ch)))
        self.status.close()

    def _acknowledge(self, code: int) -> bytes:
        self._log_lock.acquire()  # expect: GIL005
        if code not in SIGNALS:
            log.error("engine house: unknown signal %d", code)
            return b"?"
        self.log.append(SIGNALS[code])
        self._log_lock.release()
        return b"K"

    def entries(self) -> List[str]:
        self._log_lock.acquire()  # ok: GIL005
        try:
            return list(self.log)
        finally:
            self._log_lock.release()


def keps_settle(seconds: float, cage: str) -> str:
    time.sleep(seconds)  # ok: GIL004
    return f"{cage} resting on keps"


def rope_fatigue(cycles: int, diameter_mm: float = 48.0) -> float:
    damage = 0.0
    for c in range(cycles):  # expect: GIL001
        stress = 310.0 + (c % 17) * 4.5 - (c % 5) * 2.0
        damage += (stress / 1_000.0) ** 3 / diameter_mm
    return damage


@dataclass
class BanksmanConsole:
    bell: socket.socket
    status: socket.socket
    pool: ThreadPoolExecutor
    settings: dict
    sent: List[SignalRecord] = field(default_factory=list)

    def _await_ack(self) -> bool:
        ack = self.status.recv(1)  # expect: GIL004
        return ack == b"K"

    async def signal(self, code: int) -> SignalRecord:
        loop = asyncio.get_running_loop()
        record = SignalRecord(code, SIGNALS[code], time.monotonic())
        await loop.sock_sendall(self.bell, str(code).encode())
        record.acked = self._await_ack()
        self.sent.append(record)
        return record

    async def land_cage(self, cage: str) -> str:
        loop = asyncio.get_running_loop()
        settle = functools.partial(keps_settle, self.settings["keps_s"], cage=cage)
        return await loop.run_in_executor(self.pool, settle)

    async def run(self) -> Dict[str, object]:
        loop = asyncio.get_running_loop()
        fatigue = loop.run_in_executor(self.pool, rope_fatigue, self.settings["fatigue_cycles"])
        landings = []
        for code in self.settings["sequence"]:
            record = await self.signal(code)
            if record.meaning == "stop":
                landings.append(await self.land_cage("No. 2 cage"))
        damage = await fatigue
        return {"signals": len(self.sent), "acked": sum(r.acked for r in self.sent),
                "landings": len(landings), "rope_damage": round(damage, 6)}


async def shift(settings: dict, pool: ThreadPoolExecutor) -> Dict[str, object]:
    bell_console, bell_engine = socket.socketpair()
    status_console, status_engine = socket.socketpair()
    bell_console.setblocking(False)
    engine = EngineHouse(bell_engine, status_engine)
    engine.thread.start()
    console = BanksmanConsole(bell_console, status_console, pool, settings)
    summary = await console.run()
    bell_console.close()
    await asyncio.to_thread(engine.thread.join, 1.0)
    summary["engine_log"] = len(await asyncio.to_thread(engine.entries))
    status_console.close()
    bell_engine.close()
    return summary


def main(settings: Optional[dict] = None) -> None:
    logging.basicConfig(level=logging.WARNING)
    settings = {**CONSOLE, **(settings or {})}
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="console") as pool:
        summary = asyncio.run(shift(settings, pool))
    print(f"shift done in {time.perf_counter() - started:.2f}s: {summary}")
    print(f"acked = {summary['acked']} (expected {len(settings['sequence'])})")


if __name__ == "__main__":
    main()
