"""Weather stations report in rounds; a dashboard thread waits for each complete round."""
import random
import statistics
import threading
import time

STATIONS = ["harbour", "airport", "ridge", "valley", "reservoir"]
ROUNDS = 6
MAX_SAMPLE_DELAY = 0.01


class RoundBoard:
    def __init__(self, expected):
        self.cond = threading.Condition()
        self.expected = expected
        self.round = 0
        self.reports = 0
        self.readings = {}
        self.history = []

    def submit(self, station, temperature):
        with self.cond:
            self.readings[station] = temperature
            self.reports += 1  # ok: GIL002
            if self.reports == self.expected:  # ok: GIL003
                self.history.append(dict(self.readings))
                self.round += 1
                self.reports = 0
                self.cond.notify_all()

    def wait_past(self, seen):
        with self.cond:
            while self.round == seen:  # ok: GIL003
                self.cond.wait()
            return self.round


class Station(threading.Thread):
    def __init__(self, name, board, seed):
        super().__init__(name=name)
        self.board = board
        self.rng = random.Random(seed)
        self.base = 12.0 + seed * 1.5

    def run(self):
        for round_no in range(ROUNDS):  # ok: GIL001
            time.sleep(self.rng.uniform(0.0, MAX_SAMPLE_DELAY))
            reading = round(self.base + self.rng.gauss(0.0, 0.8), 1)
            self.board.submit(self.name, reading)
            self.board.wait_past(round_no)


def dashboard(board, lines):
    seen = 0
    while seen < ROUNDS:
        seen = board.wait_past(seen)
    for n, readings in enumerate(board.history, 1):
        lines.append(f"round {n}: mean {statistics.mean(readings.values()):5.2f} C, "
                     f"spread {max(readings.values()) - min(readings.values()):4.1f} C")


if __name__ == "__main__":
    board = RoundBoard(len(STATIONS))
    lines = []
    viewer = threading.Thread(target=dashboard, args=(board, lines))
    stations = [Station(name, board, i) for i, name in enumerate(STATIONS)]
    viewer.start()
    for s in stations:
        s.start()
    for s in stations:
        s.join()
    viewer.join()
    print("\n".join(lines))
    print(f"completed rounds: {board.round} (expected {ROUNDS})")
