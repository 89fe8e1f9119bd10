"""Yacht-dice bot tournament: each table thread keys its score slot by thread ident (which collides)."""
import random
import threading

TABLES = 4
GAMES_PER_TABLE = 1_500
ROUNDS = 12
SLOTS = TABLES

scores = [0] * SLOTS            # meant to be one slot per table thread
games_by_table = {f"table-{n}": 0 for n in range(TABLES)}  # keyed by thread name
best_game = [0] * TABLES        # indexed by the table number given to the thread


def score_roll(dice):
    counts = [dice.count(face) for face in range(1, 7)]
    if 5 in counts:
        return 50
    if sorted(dice) in ([1, 2, 3, 4, 5], [2, 3, 4, 5, 6]):
        return 40
    if 3 in counts and 2 in counts:
        return 25
    return max(face * n for face, n in zip(range(1, 7), counts))


def play_game(rng):
    total = 0
    for _ in range(ROUNDS):
        dice = [rng.randint(1, 6) for _ in range(5)]
        keep = max(set(dice), key=dice.count)
        dice = [d if d == keep else rng.randint(1, 6) for d in dice]
        total += score_roll(dice)
    return total


class Table(threading.Thread):
    def __init__(self, number):
        super().__init__(name=f"table-{number}")
        self.number = number

    def run(self):
        rng = random.Random(self.number)
        slot = threading.get_ident() % SLOTS   # idents are aligned addresses: all land in slot 0
        for _ in range(GAMES_PER_TABLE):  # expect: GIL001
            result = play_game(rng)
            scores[slot] += result  # expect: GIL002
            games_by_table[self.name] += 1  # ok: GIL002
            if result > best_game[self.number]:  # ok: GIL003
                best_game[self.number] = result


if __name__ == "__main__":
    tables = [Table(n) for n in range(TABLES)]
    for t in tables:
        t.start()
    for t in tables:
        t.join()
    expected = 0
    for n in range(TABLES):
        replay = random.Random(n)
        expected += sum(play_game(replay) for _ in range(GAMES_PER_TABLE))  # ok: GIL002
    print(f"score slots: {scores}")
    print(f"games per table: {games_by_table}, best game per table: {best_game}")
    print(f"total score = {sum(scores)} (expected {expected})")
