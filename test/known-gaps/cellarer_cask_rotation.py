"""Abbey cellar: cellarhands turn the casks on their racks and pass the ripe
ones to the bottling bench.

Each cellarhand is a thread built by a small factory (make_hand) and started
through a lambda.  The Cellar object, its cask registry and its ready line are
shared by every hand; the bottler thread takes casks off the ready line.
"""
import collections
import threading
import time
from dataclasses import dataclass


@dataclass
class Cask:
    cask_id: str
    rack: int
    turns_needed: int
    turns: int = 0


class Cellar:
    def __init__(self, casks):
        self.casks = {c.cask_id: c for c in casks}
        self.in_hand = {}          # cask_id -> name of the hand holding it
        self.turns_done = 0
        self.ready = collections.deque()
        self.ready_count = 0
        self._cond = threading.Condition()
        self._inspect_lock = threading.Lock()
        self.inspections = []

    def claim(self, cask_id, hand):
        if cask_id not in self.in_hand:  # expect: GIL003 -- two hands can both see the cask free and both claim it
            time.sleep(0.0002)          # walk down the rack
            self.in_hand[cask_id] = hand
            return True
        return False

    def turn(self, cask_id):
        with self._cond:
            cask = self.casks[cask_id]
            cask.turns += 1  # ok: GIL002 -- cask is shared, but the update is inside with self._cond
            ripe = cask.turns == cask.turns_needed
        self.turns_done += 1  # expect: GIL002 -- cellar-wide counter updated by every hand outside the condition
        return ripe

    def put_ready(self, cask_id):
        with self._cond:
            self.ready.append(cask_id)
            self.ready_count += 1  # ok: GIL002 -- inside with self._cond
            self._cond.notify()

    def take_ready(self, timeout):
        with self._cond:
            if not self.ready:  # ok: GIL003 -- test and popleft both happen under self._cond
                self._cond.wait(timeout)
            if self.ready:  # ok: GIL003 -- still under self._cond
                return self.ready.popleft()
            return None

    def inspect(self, cask_id, inspector):
        if not self._inspect_lock.acquire(timeout=0.5):  # ok: GIL005 -- on failure nothing is held; on success released in finally
            return None
        try:
            note = f"{inspector} checked {cask_id} ({self.casks[cask_id].turns} turns)"
            self.inspections.append(note)
            return note
        finally:
            self._inspect_lock.release()


def make_hand(cellar, name, racks):
    """Factory: each hand gets its own tally dict captured in the closure."""
    tally = {"turned": 0, "missed": 0}

    def work():
        for sweep in range(3):  # ok: GIL001 -- each pass mostly sleeps while the hand walks and turns casks
            for cask in list(cellar.casks.values()):
                if cask.rack not in racks:
                    continue
                if not cellar.claim(cask.cask_id, name):
                    tally["missed"] += 1  # ok: GIL002 -- tally is created per hand by the factory, only this thread writes it
                    continue
                time.sleep(0.001)      # a quarter turn by hand
                if cellar.turn(cask.cask_id):
                    cellar.put_ready(cask.cask_id)
                tally["turned"] += 1  # ok: GIL002 -- per-hand closure state
                cellar.in_hand.pop(cask.cask_id, None)
            if sweep == 1:
                cellar.inspect(f"C{racks[0]}-0", name)

    return work, tally


def bottler(cellar, expected, bottled):
    idle = 0
    while len(bottled) < expected and idle < 20:  # ok: GIL001 -- bottler mostly waits on the condition and sleeps
        cask_id = cellar.take_ready(timeout=0.02)
        if cask_id is None:
            idle += 1
            continue
        time.sleep(0.002)  # fill and cork
        bottled.append(cask_id)


def build_casks():
    casks = []
    for rack in range(4):
        for slot in range(5):
            casks.append(Cask(f"C{rack}-{slot}", rack, turns_needed=2 + slot % 2))
    return casks


def main():
    cellar = Cellar(build_casks())
    # racks overlap on purpose: two hands share rack 1 and rack 2
    rosters = {"Brother Anselm": (0, 1), "Brother Bede": (1, 2), "Brother Cuthbert": (2, 3)}
    hands = {name: make_hand(cellar, name, racks) for name, racks in rosters.items()}
    ripe_expected = sum(1 for c in cellar.casks.values() if c.turns_needed <= 3)
    bottled = []
    threads = [threading.Thread(target=lambda w=work: w(), name=name)
               for name, (work, _tally) in hands.items()]
    threads.append(threading.Thread(target=bottler, args=(cellar, ripe_expected, bottled), name="bottler"))
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for name, (_work, tally) in hands.items():
        print(f"{name:<17} turned {tally['turned']:>2}  missed {tally['missed']:>2}")
    print(f"turns recorded {cellar.turns_done}, ready {cellar.ready_count}, bottled {len(bottled)}")
    print(f"inspections: {len(cellar.inspections)}")
    print(f"done in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
