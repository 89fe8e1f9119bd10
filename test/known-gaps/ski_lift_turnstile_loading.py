"""Ski area: turnstile gates scan passes and load skiers onto a fixed-grip chair and a gondola."""
import random
import threading
import time


class ChairLift:
    def __init__(self, name, seats):
        self.name = name
        self.seats = seats
        self.loading = 0
        self.riders = 0
        self.chairs_sent = 0

    def record_scan(self):
        self.riders += 1  # expect: GIL002

    def board(self, group):
        if self.loading + group <= self.seats:  # expect: GIL003
            time.sleep(0.001)  # skiers shuffle onto the loading carpet
            self.loading += group  # expect: GIL002
            return True
        return False

    def dispatch(self):
        sent, self.loading = self.loading, 0
        self.chairs_sent += 1  # ok: GIL002
        return sent


class Gondola(ChairLift):
    def __init__(self, name, seats):
        super().__init__(name, seats)
        self.lock = threading.Lock()

    def record_scan(self):
        with self.lock:
            self.riders += 1  # ok: GIL002

    def board(self, group):
        with self.lock:
            if self.loading + group <= self.seats:  # ok: GIL003
                self.loading += group  # ok: GIL002
                return True
        return False

    def dispatch(self):
        with self.lock:
            sent, self.loading = self.loading, 0
        self.chairs_sent += 1  # ok: GIL002
        return sent


def gate(lift, skiers, seed):
    rng = random.Random(seed)
    for _ in range(skiers):  # ok: GIL001
        time.sleep(rng.uniform(0.001, 0.003))
        lift.record_scan()
        while not lift.board(rng.choice((1, 2, 2, 3))):
            time.sleep(0.002)


def bullwheel(lift, stop, period, carried):
    while not stop.is_set():  # ok: GIL001
        time.sleep(period)
        carried.append(lift.dispatch())


def main():
    lifts = [ChairLift("Eagle Quad", 4), Gondola("Summit Gondola", 8)]
    stop = threading.Event()
    carried = {lift.name: [] for lift in lifts}
    wheels = [threading.Thread(target=bullwheel, args=(lift, stop, 0.006, carried[lift.name])) for lift in lifts]
    gates = [threading.Thread(target=gate, args=(lift, 40, i * 10 + g))
             for i, lift in enumerate(lifts) for g in range(3)]
    for t in wheels + gates:
        t.start()
    for t in gates:
        t.join()
    stop.set()
    for t in wheels:
        t.join()
    for lift in lifts:
        over = sum(1 for n in carried[lift.name] if n > lift.seats)
        print(f"{lift.name}: {lift.riders} scans, {sum(carried[lift.name])} carried, "
              f"{lift.chairs_sent} departures, {over} overloaded")


if __name__ == "__main__":
    main()
