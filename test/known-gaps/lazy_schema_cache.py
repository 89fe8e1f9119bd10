"""Validate CSV partitions against a lazily loaded JSON schema shared by all validators."""
import csv
import json
import os
import random
import tempfile
import threading

PARTITIONS = 4
ROWS_PER_PARTITION = 15_000      # 15k rows type-checked per thread
COLUMNS = [{"name": "patient_id", "type": "int"}, {"name": "ward", "type": "str"},
           {"name": "temp_c", "type": "float"}, {"name": "pulse", "type": "int"}]
CASTS = {"int": int, "float": float, "str": str}


class SchemaRegistry:
    def __init__(self, schema_path):
        self.schema_path = schema_path
        self.schema = None
        self.loads = 0
        self._types = None
        self._lock = threading.Lock()

    def get_schema(self):
        if self.schema is None:  # expect: GIL003
            with open(self.schema_path) as f:
                self.schema = json.load(f)
            self.loads += 1  # expect: GIL002
        return self.schema

    def column_types(self):
        with self._lock:
            if self._types is None:  # ok: GIL003
                self._types = [CASTS[c["type"]] for c in self.get_schema()["columns"]]
        return self._types


def validate(registry, path, slot, bad_rows, tables):
    tables[slot] = registry.get_schema()["table"]
    casts = registry.column_types()
    bad = 0
    with open(path, newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for row in reader:  # expect: GIL001
            try:
                for cast, value in zip(casts, row):
                    cast(value)
            except ValueError:
                bad += 1
    bad_rows[slot] = bad


def main():
    rng = random.Random(37)
    with tempfile.TemporaryDirectory() as tmp:
        schema_path = os.path.join(tmp, "vitals.schema.json")
        with open(schema_path, "w") as f:
            json.dump({"table": "vitals", "columns": COLUMNS}, f)
        paths = []
        for p in range(PARTITIONS):
            path = os.path.join(tmp, f"vitals-part{p}.csv")
            with open(path, "w", newline="") as f:
                w = csv.writer(f)
                w.writerow([c["name"] for c in COLUMNS])
                for i in range(ROWS_PER_PARTITION):
                    temp = "n/a" if rng.random() < 0.01 else f"{rng.gauss(37.0, 0.6):.1f}"
                    w.writerow([p * ROWS_PER_PARTITION + i, rng.choice("ABCD"), temp,
                                rng.randint(50, 120)])
            paths.append(path)
        registry = SchemaRegistry(schema_path)
        bad_rows = [0] * PARTITIONS
        tables = [None] * PARTITIONS
        threads = [threading.Thread(target=validate, args=(registry, path, i, bad_rows, tables))
                   for i, path in enumerate(paths)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with open(os.path.join(tmp, "validation.txt"), "w") as out:
            for path, bad in zip(paths, bad_rows):
                out.write(f"{tables[0]}/{os.path.basename(path)}: {bad} bad rows\n")
            out.write(f"schema loads: {registry.loads}\n")
        print(open(os.path.join(tmp, "validation.txt")).read(), end="")


if __name__ == "__main__":
    main()
