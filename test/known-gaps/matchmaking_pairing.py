"""Skill-based pairing for a ranked 1v1 queue.

Every matchmaking tick the queue is split into rating brackets; each bracket is
paired greedily (closest rating within a widening window, penalising repeat
opponents) on a thread pool. Tick metrics feed the live-ops dashboard.
"""
import functools
import logging
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("mm.pairing")


@dataclass(frozen=True)
class QueuedPlayer:
    player_id: int
    rating: float
    waited_s: float
    recent_opponents: frozenset = frozenset()


class TickMetrics:
    """Counters behind properties so the dashboard can observe them."""

    def __init__(self):
        self._matches = 0
        self.wait_time_sum = 0.0
        self.unpaired = 0

    @property
    def total_matches(self):
        return self._matches

    @total_matches.setter
    def total_matches(self, value):
        if value < self._matches:
            raise ValueError("match counter went backwards")
        self._matches = value


def retry_once(exceptions=(RuntimeError,), backoff_s=0.005):
    """Re-run a failed tick step once after a short back-off (transient store errors)."""
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except exceptions:
                log.warning("%s failed, retrying once", fn.__name__)
                time.sleep(backoff_s)
                return fn(*args, **kwargs)
        return wrapper
    return decorate


@dataclass
class PairingConfig:
    base_window: float = 25.0
    window_per_second: float = 4.0
    repeat_penalty: float = 60.0
    bracket_width: int = 400
    workers: int = 2


@dataclass
class Bracket:
    low: int
    players: list = field(default_factory=list)


class Pairer:
    def __init__(self, config):
        self.config = config
        self.metrics = TickMetrics()
        self._metrics_lock = threading.Lock()

    def cost(self, a, b):
        gap = abs(a.rating - b.rating)
        if b.player_id in a.recent_opponents:
            gap += self.config.repeat_penalty
        return gap

    @retry_once()
    def pair_bracket(self, bracket):
        pool = sorted(bracket.players, key=lambda p: p.rating)
        taken = [False] * len(pool)
        pairs = []
        for i, player in enumerate(pool):  # expect: GIL001
            if taken[i]:
                continue
            window = self.config.base_window + self.config.window_per_second * player.waited_s
            best_j, best_cost = -1, window
            for j in range(i + 1, len(pool)):
                if pool[j].rating - player.rating > best_cost:
                    break
                if not taken[j]:
                    c = self.cost(player, pool[j])
                    if c <= best_cost:
                        best_j, best_cost = j, c
            if best_j >= 0:
                taken[i] = taken[best_j] = True
                pairs.append((player.player_id, pool[best_j].player_id))
        self.metrics.total_matches += len(pairs)  # expect: GIL002
        with self._metrics_lock:
            self.metrics.wait_time_sum += sum(p.waited_s for p in pool)  # ok: GIL002
            self.metrics.unpaired += taken.count(False)  # ok: GIL002
        return pairs

    def split(self, players):
        brackets = {}
        for p in players:
            low = int(p.rating) // self.config.bracket_width * self.config.bracket_width
            brackets.setdefault(low, Bracket(low)).players.append(p)
        return [brackets[k] for k in sorted(brackets)]

    def tick(self, players):
        executor = ThreadPoolExecutor(max_workers=self.config.workers, thread_name_prefix="pair")
        try:
            results = list(executor.map(self.pair_bracket, self.split(players)))
        finally:
            executor.shutdown(wait=True)
        return [pair for bracket_pairs in results for pair in bracket_pairs]


def synth_queue(n, seed=42):
    rng = random.Random(seed)
    players = []
    for pid in range(n):
        rating = min(2999.0, max(0.0, rng.gauss(1500, 350)))
        recent = frozenset(rng.randrange(n) for _ in range(rng.randint(0, 4)))
        players.append(QueuedPlayer(pid, rating, rng.uniform(0, 90), recent))
    return players


def main():
    logging.basicConfig(level=logging.WARNING)
    config = PairingConfig(workers=2)
    pairer = Pairer(config)
    players = synth_queue(36_000)
    started = time.perf_counter()
    pairs = pairer.tick(players)
    elapsed = time.perf_counter() - started
    m = pairer.metrics
    print(f"paired {len(pairs)} matches ({m.total_matches} counted), {m.unpaired} left in queue")
    print(f"mean wait of queued players {m.wait_time_sum / len(players):.1f}s; tick took {elapsed * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
