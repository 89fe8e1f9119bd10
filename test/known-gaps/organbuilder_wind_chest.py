"""Electro-pneumatic slider chest controller.

Combination pistons draw stops through timers, the key action opens and closes
pallets from several timer threads, and a tremulant thread modulates the wind
in the background.  One chest lock protects the pallet bookkeeping.
"""
import logging
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("organbuilder.chest")

CHEST_CONFIG = {
    "slider_draw_s": 0.004,
    "tremulant": {"rate_hz": 6.0, "beats": 12},
    "pistons": {
        "general_1": ["principal_8", "octave_4", "mixture_iv"],
        "general_2": ["principal_8", "flute_4", "mixture_iv"],
        "swell_3": ["octave_4", "trumpet_8"],
    },
    "ciphers": [],
}


class CipherError(RuntimeError):
    """A pallet that stays open after the key is released."""


class KeyChannelGuard:
    """Context manager holding the chest lock for one key channel."""

    def __init__(self, lock, channel):
        self._lock = lock
        self.channel = channel

    def __enter__(self):
        self._lock.acquire()  # ok: GIL005
        return self

    def __exit__(self, exc_type, exc, tb):
        self._lock.release()
        return False


class StopAction:
    """Slider solenoids; drawing a stop takes a few milliseconds."""

    def __init__(self, draw_s):
        self.draw_s = draw_s
        self.engaged = {}
        self.slider_moves = 0

    def engage(self, stop):
        if stop not in self.engaged:  # expect: GIL003
            self.engaged[stop] = self._pull_slider(stop)

    def _pull_slider(self, stop):
        time.sleep(self.draw_s)  # the solenoid travels
        self.slider_moves += 1  # expect: GIL002
        log.debug("slider %s drawn", stop)
        return time.monotonic()


@dataclass
class PalletBox:
    ciphers: set = field(default_factory=set)
    open_notes: set = field(default_factory=set)
    last_velocity: dict = field(default_factory=dict)
    key_presses: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def channel(self, note):
        return KeyChannelGuard(self._lock, note)

    def open_pallet(self, note, velocity):
        self._lock.acquire()  # expect: GIL005
        if note in self.ciphers:
            log.warning("note %d is ciphering; refusing to open", note)
            return False
        self.open_notes.add(note)
        self.last_velocity[note] = velocity
        self._lock.release()
        return True

    def close_pallet(self, note):
        self._lock.acquire()  # ok: GIL005
        try:
            self.open_notes.discard(note)
            self._check_seal(note)
        finally:
            self._lock.release()

    def _check_seal(self, note):
        if note in self.ciphers:
            raise CipherError(f"pallet {note} did not seal")

    def press(self, note, velocity=64, hold_s=0.003):
        with self.channel(note):
            self.key_presses += 1  # ok: GIL002
        if self.open_pallet(note, velocity):
            time.sleep(hold_s)
            self.close_pallet(note)


class Tremulant(threading.Thread):
    def __init__(self, rate_hz, beats, **kwargs):
        super().__init__(name="tremulant", **kwargs)
        self.period = 1.0 / rate_hz
        self.beats = beats
        self.depth = []

    def run(self):
        for beat in range(self.beats):  # ok: GIL001
            self.depth.append(0.5 + 0.5 * ((-1) ** beat))
            time.sleep(self.period / 8)


def schedule(actions, **timer_kwargs):
    """Start one threading.Timer per (delay, callable, args) triple."""
    timers = []
    for delay, fn, args in actions:
        timer = threading.Timer(delay, fn, args=args, **timer_kwargs)
        timer.start()
        timers.append(timer)
    return timers


def piston_actions(stops, pistons, spacing_s=0.001):
    actions = []
    for i, (name, wanted) in enumerate(pistons.items()):
        for stop in wanted:
            actions.append((i * spacing_s, stops.engage, (stop,)))
    return actions


def key_actions(box, notes, spacing_s=0.002):
    return [(i * spacing_s, box.press, (note, 40 + i)) for i, note in enumerate(notes)]


def main(config=CHEST_CONFIG):
    logging.basicConfig(level=logging.WARNING)
    stops = StopAction(config["slider_draw_s"])
    box = PalletBox(ciphers=set(config["ciphers"]))
    trem = Tremulant(**config["tremulant"], daemon=True)
    trem.start()

    timers = schedule(piston_actions(stops, config["pistons"]))
    timers += schedule(key_actions(box, [60, 64, 67, 72, 76, 79, 84]))
    for timer in timers:
        timer.join()
    trem.join()

    print(f"stops engaged: {sorted(stops.engaged)}")
    print(f"slider moves = {stops.slider_moves} (expected {len(stops.engaged)})")
    print(f"key presses = {box.key_presses}, still open = {sorted(box.open_notes)}")
    print(f"tremulant beats = {len(trem.depth)}")


if __name__ == "__main__":
    main()
