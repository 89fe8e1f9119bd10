"""Tide watch at the Fleet outfall.

While the gang rakes the sewer (one thread per tosher), lookouts at the river
end watch the gauge (asyncio).  A rising level is muttered about; at the danger
level the lookout blows the whistle and sets the alarm, and the toshers climb
out one at a time up the only ladder.  The watch is assembled by a builder
from WATCH, and lookout kinds and alarm handlers are looked up by name.
"""
import asyncio
import os
import tempfile
import threading
import time
from pathlib import Path

WATCH = {
    "lookouts": [
        {"name": "Blackfriars", "kind": "posted", "interval_s": 0.010},
        {"name": "Ludgate", "kind": "relayed", "interval_s": 0.012},
    ],
    "danger_level": 3.0,
    "river": {"start": 1.0, "rise_per_tick": 0.05, "tick_s": 0.01},
    "toshers": ["Jack", "Sal", "Nobby", "Long Meg"],
    "rake_s": 0.004,
    "climb_s": 0.01,
    "whistle": [0.02, 0.01, 0.02],
}


class Gang:
    def __init__(self):
        self.lock = threading.Lock()
        self.ladder = threading.Lock()
        self.alarm = threading.Event()
        self.first_out = None
        self.out = 0
        self.raked = 0
        self.log = []


class River(threading.Thread):
    def __init__(self, path, start, rise_per_tick, tick_s):
        super().__init__(name="river")
        self.path, self.level, self.rise, self.tick = path, start, rise_per_tick, tick_s
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():  # ok: GIL001 -- one tiny file write and a sleep per tick
            self.level += self.rise  # ok: GIL002 -- only the river thread writes its own level
            tmp = self.path + ".tmp"
            with open(tmp, "w", encoding="ascii") as fh:
                fh.write(f"{self.level:.2f}")
            os.replace(tmp, self.path)
            time.sleep(self.tick)  # ok: GIL004 -- a plain thread, not a coroutine


class Tosher(threading.Thread):
    def __init__(self, name, gang, rake_s, climb_s):
        super().__init__(name=name)
        self.gang, self.rake_s, self.climb_s = gang, rake_s, climb_s

    def run(self):
        raked = 0
        while not self.gang.alarm.wait(self.rake_s):  # ok: GIL001 -- every pass blocks on the alarm Event
            raked += 1
        self.gang.raked += raked  # expect: GIL002 -- all toshers add into the shared gang total without its lock
        self.escape()

    def escape(self):
        while not self.gang.ladder.acquire(timeout=0.05):  # ok: GIL005 -- loops until taken; the climb releases it in finally
            self.gang.log.append(f"{self.name} waits at the ladder")
        try:
            time.sleep(self.climb_s)
        finally:
            self.gang.ladder.release()
        if self.gang.first_out is None:  # expect: GIL003 -- two toshers off the ladder can both find first_out empty
            self.gang.first_out = self.name
        with self.gang.lock:
            self.gang.out += 1  # ok: GIL002 -- inside gang.lock


class AlarmBus:
    def __init__(self):
        self._handlers = {}

    def on(self, state):
        def register(fn):
            self._handlers.setdefault(state, []).append(fn)
            return fn
        return register

    def handlers_for(self, level, danger):
        state = "danger" if level >= danger else "rising" if level >= 0.6 * danger else "low"
        return self._handlers.get(state, [])


bus = AlarmBus()


def _blow(seconds):
    time.sleep(seconds)  # expect: GIL004 -- reached from the sound_alarm coroutine through whistle()


def whistle(pattern):
    for blast in pattern:
        _blow(blast)


@bus.on("rising")
async def mutter(lookout, level):
    lookout.gang.log.append(f"{lookout.name}: water at {level:.2f}")


@bus.on("danger")
async def sound_alarm(lookout, level):
    lookout.gang.alarm.set()
    whistle(WATCH["whistle"])


def read_gauge(path):
    with open(path, encoding="ascii") as fh:  # ok: GIL004 -- RelayedLookout calls this through asyncio.to_thread
        return float(fh.read())


class Lookout:
    kinds = {}

    def __init_subclass__(cls, kind, **kw):
        super().__init_subclass__(**kw)
        Lookout.kinds[kind] = cls

    def __init__(self, name, path, interval_s, gang):
        self.name, self.path, self.interval_s, self.gang = name, path, interval_s, gang
        self.readings = 0

    async def reading(self):
        raise NotImplementedError

    async def watch(self, danger):
        while True:
            level = await self.reading()
            self.readings += 1  # ok: GIL002 -- touched only by this lookout's coroutine on the loop thread
            for handler in bus.handlers_for(level, danger):
                await handler(self, level)
            if level >= danger:
                return self.name, level
            await asyncio.sleep(self.interval_s)  # ok: GIL004 -- awaited asyncio.sleep


class PostedLookout(Lookout, kind="posted"):
    async def reading(self):
        return float(Path(self.path).read_text(encoding="ascii"))  # expect: GIL004 -- file read on the event loop


class RelayedLookout(Lookout, kind="relayed"):
    async def reading(self):
        return await asyncio.to_thread(read_gauge, self.path)


class WatchBuilder:
    def __init__(self, cfg, workdir):
        self.cfg, self.path, self.gang = cfg, os.path.join(workdir, "outfall.gauge"), Gang()

    def river(self):
        Path(self.path).write_text(f"{self.cfg['river']['start']:.2f}", encoding="ascii")
        return River(self.path, **self.cfg["river"])

    def lookouts(self):
        return [Lookout.kinds[s["kind"]](s["name"], self.path, s["interval_s"], self.gang)
                for s in self.cfg["lookouts"]]

    def toshers(self):
        return [Tosher(n, self.gang, self.cfg["rake_s"], self.cfg["climb_s"]) for n in self.cfg["toshers"]]


async def keep_watch(lookouts, danger):
    tasks = [asyncio.create_task(lk.watch(danger)) for lk in lookouts]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    return [t.result() for t in done]


def main():
    with tempfile.TemporaryDirectory() as workdir:
        builder = WatchBuilder(WATCH, workdir)
        river, gang, toshers = builder.river(), builder.gang, builder.toshers()
        river.start()
        for t in toshers:
            t.start()
        raised_by = asyncio.run(keep_watch(builder.lookouts(), WATCH["danger_level"]))
        for t in toshers:
            t.join()
        river.stop.set()
        river.join()
    print(f"alarm raised by {raised_by}; first out {gang.first_out}; {gang.out} out of {len(toshers)}")
    print(f"passes raked {gang.raked}; log lines {len(gang.log)}; last: {gang.log[-1] if gang.log else '-'}")


if __name__ == "__main__":
    main()
