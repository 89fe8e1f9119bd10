"""Site batch plant for a stucco crew: silos, one shared mixer, several gangs.

Each gang mixes its own coat (scratch, brown, finish) to a volumetric recipe,
draws the materials from the shared silos and charges the shared mixer. The
cement silo was retrofitted with a lock; the lime and sand silos still use the
old class.
"""
import functools
import threading
import time

MATERIALS = ("cement", "lime", "sand")
RECIPES = {
    "scratch": "1:1:6",      # cement : lime : sand by volume
    "brown": "1:1:5",
    "finish": "1:2:8",
}
BULK_DENSITY = {"cement": 1.44, "lime": 0.56, "sand": 1.6}   # kg per litre


def parse_ratio(spec):
    parts = [float(p) for p in spec.split(":")]
    if len(parts) != len(MATERIALS) or min(parts) < 0:
        raise ValueError(f"bad recipe {spec!r}")
    return parts


class Silo:
    def __init__(self, material, kg):
        self.material = material
        self.kg_left = kg

    def draw(self, kg):
        """Run the auger until kg has been dispensed; 0 when the silo is short."""
        if self.kg_left >= kg:  # expect: GIL003 -- two gangs can both pass the test and overdraw the silo
            time.sleep(0.0005)          # auger runs
            self.kg_left -= kg  # expect: GIL002 -- one Silo object is shared by every gang
            return kg
        return 0.0


class LockedSilo(Silo):
    def __init__(self, material, kg):
        super().__init__(material, kg)
        self._lock = threading.Lock()

    def draw(self, kg):
        with self._lock:
            if self.kg_left >= kg:  # ok: GIL003 -- test and draw both under the silo lock
                time.sleep(0.0005)
                self.kg_left -= kg  # ok: GIL002 -- under the silo lock
                return kg
        return 0.0


class Mixer:
    def __init__(self, drum_litres):
        self.drum_litres = drum_litres
        self.drum_turns = 0
        self._lock = threading.Lock()

    def charge(self, recipe):
        self._lock.acquire()  # expect: GIL005 -- parse_ratio raises on a bad recipe with the drum still locked
        ratio = parse_ratio(recipe)
        self.drum_turns += 1  # ok: GIL002 -- the drum lock is held from acquire() to release() here
        time.sleep(0.001 * sum(ratio) / len(ratio))   # drum turns
        self._lock.release()


material_used = {}
tally_lock = threading.Lock()


def record_use(material, kg):
    with tally_lock:
        material_used[material] = material_used.get(material, 0.0) + kg  # ok: GIL002 -- under tally_lock


class Gang:
    def __init__(self, name, coat, silos, mixer, batches, batch_litres):
        self.name = name
        self.coat = coat
        self.silos = silos
        self.mixer = mixer
        self.batches = batches
        self.batch_litres = batch_litres
        self.mixed = 0
        self.short = []

    def mix_one(self, ratio):
        total = sum(ratio)
        for material, part in zip(MATERIALS, ratio):
            litres = self.batch_litres * part / total
            kg = round(litres * BULK_DENSITY[material], 2)
            got = self.silos[material].draw(kg)
            if got:
                record_use(material, got)
            else:
                self.short.append(material)
        self.mixer.charge(RECIPES[self.coat])

    def work(self):
        ratio = parse_ratio(RECIPES[self.coat])
        for _ in range(self.batches):  # ok: GIL001 -- each batch waits on the augers and the drum
            self.mix_one(ratio)
            self.mixed += 1  # ok: GIL002 -- each Gang object is driven by exactly one thread


def build_plant():
    silos = {
        "cement": LockedSilo("cement", 900.0),
        "lime": Silo("lime", 160.0),
        "sand": Silo("sand", 6000.0),
    }
    return silos, Mixer(drum_litres=120)


def main():
    silos, mixer = build_plant()
    make_gang = functools.partial(Gang, silos=silos, mixer=mixer, batch_litres=60)
    gangs = [
        make_gang("Ana", "scratch", batches=12),
        make_gang("Bo", "brown", batches=12),
        make_gang("Cy", "finish", batches=10),
        make_gang("Di", "brown", batches=10),
    ]
    threads = [threading.Thread(target=g.work, name=f"gang-{g.name}") for g in gangs]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start

    print(f"{sum(g.mixed for g in gangs)} batches in {elapsed:.2f}s, "
          f"{mixer.drum_turns} drum turns")
    for g in gangs:
        print(f"  {g.name:<3} {g.coat:<8} mixed {g.mixed:2d}, short of {sorted(set(g.short))}")
    for name, silo in silos.items():
        print(f"  silo {name:<6} {silo.kg_left:8.2f} kg left")
    for material in MATERIALS:
        print(f"  used {material:<6} {material_used.get(material, 0.0):8.2f} kg")


if __name__ == "__main__":
    main()
