"""Tokenize generated source code with one master regex, one thread per chunk."""
import random
import re
import threading
import time

TOKEN_RE = re.compile(r"""
    (?P<NUMBER>\d+(?:\.\d+)?)
  | (?P<NAME>[A-Za-z_]\w*)
  | (?P<STRING>"[^"\n]*")
  | (?P<OP>==|!=|<=|>=|[-+*/=<>():,\[\]])
  | (?P<NEWLINE>\n)
  | (?P<SKIP>[ \t]+)
""", re.VERBOSE)
TEMPLATES = [
    "{a} = {b} + {n}\n",
    "if {a} >= {n}:\n",
    '    {a} = call({b}, "{b}", {n}.5)\n',
    "for {a} in range({n}):\n",
    "print({a}[{n}] != {b})\n",
]
NAMES = ["total", "value", "item", "count", "result", "index", "data"]
token_counts = {}


def generate_source(lines, seed=1):
    rng = random.Random(seed)
    return [rng.choice(TEMPLATES).format(a=rng.choice(NAMES), b=rng.choice(NAMES),
                                         n=rng.randint(0, 999)) for _ in range(lines)]


def tokenize(text):
    for m in TOKEN_RE.finditer(text):
        if m.lastgroup != "SKIP":  # ok: GIL003
            yield m.lastgroup, m.group()


def count_tokens(text):
    for kind, _ in tokenize(text):  # expect: GIL001
        token_counts[kind] = token_counts.get(kind, 0) + 1  # expect: GIL002


def spawn(fn, *args):
    t = threading.Thread(target=fn, args=args)
    t.start()
    return t


lines = generate_source(60_000)
chunks = ["".join(lines[i::4]) for i in range(4)]
expected = sum(1 for chunk in chunks for _ in tokenize(chunk))

start = time.perf_counter()
workers = [spawn(count_tokens, chunk) for chunk in chunks]
for w in workers:
    w.join()
elapsed = time.perf_counter() - start
print(f"tokens = {sum(token_counts.values())} (expected {expected}) in {elapsed:.2f}s")
print(", ".join(f"{k}={v}" for k, v in sorted(token_counts.items())))
