#!/usr/bin/env python3
"""Flight itinerary validator with lazily built airport lookup tables.

The airport-code table is built on first use by whichever worker gets there
first; the timezone table uses a lock so it is built exactly once.
"""
import threading
from concurrent.futures import ThreadPoolExecutor

RAW_AIRPORTS = [("AP%04d" % i, "City %d" % (i % 97), (i * 37) % 24 - 11) for i in range(30000)]  # ok: GIL001

_code_index = None
_tz_index = None
_tz_lock = threading.Lock()
builds = {"codes": 0, "tz": 0}


def _build_code_index():
    table = {}
    for code, city, _ in RAW_AIRPORTS:  # expect: GIL001
        table[code.lower()] = city.upper()
    return table


def code_index():
    global _code_index
    if _code_index is None:  # expect: GIL003
        _code_index = _build_code_index()
        builds["codes"] += 1  # expect: GIL002
    return _code_index


def tz_index():
    global _tz_index
    if _tz_index is None:  # ok: GIL003
        with _tz_lock:
            if _tz_index is None:  # ok: GIL003
                _tz_index = {code: offset for code, _, offset in RAW_AIRPORTS}  # expect: GIL001
                builds["tz"] += 1  # ok: GIL002
    return _tz_index


def validate(itinerary):
    legs = itinerary.split("-")
    codes = code_index()
    tz = tz_index()
    cities = [codes.get(leg.lower(), "?") for leg in legs]
    shift = sum(tz.get(leg, 0) for leg in legs)
    return "%s: %s (tz shift %+d)" % (itinerary, " > ".join(cities), shift)


def main():
    itineraries = [
        "AP0001-AP0450-AP1203",
        "AP0099-AP2000",
        "AP0007-AP0008-AP0009-AP0010",
        "AP9999-AP0001",
        "AP0500-AP12000-AP29999",
        "AP0042-XX0000",
    ]
    with ThreadPoolExecutor(max_workers=6) as pool:
        for line in pool.map(validate, itineraries):
            print(line)
    print("code index built %d time(s), tz index built %d time(s)"
          % (builds["codes"], builds["tz"]))


if __name__ == "__main__":
    main()
