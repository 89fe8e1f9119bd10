"""Simulate a shift on the coining floor.

Every press takes blanks from its own hopper, strikes them between the obverse
and reverse dies and checks the reeded edge against the die's signature; bad
strikes go to the reject bin. The mint keeps one tally of coins struck per
denomination for the whole floor. Between shifts a timer runs the die-wear
survey that decides which dies go back to the engraving shop.
"""
import threading
from dataclasses import dataclass, field

DENOMS = ("1p", "2p", "5p", "10p")


@dataclass
class Die:
    serial: str
    denom: str
    reeds: int
    signature: int
    wear: float = 0.0


@dataclass
class Blank:
    denom: str
    alloy_seed: int


@dataclass
class Mint:
    struck: dict = field(default_factory=lambda: {d: 0 for d in DENOMS})
    rejects: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    bags: list = field(default_factory=list)

    def tally(self, denom):
        self.struck[denom] += 1  # expect: GIL002 -- one dict for the whole floor, no lock held

    def reject(self):
        with self.lock:
            self.rejects += 1  # ok: GIL002 -- inside `with self.lock:`

    def bag(self, press, count):
        with self.lock:
            self.bags.append((press, count))


class Press:
    """One coining press; its counters belong to it alone."""

    def __init__(self, name, die, mint):
        self.name = name
        self.die = die
        self.mint = mint
        self.strikes = 0
        self.in_bag = 0

    def edge_signature(self, blank):
        sig = blank.alloy_seed
        for r in range(self.die.reeds):
            sig = (sig * 33 + r) & 0xFFFF
        return sig

    def run_shift(self, blanks, bag_size=250):
        for blank in blanks:  # expect: GIL001 -- ~45 ms of edge-signature arithmetic per press
            sig = self.edge_signature(blank)
            self.strikes += 1  # ok: GIL002 -- each press object is driven by one thread only
            self.die.wear += 0.0001  # ok: GIL002 -- every press has its own die
            if (sig ^ self.die.signature) % 53 == 0:
                self.mint.reject()
                continue
            self.mint.tally(blank.denom)
            self.in_bag += 1  # ok: GIL002 -- this press's own bag count
            if self.in_bag == bag_size:  # ok: GIL003 -- this press's own count, no other thread touches it
                self.mint.bag(self.name, self.in_bag)
                self.in_bag = 0


def survey_dies(dies, grid, report):
    """Die-wear survey: a relief map per die, compared with the master (timer thread)."""
    for die in dies:  # expect: GIL001 -- ~45 ms of relief-map arithmetic on the timer thread
        worn = 0
        for y in range(grid):
            for x in range(grid):
                depth = ((x * 7 + y * 13 + die.signature) % 101) - die.wear * 10
                if depth < 3:
                    worn += 1
        report[die.serial] = worn / (grid * grid)


def load_hopper(denom, count, seed):
    return [Blank(denom, (seed * 7919 + i * 104729) & 0xFFFF) for i in range(count)]


def run_floor(presses, hoppers):
    threads = []
    for press, blanks in zip(presses, hoppers):
        threads.append(threading.Thread(target=lambda p=press, b=blanks: p.run_shift(b), name=press.name))
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def main():
    mint = Mint()
    opening = {"1p": 3, "2p": 1}
    for denom, n in opening.items():
        mint.struck[denom] += n  # ok: GIL002 -- main thread, before any press thread exists

    dies = [Die(f"D{i:03d}", DENOMS[i % 4], reeds=300, signature=(i * 2654435761) & 0xFFFF, wear=0.2 * i) for i in range(4)]
    presses = [Press(f"press-{i}", die, mint) for i, die in enumerate(dies)]
    hoppers = [load_hopper(die.denom, 3000, i) for i, die in enumerate(dies)]
    run_floor(presses, hoppers)

    report = {}
    survey = threading.Timer(0.005, survey_dies, args=(dies, 300, report))
    survey.start()
    survey.join()

    total = sum(p.strikes for p in presses)
    print(f"{total} strikes: struck {mint.struck}, rejects {mint.rejects}")
    print(f"tally check: {sum(mint.struck.values()) - sum(opening.values()) + mint.rejects} == {total}")
    print(f"{len(mint.bags)} full bags")
    for die in dies:
        flag = "re-engrave" if report[die.serial] > 0.08 else "ok"
        print(f"  {die.serial} {die.denom:>3s} wear {die.wear:.2f} worn area {report[die.serial]:.1%} {flag}")


if __name__ == "__main__":
    main()
