"""Spreadsheet recalculation by dependency level on a thread pool.

Cells hold numbers or formulas (``=SUM(A1:A20)*2+B3``).  The engine orders
formula cells into levels (every precedent is on an earlier level), splits each
level into blocks and evaluates the blocks on a ``ThreadPoolExecutor``.
Constant cells are parsed lazily into the shared value cache.
"""
from __future__ import annotations

import logging
import random
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from typing import Dict, Iterator, List, Set, Tuple

log = logging.getLogger("sheet.recalc")

TOKEN = re.compile(r"\s*(?:(\d+\.?\d*)|([A-Z]+\d+(?::[A-Z]+\d+)?)|([A-Z]+)\(|(.))")
FUNCTIONS = {"SUM": sum, "MAX": max, "MIN": min, "AVG": lambda xs: sum(xs) / len(xs)}


def col_row(ref: str) -> Tuple[str, int]:
    m = re.match(r"([A-Z]+)(\d+)", ref)
    return m.group(1), int(m.group(2))


def expand(ref: str) -> List[str]:
    if ":" not in ref:
        return [ref]
    start, end = ref.split(":")
    (c1, r1), (c2, r2) = col_row(start), col_row(end)
    cols = [chr(c) for c in range(ord(c1), ord(c2) + 1)]
    return [f"{c}{r}" for c in cols for r in range(r1, r2 + 1)]


def tokenize(formula: str) -> Iterator[Tuple[str, str]]:
    for number, ref, func, op in TOKEN.findall(formula):
        if number:
            yield "num", number
        elif ref:
            yield "ref", ref
        elif func:
            yield "func", func
        elif op.strip():
            yield "op", op


class Parser:
    """Recursive descent over the token stream; evaluates as it parses."""

    def __init__(self, tokens: List[Tuple[str, str]], lookup) -> None:
        self.tokens, self.pos, self.lookup = tokens, 0, lookup

    def peek(self) -> Tuple[str, str]:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("eof", "")

    def take(self) -> Tuple[str, str]:
        tok = self.peek()
        self.pos += 1  # ok: GIL002
        return tok

    def expr(self) -> float:
        value = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            value = value + self.term() if self.take()[1] == "+" else value - self.term()
        return value

    def term(self) -> float:
        value = self.atom()
        while self.peek() in (("op", "*"), ("op", "/")):
            value = value * self.atom() if self.take()[1] == "*" else value / self.atom()
        return value

    def atom(self) -> float:
        kind, text = self.take()
        if kind == "num":
            return float(text)
        if kind == "ref":
            return self.lookup(text)
        if kind == "func":
            args = [self.lookup(r) for r in expand(self.take()[1])]
            self.take()  # ')'
            return FUNCTIONS[text](args)
        if (kind, text) == ("op", "("):
            value = self.expr()
            self.take()
            return value
        raise ValueError(f"unexpected token {text!r}")


class RecalcEngine:
    def __init__(self, cells: Dict[str, str], workers: int = 3) -> None:
        self.cells = cells
        self.workers = workers
        self._cache: Dict[str, float] = {}
        self._dirty: Set[str] = {r for r, raw in cells.items() if raw.startswith("=")}
        self._lock = threading.Lock()
        self.evaluations = 0

    def _value(self, ref: str) -> float:
        if ref not in self._cache:  # expect: GIL003
            self._cache[ref] = float(self.cells.get(ref, "0") or 0)
        return self._cache[ref]

    def _compute(self, ref: str) -> float:
        return Parser(list(tokenize(self.cells[ref][1:])), self._value).expr()

    def _recalc_block(self, block: List[str]) -> int:
        for ref in block:  # expect: GIL001
            self._cache[ref] = self._compute(ref)
            self.evaluations += 1  # expect: GIL002
            with self._lock:
                if ref in self._dirty:  # ok: GIL003
                    self._dirty.remove(ref)
        return len(block)

    def levels(self) -> List[List[str]]:
        level_of: Dict[str, int] = {}
        for ref in sorted(self._dirty, key=lambda r: (col_row(r)[0], col_row(r)[1])):
            deps = [d for kind, tok in tokenize(self.cells[ref]) if kind == "ref" for d in expand(tok)]
            level_of[ref] = 1 + max((level_of.get(d, 0) for d in deps), default=0)
        grouped: Dict[int, List[str]] = {}
        for ref, lvl in level_of.items():
            grouped.setdefault(lvl, []).append(ref)
        return [grouped[k] for k in sorted(grouped)]

    def recalculate(self, block_size: int = 120) -> Dict[str, float]:
        pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="calc")
        try:
            for level in self.levels():
                blocks = [level[i:i + block_size] for i in range(0, len(level), block_size)]
                done, _ = wait([pool.submit(self._recalc_block, b) for b in blocks])
                for fut in done:
                    fut.result()
        finally:
            pool.shutdown(wait=True)
        return self._cache


def make_workbook(rows: int, seed: int = 3) -> Dict[str, str]:
    rng = random.Random(seed)
    cells = {f"A{r}": str(rng.randint(1, 500)) for r in range(1, rows + 1)}
    cells.update({f"B{r}": str(rng.randint(1, 9)) for r in range(1, rows + 1)})
    for r in range(1, rows - 20):
        cells[f"C{r}"] = f"=SUM(A{r}:A{r + 19})*B{r}+MAX(B{r}:B{r + 9})/2"
        cells[f"D{r}"] = f"=(C{r}-A{r})/B{r}+AVG(A{r}:B{r + 4})"
        cells[f"E{r}"] = f"=D{r}*2-C{r}/(1+B{r})+MIN(A{r}:A{r + 5})"
    return cells


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    engine = RecalcEngine(make_workbook(rows=3000))
    t0 = time.perf_counter()
    values = engine.recalculate()
    log.info("evaluated %d formulas (%d still dirty) in %.3fs; E1=%.3f",
             engine.evaluations, len(engine._dirty), time.perf_counter() - t0, values["E1"])
