"""The barker's running order: timed spiels, one loudhailer and a prize cabinet.

Spiels are registered on a board with a decorator and fired by threading.Timer at
their offsets. Each spiel grabs the loudhailer if it is free, counts its calls on
a thread-local voice record and may hand out a prize. The grand raffle draw runs
on its own timer and scores every ticket sold.
"""
import functools
import logging
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("barker.spiel")

RUNNING_ORDER = {
    "spiels": {"roll-up": 0.010, "three-balls": 0.011, "every-one-a-winner": 0.012,
               "try-your-strength": 0.013, "last-call": 0.040},
    "raffle_at": 0.015,
    "tickets_sold": 520_000,
    "prizes": ["goldfish", "teddy", "coconut", "china dog", "kewpie doll", "toffee apple",
               "tin whistle", "paper hat"],
}

_voice = threading.local()


def _voice_state():
    if not hasattr(_voice, "calls"):  # ok: GIL003
        _voice.calls = 0
        _voice.hoarse = False
    return _voice


class Loudhailer:
    """Only one spiel can be shouted through it at a time."""

    def __init__(self):
        self._busy = False
        self.lines_called = []
        self.missed = []

    def call(self, who, text):
        if not self._busy:  # expect: GIL003
            self._busy = True
            time.sleep(0.003)  # shouting across the fairground
            self.lines_called.append((who, text))
            self._busy = False
            return True
        self.missed.append(who)
        return False


class PrizeCabinet:
    def __init__(self, prizes):
        self._lock = threading.Lock()
        self._prizes = list(prizes)

    def hand_out(self, ticket):
        self._lock.acquire()  # expect: GIL005
        if not self._prizes:
            return None
        prize = self._prizes.pop()
        self._lock.release()
        log.info("ticket %s wins %s", ticket, prize)
        return prize


@dataclass
class SpielBoard:
    hailer: Loudhailer
    cabinet: PrizeCabinet
    handlers: dict = field(default_factory=dict)
    timers: list = field(default_factory=list)
    winners: list = field(default_factory=list)

    def spiel(self, name):
        def register(fn):
            @functools.wraps(fn)
            def fire(**kwargs):
                try:
                    fn(self, name, **kwargs)
                except Exception:  # pragma: no cover - a spiel must never kill the fair
                    log.exception("spiel %s failed", name)
            self.handlers[name] = fire
            return fn
        return register

    def schedule(self, delay, fn, **kwargs):
        timer = threading.Timer(delay, fn, kwargs=kwargs)
        timer.name = f"timer-{getattr(fn, '__name__', 'job')}"
        self.timers.append(timer)
        timer.start()
        return timer

    def wait(self):
        for timer in self.timers:
            timer.join()


def install_spiels(board):
    @board.spiel("patter")
    def shout(board, name, caller="barker", text="Roll up, roll up!", retries=3, prize_every=2):
        voice = _voice_state()
        for _ in range(retries):  # ok: GIL001
            if board.hailer.call(caller, text):
                break
            time.sleep(0.002)
        voice.calls += 1  # ok: GIL002
        if voice.calls % prize_every == 1:
            board.winners.append((caller, board.cabinet.hand_out(f"{name}-{caller}")))

    return shout


def grand_draw(tickets, *, seed, board):
    """Score every raffle ticket; the highest score wins the top prize."""
    best, best_score = None, -1
    for ticket in range(tickets):  # expect: GIL001
        score = (ticket * 2654435761 + seed) % 1_000_003
        if score > best_score:
            best, best_score = ticket, score
    board.winners.append(("raffle", board.cabinet.hand_out(best)))
    return best


def run_fair(order):
    board = SpielBoard(Loudhailer(), PrizeCabinet(order["prizes"]))
    install_spiels(board)
    fire = board.handlers["patter"]
    for name, at in order["spiels"].items():
        board.schedule(at, fire, caller=name, text=f"{name}! {name}!")
    board.schedule(order["raffle_at"], grand_draw,
                   tickets=order["tickets_sold"], seed=1066, board=board)
    board.wait()
    return board


def main():
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    board = run_fair(RUNNING_ORDER)
    print(f"spiels called: {len(board.hailer.lines_called)}, drowned out: {len(board.hailer.missed)}")
    for who, prize in board.winners:
        print(f"  {who:<22} {prize}")
    print(f"fair closed after {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    main()
