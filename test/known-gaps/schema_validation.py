# Models a validator registry with lazily compiled schemas used by thread workers, with batch digests sent to processes.
"""Record validation: compiled schemas cached per record type, work split across pools."""
import hashlib
import re
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

_SCHEMAS = {
    "user": {"email": r"[\w.]+@[\w.]+\.\w+", "age": r"\d{1,3}"},
    "order": {"sku": r"SKU-\d{5}", "qty": r"\d+"},
}
_compiled = {}
_compiled_lock = threading.Lock()
_adhoc = {}
validated_counts = {"user": 0, "order": 0}
failures_total = 0


def compiled_schema(kind):
    """Compile a schema's field patterns once and reuse them."""
    if kind in _compiled:  # ok: GIL003
        return _compiled[kind]
    with _compiled_lock:
        if kind not in _compiled:  # ok: GIL003
            _compiled[kind] = {f: re.compile(p) for f, p in _SCHEMAS[kind].items()}
        return _compiled[kind]


def adhoc_pattern(expr):
    """Compile an ad-hoc rule supplied by the caller."""
    if expr not in _adhoc:  # expect: GIL003
        _adhoc[expr] = re.compile(expr)
    return _adhoc[expr]


def record_ok(schema, rule, rec):
    """True when every field matches its pattern and the optional rule."""
    if rule is not None and not rule.search(str(rec)):
        return False
    return all(p.fullmatch(rec.get(f, "")) for f, p in schema.items())


def validate_batch(kind, records, extra_rule=None):
    """Return the indexes of records that fail validation."""
    global failures_total
    schema = compiled_schema(kind)
    rule = adhoc_pattern(extra_rule) if extra_rule else None
    bad = [i for i, rec in enumerate(records) if not record_ok(schema, rule, rec)]  # expect: GIL001
    validated_counts[kind] += len(records)  # expect: GIL002
    with _compiled_lock:
        failures_total += len(bad)  # ok: GIL002
    return bad


def digest_batch(records):
    """Order-independent checksum of a batch (runs in worker processes)."""
    acc = 0
    for rec in records:  # ok: GIL001
        for field, value in rec.items():
            acc ^= (sum(map(ord, field)) * 31 + sum(map(ord, value))) & 0xFFFFFFFF
    return acc


def export_digest(blob, chunk=1 << 20):
    """SHA-256 of an export file held in memory."""
    h = hashlib.sha256()
    for off in range(0, len(blob), chunk):  # ok: GIL001
        h.update(blob[off:off + chunk])
    return h.hexdigest()


def make_records(kind, n):
    if kind == "user":
        return [{"email": f"u{i}@example.org", "age": str(i % 120 if i % 97 else 1000)} for i in range(n)]
    return [{"sku": f"SKU-{i:05d}" if i % 89 else "SKU-x", "qty": str(i % 9)} for i in range(n)]


def main():
    batches = [("user", make_records("user", 20_000)), ("order", make_records("order", 20_000)),
               ("user", make_records("user", 15_000)), ("order", make_records("order", 15_000))]
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(validate_batch, kind, recs, r"\d" if kind == "order" else None)
                   for kind, recs in batches]
        blob_future = pool.submit(export_digest, b"x" * (6 << 20))
        bad = [f.result() for f in futures]
        blob_digest = blob_future.result()
    with ProcessPoolExecutor(max_workers=2) as procs:
        digests = list(procs.map(digest_batch, [recs for _, recs in batches]))
    for (kind, recs), failing, dg in zip(batches, bad, digests):
        print(f"{kind:5s} records={len(recs)} failing={len(failing)} digest={dg:08x}")
    print("validated:", validated_counts, "failures:", failures_total)
    print("export sha256:", blob_digest[:16])


if __name__ == "__main__":
    main()
