"""Spreadsheet recalculation engine: level-parallel evaluation of a workbook.

Formulas are compiled once into small ASTs (on the main thread), cells are
ordered into dependency levels, and each level is split into chunks that a
ThreadPoolExecutor evaluates.  Range aggregates such as SUM(B1:B800) are
memoised per recalculation because hundreds of formulas share them.  The
engine is used for what-if scenarios: each scenario overrides some inputs and
triggers a full recalc.
"""
from __future__ import annotations

import functools
import logging
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("sheet.recalc")

TOKEN = re.compile(r"\s*(\d+(?:\.\d+)?|[A-Z]+\d+:[A-Z]+\d+|[A-Z]+\d+|[A-Z]+(?=\()|[-+*/(),])")
FUNCS = {"SUM": sum, "MIN": min, "MAX": max, "ABS": lambda xs: abs(xs[0]), "ROUND": lambda xs: round(xs[0])}


def tokenize(text: str) -> list[str]:
    return TOKEN.findall(text)


class Parser:
    """Recursive-descent parser producing tuple ASTs."""

    def __init__(self, tokens: list[str]):
        self.toks, self.pos = tokens, 0

    def peek(self) -> str | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self) -> str:
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def expr(self):
        node = self.term()
        while self.peek() in ("+", "-"):
            node = ("bin", self.take(), node, self.term())
        return node

    def term(self):
        node = self.factor()
        while self.peek() in ("*", "/"):
            node = ("bin", self.take(), node, self.factor())
        return node

    def factor(self):
        tok = self.take()
        if tok == "-":
            return ("neg", self.factor())
        if tok == "(":
            node = self.expr()
            self.take()
            return node
        if tok in FUNCS:
            self.take()  # "("
            args = [self.expr()]
            while self.peek() == ",":
                self.take()
                args.append(self.expr())
            self.take()  # ")"
            return ("call", tok, args)
        if ":" in tok:
            return ("range", tok)
        if tok[0].isalpha():
            return ("ref", tok)
        return ("num", float(tok))


@functools.lru_cache(maxsize=1024)
def expand(rng: str) -> tuple[str, ...]:
    start, end = rng.split(":")
    col = re.match(r"[A-Z]+", start).group()
    return tuple(f"{col}{r}" for r in range(int(start[len(col):]), int(end[len(col):]) + 1))


@dataclass
class Workbook:
    cells: dict[str, object]
    values: dict[str, float] = field(default_factory=dict)


class RecalcEngine:
    def __init__(self, book: Workbook, workers: int = 3):
        self.book = book
        self.workers = workers
        self.asts: dict[str, tuple] = {}
        self.levels: list[list[str]] = []
        self._range_cache: dict[str, list[float]] = {}
        self._stats_lock = threading.Lock()
        self.evaluations = 0
        self.recalcs = 0

    def compile(self) -> None:
        """Parse every formula and order cells into dependency levels (main thread)."""
        level_of: dict[str, int] = {}
        for ref, raw in self.book.cells.items():  # ok: GIL001
            if isinstance(raw, str) and raw.startswith("="):
                self.asts[ref] = Parser(tokenize(raw[1:])).expr()
            else:
                level_of[ref] = 0
        pending = dict(self.asts)
        while pending:  # ok: GIL001
            for ref, ast in list(pending.items()):
                deps = [d for tok in re.findall(r"[A-Z]+\d+(?::[A-Z]+\d+)?", self.book.cells[ref])
                        for d in (expand(tok) if ":" in tok else (tok,))]
                if all(d in level_of for d in deps):
                    level_of[ref] = 1 + max(level_of[d] for d in deps)
                    del pending[ref]
        depth = max(level_of.values())
        self.levels = [[r for r, lv in level_of.items() if lv == k] for k in range(1, depth + 1)]

    def _range(self, rng: str) -> list[float]:
        if rng not in self._range_cache:  # expect: GIL003
            self._range_cache[rng] = [self.book.values[r] for r in expand(rng)]
        return self._range_cache[rng]

    def _eval(self, node) -> float | list[float]:
        kind = node[0]
        if kind == "num":
            return node[1]
        if kind == "ref":
            return self.book.values[node[1]]
        if kind == "range":
            return self._range(node[1])
        if kind == "neg":
            return -self._eval(node[1])
        if kind == "call":
            flat: list[float] = []
            for arg in node[2]:
                value = self._eval(arg)
                flat.extend(value if isinstance(value, list) else [value])
            return FUNCS[node[1]](flat)
        _, op, left, right = node
        a, b = self._eval(left), self._eval(right)
        return a + b if op == "+" else a - b if op == "-" else a * b if op == "*" else a / b

    def _eval_chunk(self, refs: list[str]) -> int:
        for ref in refs:  # expect: GIL001
            self.book.values[ref] = self._eval(self.asts[ref])
            self.evaluations += 1  # expect: GIL002
        return len(refs)

    def recalc(self, pool: ThreadPoolExecutor) -> None:
        self._range_cache.clear()
        for ref, raw in self.book.cells.items():
            if ref not in self.asts:
                self.book.values[ref] = float(raw)
        for level in self.levels:
            size = max(1, len(level) // (self.workers * 4))
            futures = [pool.submit(self._eval_chunk, level[i:i + size]) for i in range(0, len(level), size)]
            for fut in futures:
                fut.result()
        with self._stats_lock:
            self.recalcs += 1  # ok: GIL002


def build_workbook(rows: int) -> Workbook:
    cells: dict[str, object] = {}
    for r in range(1, rows + 1):
        cells[f"A{r}"] = (r * 37) % 101 + 1
        cells[f"B{r}"] = f"=A{r}*1.07+ROUND(A{r}/3)"
        cells[f"C{r}"] = f"=B{r}/SUM(B1:B{rows})*100"
        cells[f"D{r}"] = f"=C{r}+MAX(A1:A{rows})-MIN(B1:B{rows})*0.5"
    cells["E1"] = f"=SUM(D1:D{rows})"
    return Workbook(cells)


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    rows = 800
    book = build_workbook(rows)
    engine = RecalcEngine(book, workers=3)
    engine.compile()
    scenarios = {f"price+{p}%": {f"A{r}": ((r * 37) % 101 + 1) * (1 + p / 100) for r in range(1, rows + 1, 7)}
                 for p in (0, 5, 10, 15, 20, 25)}
    results = {}
    with ThreadPoolExecutor(max_workers=engine.workers, thread_name_prefix="recalc") as pool:
        for name, overrides in scenarios.items():
            book.cells.update(overrides)
            engine.recalc(pool)
            results[name] = book.values["E1"]
    formulas = sum(len(level) for level in engine.levels)
    print(f"levels = {len(engine.levels)}, formulas = {formulas}, recalcs = {engine.recalcs}")
    print(f"evaluations = {engine.evaluations} (expected {formulas * len(scenarios)})")
    for name, total in results.items():
        print(f"  {name:<9} E1 = {total:,.2f}")


if __name__ == "__main__":
    main()
