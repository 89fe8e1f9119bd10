"""Combination action for a three-division console.

Pistons recall registrations (sets of drawn stops) from a memory bank.  The
console controller is an asyncio program: it loads the organist's memory bank
from a URL, takes piston presses from the key desk over a socket and drives
the stop solenoids through a small thread pool.  Sequencers (pool threads)
step through each hymn's prepared registration changes; the planner that
prepares them is heavy and runs in a process pool.
"""
import asyncio
import json
import socket
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, wait
from functools import partial
from pathlib import Path
from urllib.request import urlopen

CONSOLE = {
    "divisions": {"great": ["Open Diapason 8", "Principal 4", "Fifteenth 2", "Mixture III"],
                  "swell": ["Gedackt 8", "Salicional 8", "Oboe 8", "Trumpet 8"],
                  "pedal": ["Bourdon 16", "Principal 8", "Trombone 16"]},
    "levels": 4,
    "pistons": 6,
    "solenoid_s": 0.002,
    "hymns": {"Old Hundredth": 16, "Abbots Leigh": 20, "Repton": 18},
    "plan_iterations": 200_000,
    "desk_presses": [("recall", 1, 2), ("recall", 2, 5), ("set", 3, 6), ("cancel", 0, 0), ("recall", 3, 6)],
}
PISTON_ACTIONS = {}


def piston_action(kind):
    def register(fn):
        PISTON_ACTIONS[kind] = fn
        return fn
    return register


class Division:
    def __init__(self, name, stops):
        self.name, self.stops, self.drawn = name, list(stops), set()


class Solenoid:
    def __init__(self, stop, settle_s):
        self.stop, self.settle_s = stop, settle_s

    def throw(self, on):
        time.sleep(self.settle_s)  # ok: GIL004 -- throw() only ever runs in the drive pool via run_in_executor
        return self.stop, on


class MemoryBank:
    def __init__(self, levels):
        self.levels = levels
        self.cache = {}
        self.recalls = 0
        self.captures = 0
        self._lock = threading.Lock()

    @classmethod
    def from_json(cls, text):
        raw = json.loads(text)
        return cls({int(lv): {int(p): frozenset(s) for p, s in ps.items()} for lv, ps in raw.items()})

    @staticmethod
    def check_writable(level):
        if level == 0:
            raise PermissionError("level 0 holds the builder's settings")

    def recall(self, level, piston):
        self.recalls += 1  # expect: GIL002 -- sequencer threads and the loop thread all count here without the lock
        key = (level, piston)
        if key not in self.cache:  # expect: GIL003 -- two sequencers can both miss and fill the same entry
            self.cache[key] = frozenset(self.levels.get(level, {}).get(piston, ()))
        return self.cache[key]

    def capture(self, level, piston, stops):
        self._lock.acquire()  # expect: GIL005 -- check_writable() raises for level 0 and the lock is never released
        self.check_writable(level)
        self.levels.setdefault(level, {})[piston] = frozenset(stops)
        self.cache.pop((level, piston), None)
        self.captures += 1  # ok: GIL002 -- the bank lock is held on this path
        self._lock.release()


def fetch_text(url):
    with urlopen(url, timeout=5) as resp:  # expect: GIL004 -- urlopen reached from the load_bank coroutine, on the loop
        return resp.read().decode("utf-8")


def plan_registrations(hymn, lines, iterations, levels, pistons):
    state = sum(map(ord, hymn))
    plan = [(1, 1)] * lines
    for _ in range(iterations):  # ok: GIL001 -- heavy, but submitted to the ProcessPoolExecutor
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        line = state % lines
        candidate = (1 + state % (levels - 1), 1 + (state >> 8) % pistons)
        if abs(candidate[1] - plan[line - 1][1]) <= 1:
            plan[line] = candidate
    return hymn, plan


@piston_action("recall")
async def do_recall(console, level, piston):
    await console.apply(console.bank.recall(level, piston))


@piston_action("set")
async def do_set(console, level, piston):
    console.bank.capture(level, piston, console.drawn_stops())


@piston_action("cancel")
async def do_cancel(console, level, piston):
    await console.apply(frozenset())


class Console:
    def __init__(self, cfg):
        self.cfg = cfg
        self.divisions = {n: Division(n, s) for n, s in cfg["divisions"].items()}
        self.solenoids = {s: Solenoid(s, cfg["solenoid_s"]) for d in self.divisions.values() for s in d.stops}
        self.drive_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="solenoid")
        self.bank = None
        self.changes = 0

    def drawn_stops(self):
        return {s for d in self.divisions.values() for s in d.drawn}

    async def load_bank(self, url):
        self.bank = MemoryBank.from_json(fetch_text(url))

    async def apply(self, stops):
        loop = asyncio.get_running_loop()
        moves = []
        for division in self.divisions.values():
            for stop in division.stops:
                want = stop in stops
                if (stop in division.drawn) != want:  # ok: GIL003 -- apply() runs only on the loop thread; no await before the update
                    moves.append(loop.run_in_executor(self.drive_pool, self.solenoids[stop].throw, want))
                    (division.drawn.add if want else division.drawn.discard)(stop)
        await asyncio.gather(*moves)
        self.changes += 1  # ok: GIL002 -- only coroutines on the event-loop thread run apply()

    async def listen(self, sock, expected):
        loop = asyncio.get_running_loop()
        buf = b""
        while expected:
            buf += await loop.sock_recv(sock, 256)  # ok: GIL004 -- awaited sock_recv on a non-blocking socket
            *lines, buf = buf.split(b"\n")
            for line in lines:
                kind, level, piston = line.decode().split()
                await PISTON_ACTIONS[kind](self, int(level), int(piston))
                expected -= 1

    def sequence(self, loop, hymn, plan):
        for level, piston in plan:  # ok: GIL001 -- each step waits for the loop to move the stops
            stops = self.bank.recall(level, piston)
            asyncio.run_coroutine_threadsafe(self.apply(stops), loop).result()
        return hymn, len(plan)


def key_desk(sock, presses, gap_s):
    for kind, level, piston in presses:  # ok: GIL001 -- five presses with a sleep between them
        time.sleep(gap_s)
        sock.sendall(f"{kind} {level} {piston}\n".encode())


def write_bank(cfg, path):
    stops = [s for d in cfg["divisions"].values() for s in d]
    bank = {lv: {p: stops[(lv + p) % 4:: p + 1] for p in range(1, cfg["pistons"] + 1)} for lv in range(cfg["levels"])}
    Path(path).write_text(json.dumps(bank), encoding="utf-8")
    return Path(path).as_uri()


async def run_console(cfg, procs, workdir):
    console, loop = Console(cfg), asyncio.get_running_loop()
    await console.load_bank(write_bank(cfg, f"{workdir}/bank.json"))
    jobs = [loop.run_in_executor(procs, partial(plan_registrations, h, n, cfg["plan_iterations"],
                                                cfg["levels"], cfg["pistons"])) for h, n in cfg["hymns"].items()]
    plans = dict(await asyncio.gather(*jobs))
    desk_in, desk_out = socket.socketpair()
    desk_in.setblocking(False)
    desk = threading.Thread(target=key_desk, args=(desk_out, cfg["desk_presses"], 0.01))
    desk.start()
    with ThreadPoolExecutor(max_workers=len(plans), thread_name_prefix="sequencer") as seq:
        futures = [seq.submit(console.sequence, loop, h, p) for h, p in plans.items()]
        await console.listen(desk_in, len(cfg["desk_presses"]))
        done, _ = await asyncio.to_thread(wait, futures)
    desk.join()
    desk_in.close(), desk_out.close()
    console.drive_pool.shutdown()
    return console, sorted(f.result() for f in done)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp, ProcessPoolExecutor(max_workers=2) as procs:
        console, played = asyncio.run(run_console(CONSOLE, procs, tmp))
    print(f"hymns sequenced: {played}")
    print(f"stop changes {console.changes}; recalls {console.bank.recalls}; captures {console.bank.captures}")
    print(f"drawn at the end: {sorted(console.drawn_stops())}")
