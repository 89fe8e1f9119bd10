"""Rehearsal mixer: coroutines gather section takes, threads mix them down, a tuner thread hums along."""
import asyncio
import functools
import logging
import math
import socket
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("choirmaster.mixer")

MIX_CONFIG = {
    "sections": ["soprano", "alto", "tenor", "bass"],
    "frames": 300_000,
    "takes": 2,
    "pace_s": 0.003,
    "tuner_ticks": 8,
}


def rate_limited(interval):
    """Space out calls to the recording desk; the wrapper is itself a coroutine."""
    def decorate(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            time.sleep(interval)  # expect: GIL004
            return await fn(*args, **kwargs)
        return wrapper
    return decorate


def clip(value, lo=-32768, hi=32767):
    return lo if value < lo else hi if value > hi else value


def synth_take(section_index, frames):
    freq = 0.01 * (section_index + 1)
    return [int(9000 * math.sin(i * freq)) for i in range(frames)]


@dataclass
class Mixer:
    frames_mixed: int = 0
    takes: dict = field(default_factory=dict)

    def mix_down(self, name, tracks):
        """Runs in a worker thread via asyncio.to_thread."""
        mixed = [clip(a + b + c + d) for a, b, c, d in zip(*tracks)]  # expect: GIL001
        self.frames_mixed += len(mixed)  # expect: GIL002
        peak = max(map(abs, mixed))
        return name, peak, len(mixed)


def tuner_loop(ticks, stop, pitch_log):
    """A plain thread: plays the reference A between takes."""
    for tick in range(ticks):  # ok: GIL001
        if stop.is_set():  # ok: GIL003
            break
        pitch_log.append(440.0 + (tick % 3) * 0.1)
        time.sleep(0.005)  # ok: GIL004


class Desk:
    def __init__(self, mixer, config, library):
        self.mixer = mixer
        self.config = config
        self.library = library
        self.levels = {}
        self.received = 0

    @rate_limited(MIX_CONFIG["pace_s"])
    async def record_take(self, section_index, section, take):
        await asyncio.sleep(0.001 * (section_index + 1))
        samples = self.library[section_index]
        if section not in self.levels:  # ok: GIL003
            self.levels[section] = 0
        self.mixer.takes[(section, take)] = samples
        return section, take

    async def monitor(self, reader):
        while True:
            line = await reader.readline()  # ok: GIL004
            if not line:
                break
            section, level = line.decode().split()
            self.levels[section] = int(level)
            self.received += 1


async def feed_levels(writer, sections):
    for i, section in enumerate(sections):
        writer.write(f"{section} {60 + i}\n".encode())
        await writer.drain()
        await asyncio.sleep(0.002)
    writer.close()
    await writer.wait_closed()


async def session(config, library):
    mixer = Mixer()
    desk = Desk(mixer, config, library)
    stop = threading.Event()
    pitch_log = []
    tuner = threading.Thread(target=tuner_loop, args=(config["tuner_ticks"], stop, pitch_log),
                             name="tuner", daemon=True)
    tuner.start()
    left, right = socket.socketpair()
    reader, left_writer = await asyncio.open_connection(sock=left)
    right_reader, writer = await asyncio.open_connection(sock=right)
    monitor = asyncio.create_task(desk.monitor(reader))
    await asyncio.gather(
        *(desk.record_take(i, s, t)
          for t in range(config["takes"]) for i, s in enumerate(config["sections"]))
    )
    await feed_levels(writer, config["sections"])
    await monitor
    left_writer.close()
    mixes = []
    for take in range(config["takes"]):
        tracks = [mixer.takes[(s, take)] for s in config["sections"]]
        mixes.append(asyncio.to_thread(mixer.mix_down, f"take{take}", tracks))
    results = await asyncio.gather(*mixes)
    stop.set()
    await asyncio.to_thread(tuner.join)
    return mixer, desk, results, pitch_log


def main():
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    library = [synth_take(i, MIX_CONFIG["frames"]) for i in range(len(MIX_CONFIG["sections"]))]
    start = time.perf_counter()
    mixer, desk, results, pitch_log = asyncio.run(session(MIX_CONFIG, library))
    for name, peak, frames in results:
        print(f"{name}: {frames} frames, peak {peak}")
    print(f"frames mixed = {mixer.frames_mixed} (expected {len(results) * MIX_CONFIG['frames']})")
    print(f"levels: {desk.levels}; monitor lines: {desk.received}")
    print(f"tuner ticks: {len(pitch_log)}")
    print(f"session took {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
