"""Finishing line of a silversmith's workshop.

Raised pieces flow through planishing, polishing and inspection. Every stage is a plain function registered
under its name; make_stage() builds the worker threads for a stage from WORKSHOP["stages"], each running the
same closure that pulls from the stage's inbox, calls the stage function and pushes to the next queue.
The polishing spindle, the compound stock and the ledger live on the shared Shop object.
"""
import queue
import threading
import time
from dataclasses import dataclass, field

WORKSHOP = {
    "pieces": [("teapot", 14), ("salver", 9), ("cream-jug", 6), ("beaker", 8), ("caddy", 10), ("spoon", 3)] * 2,
    "stages": [("planish", 2), ("polish", 2), ("inspect", 2)],
    "scan_points_per_dm2": 12000,
    "compound_bar_g": 50.0,
    "planish_s_per_dm2": 0.0004,
    "polish_s": 0.002,
}
LETTERS = {"teapot": "T", "salver": "S", "cream-jug": "J", "beaker": "B", "caddy": "C", "spoon": "P"}
STAGES = {}
STOP = object()


def stage(name):
    def register(fn):
        STAGES[name] = fn
        return fn
    return register


@dataclass
class Piece:
    number: int
    kind: str
    area_dm2: int
    blows: int = 0
    scratches: int = 0
    notes: list = field(default_factory=list)


class Shop:
    def __init__(self, config):
        self.spindle = threading.Lock()
        self.ledger_lock = threading.Lock()
        self.compound_g = config["compound_bar_g"]
        self.bar_g = config["compound_bar_g"]
        self.blows_total = 0
        self.restocks = []
        self.ledger = []
        self.first_of_kind = {}


@stage("planish")
def planish(piece, shop):
    time.sleep(piece.area_dm2 * WORKSHOP["planish_s_per_dm2"])
    piece.blows = piece.area_dm2 * 400
    shop.blows_total += piece.blows  # expect: GIL002 -- both planishing workers add to the shop total, no lock


def _top_up(shop, need):
    if shop.compound_g < need:  # expect: GIL003 -- two polishers can both see the stock low and both add a bar
        shop.compound_g += shop.bar_g  # expect: GIL002 -- compound stock updated outside the spindle lock
        shop.restocks.append(threading.current_thread().name)


@stage("polish")
def polish(piece, shop):
    need = piece.area_dm2 * 0.8
    _top_up(shop, need)
    shop.spindle.acquire()  # ok: GIL005 -- try/finally releases the spindle
    try:
        time.sleep(WORKSHOP["polish_s"])
        shop.compound_g -= need  # ok: GIL002 -- spindle lock held
    finally:
        shop.spindle.release()
    return piece


def _scan(points, seed):
    scratches = 0
    for i in range(points):
        h = (i * 40503 + seed * 9973) & 0xFFFF
        if h < 7:
            scratches += 1
    return scratches


def _scan_surface(piece):
    return _scan(piece.area_dm2 * WORKSHOP["scan_points_per_dm2"], piece.number)


def _record(piece, shop):
    shop.ledger_lock.acquire()  # expect: GIL005 -- LETTERS[piece.kind] can raise KeyError before release()
    entry = f"{LETTERS[piece.kind]}{piece.number:03d} scratches={piece.scratches}"
    shop.ledger.append(entry)
    shop.ledger_lock.release()


@stage("inspect")
def inspect(piece, shop):
    piece.scratches = _scan_surface(piece)
    _record(piece, shop)
    with shop.ledger_lock:
        if piece.kind not in shop.first_of_kind:  # ok: GIL003 -- ledger_lock held
            shop.first_of_kind[piece.kind] = piece.number
    return None


def make_stage(name, workers, inbox, outbox, shop):
    fn = STAGES[name]
    tls = threading.local()

    def loop():
        tls.done = 0
        while True:  # expect: GIL001 -- for the inspect workers every piece costs area x scan points of pure Python
            piece = inbox.get()
            if piece is STOP:
                inbox.task_done()
                return
            result = fn(piece, shop)
            tls.done += 1  # ok: GIL002 -- threading.local, one counter per worker
            if outbox is not None:
                outbox.put(result if result is not None else piece)
            inbox.task_done()

    return [threading.Thread(target=loop, name=f"{name}-{i}") for i in range(workers)]


def pieces(config):
    for number, (kind, area) in enumerate(config["pieces"], start=1):
        yield Piece(number, kind, area)


def main():
    shop = Shop(WORKSHOP)
    inboxes, crews = [], []
    inbox = queue.Queue()
    for pos, (name, workers) in enumerate(WORKSHOP["stages"]):
        outbox = queue.Queue() if pos + 1 < len(WORKSHOP["stages"]) else None
        crews.append(make_stage(name, workers, inbox, outbox, shop))
        inboxes.append(inbox)
        inbox = outbox
    for crew in crews:
        for t in crew:
            t.start()
    for piece in pieces(WORKSHOP):
        inboxes[0].put(piece)
    for q, crew in zip(inboxes, crews):
        q.join()
        for _ in crew:
            q.put(STOP)
        for t in crew:
            t.join()
    print(f"blows {shop.blows_total}, compound left {shop.compound_g:.1f} g, restocks {len(shop.restocks)}")
    print(f"ledger: {len(shop.ledger)} entries, e.g. {sorted(shop.ledger)[:3]}")
    print(f"first of kind: {shop.first_of_kind}")


if __name__ == "__main__":
    main()
