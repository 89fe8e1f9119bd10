// Builds a large, realistic threaded Python module for the edit-latency benchmark, deterministically.
// It repeats variants of the patterns in examples/ (shared counters, lock-guarded classes, check-then-act worklists,
// queue workers, executors with functools.partial, coroutines with blocking calls, acquire without release) with
// renamed functions, classes and globals, plus ordinary helper code, so the analysis has real threads to follow.

/** One variant of a pattern; `k` makes every name in it unique. `entry` is the call main() makes to reach it. */
interface Template {
  readonly code: (k: number) => string;
  readonly entry: (k: number) => string;
}

const HEADER = `"""Order processing service: ingestion, accounting and reporting workers (generated for the GIL Lens bench)."""
import asyncio
import functools
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor
`;

const TEMPLATES: readonly Template[] = [
  // A global counter several threads bump without a lock (GIL001 + GIL002).
  {
    entry: (k) => `run_counter_${k}()`,
    code: (k) => `
counter_${k} = 0
ROUNDS_${k} = 100_000


def increment_${k}(step):
    """Adds \`step\` to the shared counter ROUNDS_${k} times."""
    global counter_${k}
    for _ in range(ROUNDS_${k}):
        counter_${k} += step


def run_counter_${k}():
    threads = [threading.Thread(target=increment_${k}, args=(1,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter_${k}
`,
  },
  // A class with a lock that one method forgets (GIL003 on the balance check).
  {
    entry: (k) => `run_bank_${k}()`,
    code: (k) => `
class Account${k}:
    """A bank account that several tellers update at once."""

    def __init__(self, balance=0):
        self.balance = balance
        self.lock = threading.Lock()
        self.history = []

    def deposit(self, amount):
        with self.lock:
            self.balance += amount
            self.history.append(("deposit", amount))

    def withdraw(self, amount):
        if self.balance >= amount:
            self.balance -= amount
            self.history.append(("withdraw", amount))
            return True
        return False

    def audit(self):
        total = 0
        for kind, amount in self.history:
            total += amount if kind == "deposit" else -amount
        return total


def teller_${k}(account, rounds):
    for i in range(rounds):
        account.deposit(i % 10)
        account.withdraw(i % 7)


def run_bank_${k}():
    account = Account${k}(1_000)
    tellers = [threading.Thread(target=teller_${k}, args=(account, 10_000), name=f"teller-{i}") for i in range(3)]
    for t in tellers:
        t.start()
    for t in tellers:
        t.join()
    return account.audit()
`,
  },
  // Ordinary helpers no thread runs: most of a real module looks like this.
  {
    entry: (k) => `print(format_report_${k}(summarize_${k}([parse_record_${k}("a,1,2.5")])))`,
    code: (k) => `
def parse_record_${k}(line):
    fields = line.strip().split(",")
    if len(fields) < 3:
        raise ValueError(f"bad record: {line!r}")
    name, qty, price = fields[0], int(fields[1]), float(fields[2])
    return {"name": name, "qty": qty, "price": price}


def summarize_${k}(records):
    by_name = {}
    for record in records:
        entry = by_name.setdefault(record["name"], [0, 0.0])
        entry[0] += record["qty"]
        entry[1] += record["qty"] * record["price"]
    return sorted(by_name.items(), key=lambda item: -item[1][1])


def format_report_${k}(summary, width=40):
    lines = []
    for name, (qty, value) in summary:
        label = name.ljust(width - 12, ".")
        lines.append(f"{label} {qty:5d} {value:10.2f}")
    return "\\n".join(lines)
`,
  },
  // An inventory class with ordinary methods: plain single-threaded code.
  {
    entry: (k) => `print(load_inventory_${k}([("north", "sku-1", "3")]).restock_plan(5))`,
    code: (k) => `
class Inventory${k}:
    """Stock levels per warehouse, with reservations."""

    def __init__(self, warehouses):
        self.levels = {name: {} for name in warehouses}
        self.reserved = {}

    def add(self, warehouse, sku, qty):
        stock = self.levels.setdefault(warehouse, {})
        stock[sku] = stock.get(sku, 0) + qty

    def available(self, sku):
        total = sum(stock.get(sku, 0) for stock in self.levels.values())
        return total - self.reserved.get(sku, 0)

    def reserve(self, sku, qty):
        if self.available(sku) < qty:
            raise LookupError(f"not enough {sku}: wanted {qty}")
        self.reserved[sku] = self.reserved.get(sku, 0) + qty

    def release(self, sku, qty):
        left = self.reserved.get(sku, 0) - qty
        if left <= 0:
            self.reserved.pop(sku, None)
        else:
            self.reserved[sku] = left

    def restock_plan(self, minimum):
        plan = []
        for warehouse, stock in sorted(self.levels.items()):
            for sku, qty in sorted(stock.items()):
                if qty < minimum:
                    plan.append((warehouse, sku, minimum - qty))
        return plan


def load_inventory_${k}(rows):
    inventory = Inventory${k}({row[0] for row in rows})
    for warehouse, sku, qty in rows:
        inventory.add(warehouse, sku, int(qty))
    return inventory
`,
  },
  // Validation and export helpers with error handling: plain single-threaded code.
  {
    entry: (k) => `export_orders_${k}("orders.csv", [{"id": "o1", "qty": 2, "currency": "EUR"}])`,
    code: (k) => `
def retry_${k}(times):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            last = None
            for _ in range(times):
                try:
                    return fn(*args, **kwargs)
                except OSError as error:
                    last = error
            raise RuntimeError(f"gave up after {times} attempts") from last
        return wrapper
    return decorate


def validate_order_${k}(order):
    problems = []
    if not order.get("id"):
        problems.append("missing id")
    if order.get("qty", 0) <= 0:
        problems.append("quantity must be positive")
    if order.get("currency") not in ("EUR", "USD", "GBP"):
        problems.append(f"unknown currency {order.get('currency')!r}")
    return problems


@retry_${k}(3)
def export_orders_${k}(path, orders):
    with open(path, "w", encoding="utf-8") as out:
        out.write("id,qty,currency\\n")
        for order in orders:
            if validate_order_${k}(order):
                continue
            out.write(f"{order['id']},{order['qty']},{order['currency']}\\n")
    return len(orders)
`,
  },
  // A shared worklist drained with check-then-act (GIL003).
  {
    entry: (k) => `run_drain_${k}()`,
    code: (k) => `
tasks_${k} = list(range(10_000))
results_${k} = []


def drain_${k}():
    while True:
        if tasks_${k}:
            n = tasks_${k}.pop()
            results_${k}.append(n * n)
        else:
            break


def run_drain_${k}():
    workers = [threading.Thread(target=drain_${k}) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return len(results_${k})
`,
  },
  // A coroutine that blocks the event loop through a sync helper (GIL004).
  {
    entry: (k) => `asyncio.run(gather_${k}())`,
    code: (k) => `
def backoff_${k}(attempt):
    time.sleep(0.05 * attempt)


async def fetch_${k}(name, attempts=3):
    for attempt in range(attempts):
        await asyncio.sleep(0.01)
        if attempt:
            backoff_${k}(attempt)
    return name


async def gather_${k}():
    return await asyncio.gather(*(fetch_${k}(f"file{i}.zip") for i in range(3)))
`,
  },
  // acquire() with an early return that skips release() (GIL005), run by threads.
  {
    entry: (k) => `run_registry_${k}()`,
    code: (k) => `
registry_lock_${k} = threading.Lock()
registry_${k} = {}


def register_${k}(key, value):
    registry_lock_${k}.acquire()
    if key in registry_${k}:
        return False
    registry_${k}[key] = value
    registry_lock_${k}.release()
    return True


def run_registry_${k}():
    threads = [threading.Thread(target=register_${k}, args=(f"k{i % 3}", i)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return dict(registry_${k})
`,
  },
  // An executor mapping a partial over a shared dict (GIL002 on d[k] = d.get(k, 0) + 1).
  {
    entry: (k) => `run_words_${k}(["a b a", "b c"])`,
    code: (k) => `
def count_words_${k}(counts, text):
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
    return len(counts)


def run_words_${k}(texts):
    counts = {}
    with ThreadPoolExecutor(max_workers=4) as pool:
        sizes = list(pool.map(functools.partial(count_words_${k}, counts), texts))
    return counts, sizes
`,
  },
  // Daemon queue workers and a lock-protected statistics object: correct code that must stay quiet.
  {
    entry: (k) => `run_queue_${k}()`,
    code: (k) => `
jobs_${k} = queue.Queue()
finished_${k} = []
stats_lock_${k} = threading.Lock()
stats_${k} = {"done": 0, "bytes": 0}


def worker_${k}():
    while True:
        url = jobs_${k}.get()
        time.sleep(0.01)
        finished_${k}.append(url)
        with stats_lock_${k}:
            stats_${k}["done"] += 1
            stats_${k}["bytes"] += len(url)
        jobs_${k}.task_done()


def run_queue_${k}():
    for _ in range(4):
        threading.Thread(target=worker_${k}, daemon=True).start()
    for i in range(20):
        jobs_${k}.put(f"https://example.invalid/page/{i}")
    jobs_${k}.join()
    return len(finished_${k})
`,
  },
];

/** A module of about `targetLines` lines: the header, template variants round-robin, then a `main()` calling them. */
export function buildThreadedProgram(targetLines: number): string {
  let body = HEADER;
  let lines = newlines(HEADER);
  const calls: string[] = [];
  // main() adds one line per call plus five of its own, so it is counted before deciding to add another variant.
  for (let k = 0; lines + calls.length + 5 < targetLines; k++) {
    const template = TEMPLATES[k % TEMPLATES.length];
    const code = template.code(k);
    body += code;
    lines += newlines(code);
    calls.push(template.entry(k));
  }
  return `${body}\n\ndef main():\n${calls.map((call) => `    ${call}\n`).join('')}\n\nif __name__ == "__main__":\n    main()\n`;
}

function newlines(text: string): number {
  return text.split('\n').length - 1;
}
