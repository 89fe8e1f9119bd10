"""Voicing the ranks of a new two-manual organ in the workshop.

For every pipe the voicer models the speech of the pipe -- how each harmonic
builds up as the wind comes on -- and nudges the cut-up until the pipe speaks
where the scale says.  One voicer thread per rank; flue and reed ranks are
voiced by different subclasses, chosen from STOPLIST by family.
"""
import math
import threading
from contextlib import contextmanager
from dataclasses import dataclass

STOPLIST = {
    "Open Diapason 8": {"family": "flue", "compass": 56, "harmonics": 8, "steps": 1300, "chest": "great"},
    "Principal 4": {"family": "flue", "compass": 56, "harmonics": 6, "steps": 1500, "chest": "great"},
    "Trumpet 8": {"family": "reed", "compass": 56, "harmonics": 12, "steps": 1000, "chest": "swell"},
}
A4 = 440.0
LOWEST_NOTE = 36  # bottom C of the manual, MIDI numbering


@dataclass
class Pipe:
    note: int
    length_mm: float
    mouth: float

    @property
    def target_hz(self):
        return A4 * 2 ** ((self.note - 69) / 12)


class Rank:
    def __init__(self, name, family, compass, harmonics, steps, chest):
        self.name, self.family, self.chest = name, family, chest
        self.compass, self.harmonics, self.steps = compass, harmonics, steps
        self.footage = int(name.split()[-1])

    def pipes(self):
        for i in range(self.compass):
            note = LOWEST_NOTE + i + {8: 0, 4: 12}[self.footage]
            length = 343_000 / (2 * A4 * 2 ** ((note - 69) / 12))
            yield Pipe(note, length, mouth=0.02 + 0.0005 * (i % 7))


class TuningLog:
    def __init__(self):
        self._cents = 0.0
        self.reference = {}   # note -> frequency of the first pipe tuned on it
        self.wind = {"great": 0.0, "swell": 0.0}
        self.finished = []
        self._lock = threading.RLock()

    @property
    def cents_total(self):
        return round(self._cents, 3)

    @cents_total.setter
    def cents_total(self, value):
        self._cents = value

    @contextmanager
    def bench(self):
        self._lock.acquire()  # ok: GIL005 -- the try/finally around the yield always releases
        try:
            yield self
        finally:
            self._lock.release()


class ProgressMixin:
    def progress(self):
        self.voiced += 1  # ok: GIL002 -- each voicer's own counter, written only by its own thread


class RankVoicer(ProgressMixin, threading.Thread):
    families = {}

    def __init_subclass__(cls, family, **kw):
        super().__init_subclass__(**kw)
        RankVoicer.families[family] = cls

    def __init__(self, rank, log):
        super().__init__(name=f"voicer:{rank.name}")
        self.rank, self.log = rank, log
        self.voiced = 0

    @classmethod
    def for_rank(cls, rank, log):
        return cls.families[rank.family](rank, log)

    def run(self):
        for pipe in self.rank.pipes():  # expect: GIL001 -- compass x harmonics x steps speech model, tens of ms per rank thread
            speech = self.voice(pipe)
            self.adjust(pipe, speech)
            self.progress()
        with self.log.bench():
            if self.rank.name not in self.log.finished:  # ok: GIL003 -- test and append inside log.bench()
                self.log.finished.append(self.rank.name)

    def voice(self, pipe):
        partials = []
        for h in range(1, self.rank.harmonics + 1):
            amp = level = 0.0
            rate = pipe.mouth / h
            for _ in range(self.rank.steps):
                level += rate * (1.0 - level) - 0.002 * h * level
                amp += level
            partials.append(amp / (self.rank.steps * h))
        return partials

    def adjust(self, pipe, speech):
        brightness = sum(p * h for h, p in enumerate(speech, 1)) / sum(speech)
        heard = pipe.target_hz * (1 + (brightness - 2.0) * 0.0005)
        cents = 1200 * math.log2(heard / pipe.target_hz)
        self.log.cents_total += abs(cents)  # expect: GIL002 -- read-modify-write through the shared log's property setter
        log = self.log
        if pipe.note not in log.reference:  # expect: GIL003 -- unison ranks race to set the reference pitch of a note
            log.reference[pipe.note] = heard
        log.wind[self.rank.chest] += pipe.length_mm * pipe.mouth  # expect: GIL002 -- two ranks share the great chest's wind entry


class FlueVoicer(RankVoicer, family="flue"):
    pass


class ReedVoicer(RankVoicer, family="reed"):
    """Reeds: the tongue adds upper partials; curve them before adjusting."""

    def voice(self, pipe):
        partials = super().voice(pipe)
        return [p * (1.0 + 0.08 * h) for h, p in enumerate(partials)]  # ok: GIL001 -- a dozen multiplications per pipe


def voice_organ(stoplist):
    log = TuningLog()
    ranks = [Rank(name, **spec) for name, spec in stoplist.items()]
    voicers = [RankVoicer.for_rank(rank, log) for rank in ranks]
    for v in voicers:
        v.start()
    for v in voicers:
        v.join()
    return log, voicers


if __name__ == "__main__":
    log, voicers = voice_organ(STOPLIST)
    for v in voicers:
        print(f"{v.rank.name:20s} {type(v).__name__:12s} {v.voiced} pipes voiced")
    print(f"total tuning error {log.cents_total} cents over {len(log.reference)} notes")
    print(f"wind demand: great {log.wind['great']:.1f}, swell {log.wind['swell']:.1f}")
    print(f"finished: {', '.join(log.finished)}")
