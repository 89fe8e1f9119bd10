"""Check-in kiosk backend (asyncio): seat maps, fare rules and bag tags.

Seat maps and fare rules are published as JSON documents by the ops team;
in this demo they are written to a temp directory and read via file:// URLs.
"""
import asyncio
import json
import pathlib
import tempfile
import time
import urllib.request


def load_seat_map(url):
    with urllib.request.urlopen(url) as resp:  # expect: GIL004
        return json.load(resp)


def fetch_fare_rules(url):
    with urllib.request.urlopen(url) as resp:  # ok: GIL004
        return json.load(resp)


async def print_bag_tags(pnr, bags):
    await asyncio.sleep(0.01)  # ok: GIL004
    return [f"{pnr}-BAG{i}" for i in range(1, bags + 1)]


async def check_in(pnr, bags, seat_map_url, rules, taken):
    seat_map = load_seat_map(seat_map_url)
    free = [s for s in seat_map["seats"] if s not in taken]
    seat = free[0] if free else "STBY"
    taken.add(seat)
    fee = max(0, bags - rules["free_bags"]) * rules["excess_fee"]
    tags = await print_bag_tags(pnr, bags)
    time.sleep(0.004)  # expect: GIL004
    return f"{pnr}: seat {seat}, {len(tags)} bag tag(s), excess fee {fee} EUR"


async def main(workdir):
    seat_file = workdir / "seatmap_LX318.json"
    rules_file = workdir / "fare_rules_LX.json"
    seat_file.write_text(json.dumps({"flight": "LX318", "seats": [f"{r}{c}" for r in range(10, 14) for c in "ACDF"]}))
    rules_file.write_text(json.dumps({"free_bags": 1, "excess_fee": 60}))
    loop = asyncio.get_running_loop()
    rules = await loop.run_in_executor(None, fetch_fare_rules, rules_file.as_uri())
    taken = set()
    passengers = [("K8ZQ2M", 1), ("P3LW9A", 2), ("H7TT1C", 0), ("Q2MX5R", 3), ("Z9BB4D", 1)]
    started = time.perf_counter()
    receipts = await asyncio.gather(
        *(check_in(pnr, bags, seat_file.as_uri(), rules, taken) for pnr, bags in passengers)
    )
    for line in receipts:
        print(line)
    print(f"{len(receipts)} passengers checked in in {time.perf_counter() - started:.2f}s")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(main(pathlib.Path(tmp)))
