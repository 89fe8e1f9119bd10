"""Lint a directory of DNS zone files concurrently and summarise the problems found."""
import asyncio
import re
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

MAX_PROBLEMS = 50
MIN_TTL = 300
RECORD_RE = re.compile(r"^(?P<name>\S+)\s+(?P<ttl>\d+)\s+IN\s+(?P<type>[A-Z]+)\s+(?P<data>.+)$")

ZONES = {
    "example.org": "@ 3600 IN SOA ns1 admin 1 7200 900 1209600 300\n@ 3600 IN NS ns1\nwww 60 IN A 192.0.2.10\nmail 3600 IN MX 10 mx1\n",
    "corp.test": "; internal zone\n@ 86400 IN NS ns1\nvpn 600 IN A 10.0.0.300\nintranet 600 IN CNAME www\nintranet 600 IN A 10.0.0.8\n",
    "shop.example": "@ 3600 IN NS ns1\ncdn 30 IN CNAME edge.example.net.\napi 3600 IN AAAA 2001:db8::1\nbad line here\n",
}


class LintStats:
    def __init__(self):
        self._lock = threading.Lock()
        self.records = 0
        self.problems: list[str] = []
        self.truncated = False

    def add(self, count: int, problems: list[str]) -> None:
        with self._lock:
            self.records += count  # ok: GIL002
            if len(self.problems) + len(problems) <= MAX_PROBLEMS:  # ok: GIL003
                self.problems.extend(problems)
            else:
                self.truncated = True


def lint_zone(origin: str, text: str, stats: LintStats) -> tuple[str, int]:
    problems = []
    seen_types: dict[str, set[str]] = {}
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith(";")]
    for line in lines:  # ok: GIL001
        m = RECORD_RE.match(line)
        if not m:
            problems.append(f"{origin}: unparsable record {line!r}")
            continue
        name, ttl, rtype, data = m["name"], int(m["ttl"]), m["type"], m["data"]
        if ttl < MIN_TTL:
            problems.append(f"{origin}: {name} TTL {ttl} below {MIN_TTL}")
        if rtype == "A" and any(int(o) > 255 for o in data.split(".")):
            problems.append(f"{origin}: {name} has invalid IPv4 {data}")
        types = seen_types.setdefault(name, set())
        if "CNAME" in types | {rtype} and len(types | {rtype}) > 1:
            problems.append(f"{origin}: {name} mixes CNAME with other data")
        types.add(rtype)
    stats.add(len(lines), problems)
    return origin, len(problems)


async def lint_all(paths: list[Path], pool: ThreadPoolExecutor, stats: LintStats) -> list[tuple[str, int]]:
    texts = await asyncio.gather(*(asyncio.to_thread(p.read_text, encoding="utf-8") for p in paths))  # ok: GIL004
    futures = [pool.submit(lint_zone, p.stem, text, stats) for p, text in zip(paths, texts)]
    return [await asyncio.wrap_future(f) for f in futures]


def main() -> None:
    stats = LintStats()
    watchdog = threading.Timer(10.0, lambda: print("lint run is taking unusually long"))
    watchdog.start()
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for origin, body in ZONES.items():
            path = Path(tmp) / f"{origin}.zone"
            path.write_text(body, encoding="utf-8")
            paths.append(path)
        with ThreadPoolExecutor(max_workers=3, thread_name_prefix="lint") as pool:
            results = asyncio.run(lint_all(paths, pool, stats))
    watchdog.cancel()
    for origin, count in results:
        print(f"{origin:14} {count} problem(s)")
    print(f"{stats.records} records checked")
    for problem in stats.problems:
        print("  -", problem)


if __name__ == "__main__":
    main()
