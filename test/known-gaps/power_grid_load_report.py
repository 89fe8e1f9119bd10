"""Power grid operator: the nightly report for two regions, done in worker threads.

For each region one thread ranks 24 hourly batches of 20,000 smart-meter readings with
sorted() to find each hour's 95th percentile, one thread prices every reading of the day
(480,000 values) in one generator expression, and one thread compresses four raw CSV
blocks of about 1 MB each with zlib for the archive.

Lessons: sorted() on big lists keeps the GIL, so a loop of them in a thread is CPU-bound;
so is a big generator expression; zlib.compress on 1 MB buffers releases the GIL, so the
archive loop is not; building the data in the main thread is not a thread's work.
"""
import random
import threading
import zlib

HOURS = 24
METERS = 20_000
TARIFF_PER_KWH = 0.31
REGIONS = ["coastal", "highland"]

rng = random.Random(2024)
hourly_loads = {region: [[rng.gauss(1.2, 0.4) for _ in range(METERS)] for _ in range(HOURS)]  # ok: GIL001
                for region in REGIONS}
raw_csv_blocks = {region: [",".join(f"{kw:.3f}" for kw in hour[:5_000]).encode() * 30
                           for hour in hourly_loads[region][:4]]
                  for region in REGIONS}
peak_p95, day_bill, archive_bytes = {}, {}, {}


def rank_hours(region):
    hourly_p95 = []
    for loads in hourly_loads[region]:  # expect: GIL001
        ranked = sorted(loads)
        hourly_p95.append(ranked[int(len(ranked) * 0.95)])
    peak_p95[region] = max(hourly_p95)


def price_day(region):
    day_bill[region] = sum(kw * TARIFF_PER_KWH for hour in hourly_loads[region] for kw in hour)  # expect: GIL001


def archive_raw(region):
    compressed_sizes = []
    for block in raw_csv_blocks[region]:  # ok: GIL001
        compressed_sizes.append(len(zlib.compress(block, 6)))
    archive_bytes[region] = sum(compressed_sizes)


workers = [threading.Thread(target=job, args=(region,))
           for region in REGIONS for job in (rank_hours, price_day, archive_raw)]
for t in workers:
    t.start()
for t in workers:
    t.join()
for region in REGIONS:
    print(f"{region:9s} peak p95 {peak_p95[region]:.2f} kW, bill {day_bill[region]:,.0f}, "
          f"archive {archive_bytes[region]:,} bytes")
