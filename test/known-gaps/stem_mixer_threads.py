"""Offline stem mixer: sum gain-adjusted stems through a bus chain, block by block.

The timeline is cut into blocks and each block is mixed by its own thread
(the original author expected this to use every core).  A bus chain built
from a small class hierarchy applies soft clipping; a shared meter tracks
clipped samples and progress.
"""
import array
import logging
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Dict, List, Sequence

log = logging.getLogger("mixer")

SAMPLE_RATE = 22_050


@dataclass
class Stem:
    name: str
    samples: Sequence[float]
    gain_db: float = 0.0
    muted: bool = False

    @property
    def gain(self) -> float:
        return 0.0 if self.muted else 10 ** (self.gain_db / 20)


@dataclass
class Meter:
    clipped_samples: int = 0
    frames_mixed: int = 0
    peaks: Dict[int, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


class Bus:
    """Base bus: passes samples through unchanged."""

    def process(self, x: float) -> float:
        return x


class SoftClipBus(Bus):
    def __init__(self, threshold: float = 0.8):
        self.threshold = threshold

    def process(self, x: float) -> float:
        x = super().process(x)
        if abs(x) <= self.threshold:
            return x
        sign = 1.0 if x > 0 else -1.0
        over = abs(x) - self.threshold
        return sign * (self.threshold + (1 - self.threshold) * math.tanh(over / (1 - self.threshold)))


class BlockMixer:
    def __init__(self, stems: List[Stem], bus: Bus, meter: Meter, blocks: int = 4):
        self.stems = stems
        self.bus = bus
        self.meter = meter
        self.blocks = blocks
        length = min(len(s.samples) for s in stems)
        self.out = array.array("d", bytes(8 * length))
        self.length = length

    def _mix_block(self, index: int, start: int, stop: int) -> None:
        gains = [(s.samples, s.gain) for s in self.stems]
        clipped = 0
        peak = 0.0
        for i in range(start, stop):  # expect: GIL001
            acc = 0.0
            for samples, gain in gains:
                acc += samples[i] * gain  # ok: GIL002
            y = self.bus.process(acc)
            if y != acc:
                clipped += 1
            peak = max(peak, abs(y))
            self.out[i] = y
        self.meter.clipped_samples += clipped  # expect: GIL002
        with self.meter.lock:
            self.meter.frames_mixed += stop - start  # ok: GIL002
        self.meter.peaks[index] = peak

    def render(self) -> array.array:
        step = math.ceil(self.length / self.blocks)
        workers = [threading.Thread(target=self._mix_block, args=(n, lo, min(lo + step, self.length)),
                                    name=f"mix-block-{n}")
                   for n, lo in enumerate(range(0, self.length, step))]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        return self.out


def synth(freq: float, seconds: float, amp: float = 0.5) -> array.array:
    n = int(SAMPLE_RATE * seconds)
    w = 2 * math.pi * freq / SAMPLE_RATE
    return array.array("d", (amp * math.sin(w * i) for i in range(n)))


def build_session(seconds: float) -> List[Stem]:
    return [
        Stem("kick", synth(55, seconds, 0.9), gain_db=-1.0),
        Stem("bass", synth(110, seconds, 0.6), gain_db=-3.0),
        Stem("keys", synth(440, seconds, 0.3)),
        Stem("vox", synth(660, seconds, 0.4), gain_db=2.0),
        Stem("click", synth(1000, seconds, 0.2), muted=True),
    ]


def rms(signal: Sequence[float]) -> float:
    return math.sqrt(sum(x * x for x in signal) / max(1, len(signal)))


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    stems = build_session(seconds=8.0)
    meter = Meter()
    mixer = BlockMixer(stems, SoftClipBus(0.8), meter, blocks=4)
    started = time.perf_counter()
    out = mixer.render()
    elapsed = time.perf_counter() - started
    print(f"frames mixed = {meter.frames_mixed} (expected {mixer.length})")
    print(f"clipped samples = {meter.clipped_samples}, peak = {max(meter.peaks.values()):.3f}")
    print(f"mix rms = {rms(out):.4f}, rendered in {elapsed:.2f}s")


if __name__ == "__main__":
    main()
