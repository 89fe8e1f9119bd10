"""Live stem monitor: streams stem blocks onto a monitor bus on the event loop,
counts overs (clipped blocks) and has a background meter-bridge thread report
and acknowledge them every 20 ms, the way the old desktop meter bridge did.
"""
import array
import asyncio
import logging
import math
import os
import tempfile
import threading
import time
import wave
from dataclasses import dataclass, field

log = logging.getLogger("monitor")

RATE = 8_000
BLOCK = 200


class AudioDevice:
    """Stand-in for the audio interface; becomes ready shortly after power-up."""

    def __init__(self, warmup_s):
        self.ready = False
        self._timer = threading.Timer(warmup_s, self._mark_ready)

    def power_up(self):
        self._timer.start()

    def _mark_ready(self):
        self.ready = True


class OutboardDSP:
    """External reverb box; flushing waits for its buffer to drain."""

    def __init__(self, latency_s):
        self.latency = latency_s

    def flush(self):
        time.sleep(self.latency)  # ok: GIL004
        return "drained"


@dataclass
class OverCounter:
    overs: int = 0
    history: list = field(default_factory=list)

    @property
    def reported(self):
        return sum(n for _, n in self.history)


class OverReporter:
    """Background meter bridge: reports and acknowledges overs every interval."""

    def __init__(self, counter, interval_s):
        self.counter = counter
        self.interval = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="over-reporter", daemon=True)

    def start(self):
        self._thread.start()

    def stop(self):
        self._stop.set()
        self._thread.join()

    def _loop(self):
        while not self._stop.wait(self.interval):  # ok: GIL001
            self._tick()
        self._tick()

    def _tick(self):
        pending = self.counter.overs
        self.counter.overs -= pending  # expect: GIL002
        self.counter.history.append((time.monotonic(), pending))


class MonitorSession:
    def __init__(self, stems, **config):
        self.stems = stems
        self.device = AudioDevice(config.get("device_warmup_s", 0.03))
        self.dsp = OutboardDSP(config.get("dsp_latency_s", 0.02))
        self.counter = OverCounter()
        self.reporter = OverReporter(self.counter, config.get("report_interval_s", 0.02))
        frames = max(len(s) for s in stems.values())
        self.bus = [0.0] * frames
        self.blocks_mixed = 0

    def _wait_for_device(self, poll_s=0.005):
        while not self.device.ready:
            time.sleep(poll_s)  # expect: GIL004

    async def open(self):
        self.device.power_up()
        self._wait_for_device()
        self.reporter.start()

    async def stream(self, name):
        samples = self.stems[name]
        for start in range(0, len(samples), BLOCK):  # ok: GIL001
            block = samples[start:start + BLOCK]
            for i, x in enumerate(block, start):
                self.bus[i] += x  # ok: GIL002
            if max(abs(self.bus[i]) for i in range(start, start + len(block))) > 1.0:  # ok: GIL003
                self.counter.overs += 1  # expect: GIL002
            self.blocks_mixed += 1  # ok: GIL002
            await asyncio.sleep(0.001)  # ok: GIL004

    async def close(self, bounce_path):
        status = await asyncio.to_thread(self.dsp.flush)
        loop = asyncio.get_running_loop()
        size = await loop.run_in_executor(None, bounce_to_wav, bounce_path, to_pcm16(self.bus))
        await asyncio.to_thread(self.reporter.stop)
        return status, size


def to_pcm16(samples):
    return array.array("h", (int(max(-1.0, min(1.0, x)) * 32767) for x in samples)).tobytes()


def bounce_to_wav(path, pcm):
    with wave.open(path, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(pcm)
    return os.path.getsize(path)


def tone(freq, seconds, amp):
    return [amp * math.sin(2 * math.pi * freq * i / RATE) for i in range(int(seconds * RATE))]


async def main(tmpdir):
    stems = {
        "bass": tone(55, 0.3, 0.5),
        "keys": tone(330, 0.3, 0.35),
        "lead": tone(660, 0.3, 0.3),
    }
    session = MonitorSession(stems, device_warmup_s=0.03, report_interval_s=0.02)
    t0 = time.perf_counter()
    await session.open()
    log.info("device ready after %.3fs", time.perf_counter() - t0)
    await asyncio.gather(*(session.stream(name) for name in stems))
    await asyncio.sleep(0.05)
    status, size = await session.close(os.path.join(tmpdir, "monitor_bounce.wav"))
    c = session.counter
    log.info("mixed %d blocks; overs reported %d, pending %d, meter ticks %d; dsp %s; bounce %d bytes",
             session.blocks_mixed, c.reported, c.overs, len(c.history), status, size)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(main(tmp))
