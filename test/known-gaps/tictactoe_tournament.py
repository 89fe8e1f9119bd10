"""Round-robin tic-tac-toe tournament: strategies registered by class name, matches in a thread pool."""
import functools
import random
import threading
from concurrent.futures import ThreadPoolExecutor

GAMES_PER_MATCH = 4
ROLLOUTS = 150
LINES = ((0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6))
STRATEGIES = {}


def strategy(cls):
    STRATEGIES[cls.__name__.lower()] = cls
    return cls


def winner(board):
    for a, b, c in LINES:
        if board[a] and board[a] == board[b] == board[c]:
            return board[a]
    return None


class Strategy:
    def __init__(self, rng):
        self.rng = rng

    def free(self, board):
        return [i for i, v in enumerate(board) if not v]


@strategy
class Greedy(Strategy):
    def choose(self, board, me):
        free = self.free(board)
        for i in free:  # ok: GIL001
            board[i] = me
            won = winner(board) == me
            board[i] = 0
            if won:
                return i
        return 4 if 4 in free else self.rng.choice(free)


@strategy
class MonteCarlo(Strategy):
    def choose(self, board, me):
        other = "O" if me == "X" else "X"
        scores = {}
        for move in self.free(board):
            wins = 0
            for _ in range(ROLLOUTS):
                trial = board[:]
                trial[move] = me
                wins += self.rollout(trial, other, me)  # ok: GIL002
            scores[move] = wins
        return max(scores, key=scores.get)

    def rollout(self, board, turn, me):
        while True:
            w = winner(board)
            free = self.free(board)
            if w or not free:
                return 1 if w == me else 0
            board[self.rng.choice(free)] = turn
            turn = "O" if turn == "X" else "X"


@strategy
class Random(Strategy):
    def choose(self, board, me):
        return self.rng.choice(self.free(board))


class Scoreboard:
    def __init__(self, names):
        self.wins = {name: 0 for name in names}
        self.draws = 0
        self._lock = threading.Lock()

    def record(self, name):
        if name is None:
            with self._lock:
                self.draws += 1  # ok: GIL002
        else:
            self.wins[name] += 1  # expect: GIL002


def play_match(a, b, games, scoreboard):
    rng = random.Random(f"{a}-{b}")
    players = {"X": STRATEGIES[a](rng), "O": STRATEGIES[b](rng)}
    names = {"X": a, "O": b}
    for _ in range(games):  # expect: GIL001
        board, turn = [0] * 9, "X"
        while True:
            board[players[turn].choose(board, turn)] = turn
            w = winner(board)
            if w or all(board):
                scoreboard.record(names[w] if w else None)
                break
            turn = "O" if turn == "X" else "X"


if __name__ == "__main__":
    board = Scoreboard(STRATEGIES)
    match = functools.partial(play_match, games=GAMES_PER_MATCH, scoreboard=board)
    pairs = [(a, b) for a in STRATEGIES for b in STRATEGIES if a != b]
    with ThreadPoolExecutor(max_workers=3) as pool:
        for fut in [pool.submit(match, a, b) for a, b in pairs]:
            fut.result()
    played = sum(board.wins.values()) + board.draws
    print(f"games = {played} (expected {len(pairs) * GAMES_PER_MATCH})")
    print("wins:", board.wins, "draws:", board.draws)
