"""Driver gateway on asyncio: location pings are geocoded; finished trips go to a ledger file."""
import asyncio
import json
import pathlib
import tempfile
import threading
import time
import urllib.request

ledger_lock = threading.Lock()
ledger_rows = []


def reverse_geocode(lat, lon):
    time.sleep(0.004)  # expect: GIL004
    return f"{lat:.3f},{lon:.3f} near Main St"


def persist_trip(path, trip):
    ledger_lock.acquire()  # expect: GIL005
    if trip["fare"] <= 0:
        return False  # promo trips are not written to the ledger
    ledger_rows.append(trip["id"])
    with open(path, "a") as fh:
        fh.write(json.dumps(trip) + "\n")
    ledger_lock.release()
    return True


def archive_shift(path, driver_id):
    time.sleep(0.003)  # ok: GIL004
    return f"{driver_id}: {pathlib.Path(path).stat().st_size} bytes archived"


class Gateway:
    def __init__(self, zones_url):
        self.zones_url = zones_url
        self.pings = 0
        self.last_street = {}

    async def load_zones(self):
        with urllib.request.urlopen(self.zones_url) as resp:  # expect: GIL004
            return json.load(resp)

    async def handle_ping(self, driver_id, lat, lon):
        self.pings += 1  # ok: GIL002
        if driver_id not in self.last_street:  # ok: GIL003
            self.last_street[driver_id] = []
        self.last_street[driver_id].append(reverse_geocode(lat, lon))
        await asyncio.sleep(0.002)  # ok: GIL004

    async def finish_trip(self, path, trip):
        return await asyncio.to_thread(persist_trip, path, trip)


async def main(workdir):
    zones_file = pathlib.Path(workdir, "zones.json")
    zones_file.write_text(json.dumps({"downtown": [40.70, -74.01], "airport": [40.64, -73.78]}))
    ledger = pathlib.Path(workdir, "ledger.jsonl")
    gw = Gateway(zones_file.as_uri())
    zones = await gw.load_zones()
    start = time.perf_counter()
    pings = [gw.handle_ping(f"drv-{i % 6}", 40.7 + i * 0.001, -74.0) for i in range(30)]
    await asyncio.gather(*pings)
    trips = [{"id": f"trip-{i}", "driver": f"drv-{i % 6}", "fare": 8.5 + i} for i in range(12)]
    written = await asyncio.gather(*(gw.finish_trip(ledger, t) for t in trips))
    loop = asyncio.get_running_loop()
    note = await loop.run_in_executor(None, archive_shift, ledger, "drv-0")
    print(f"zones {sorted(zones)}; {gw.pings} pings in {time.perf_counter() - start:.2f}s")
    print(f"trips written {sum(written)} of {len(trips)}; ledger rows {len(ledger_rows)}")
    print(note)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(main(tmp))
