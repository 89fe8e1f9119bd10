#!/usr/bin/env python3
"""Tic-tac-toe move advisor: every legal reply is scored by a minimax search in its own thread."""
import threading
import time

LINES = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6),
         (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6)]

nodes_visited = 0
transpositions = {}


def winner(board):
    for a, b, c in LINES:  # expect: GIL001
        if board[a] != "." and board[a] == board[b] == board[c]:
            return board[a]
    return None


def search(board, to_move):
    w = winner(board)
    if w is not None:
        return 1 if w == "X" else -1
    if "." not in board:
        return 0
    other = "O" if to_move == "X" else "X"
    scores = []
    for i in range(9):  # expect: GIL001
        if board[i] == ".":
            child = board[:i] + to_move + board[i + 1:]
            scores.append(minimax(child, other))
    return max(scores) if to_move == "X" else min(scores)


def minimax(board, to_move):
    global nodes_visited
    nodes_visited += 1  # expect: GIL002
    key = (board, to_move)
    if key not in transpositions:  # expect: GIL003
        transpositions[key] = search(board, to_move)
    return transpositions[key]


class MoveScorer(threading.Thread):
    def __init__(self, board, square):
        super().__init__(name=f"square-{square}")
        self.board = board
        self.square = square
        self.score = None

    def run(self):
        child = self.board[:self.square] + "X" + self.board[self.square + 1:]
        self.score = minimax(child, "O")


def show(board):
    return "\n".join(" ".join(board[r * 3:r * 3 + 3]) for r in range(3))


def main():
    board = "X...O...."
    print(show(board), "\nX to move\n")
    started = time.perf_counter()
    scorers = [MoveScorer(board, sq) for sq in range(9) if board[sq] == "."]
    for s in scorers:
        s.start()
    for s in scorers:
        s.join()
    elapsed = time.perf_counter() - started
    for s in sorted(scorers, key=lambda s: -s.score):
        verdict = {1: "win", 0: "draw", -1: "loss"}[s.score]
        print(f"X on square {s.square}: {verdict}")
    best = max(scorers, key=lambda s: s.score)
    print(f"\nbest move: {best.square}; nodes={nodes_visited} "
          f"table={len(transpositions)} in {elapsed:.3f}s")


if __name__ == "__main__":
    main()
