"""Pre-deploy linter for BIND-style zone files.

Before the zone push, every zone is linted in its own thread: owner names and
labels are validated, TTLs must be numeric and within policy, A records need a
well-formed IPv4 address, MX preferences must be integers and a CNAME owner may
not carry other data.  Issues go into one LintReport that the deploy gate reads.
"""
from __future__ import annotations

import logging
import random
import threading
from collections import defaultdict
from dataclasses import dataclass

log = logging.getLogger("dns.lint")

KNOWN_TYPES = {"A", "AAAA", "CNAME", "MX", "NS", "TXT", "SOA", "SRV", "CAA"}
MAX_TTL = 7 * 86400
_local = threading.local()


@dataclass(frozen=True)
class Issue:
    zone: str
    line: int
    code: str
    detail: str


class LintReport:
    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.counts: dict[str, int] = defaultdict(int)
        self.zones_checked = 0
        self.records_checked = 0
        self._lock = threading.Lock()

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)
        self.counts[issue.code] += 1  # expect: GIL002

    def finish_zone(self, zone: str, records: int) -> None:
        with self._lock:
            self.zones_checked += 1  # ok: GIL002
            self.records_checked += records  # ok: GIL002
        log.info("%s: %d records checked", zone, records)


def valid_label(label: str) -> bool:
    if not 0 < len(label) <= 63 or label[0] == "-" or label[-1] == "-":
        return False
    return all(ch.isalnum() or ch in "-_*" for ch in label)


def valid_ipv4(text: str) -> bool:
    parts = text.split(".")
    return len(parts) == 4 and all(p.isdigit() and int(p) <= 255 and str(int(p)) == p for p in parts)


def seen_owners() -> dict[str, set[str]]:
    """Owner -> record types, kept per linting thread."""
    if not hasattr(_local, "owners"):  # ok: GIL003
        _local.owners = {}
    return _local.owners


class ZoneLinter:
    def __init__(self, report: LintReport, default_ttl: int = 3600):
        self.report = report
        self.default_ttl = default_ttl

    def _issue(self, zone: str, lineno: int, code: str, detail: str) -> None:
        self.report.add(Issue(zone, lineno, code, detail))

    def lint(self, origin: str, text: str) -> None:
        owners = seen_owners()
        owners.clear()
        records = 0
        last_owner = origin
        for lineno, raw in enumerate(text.splitlines(), 1):  # expect: GIL001
            line = raw.split(";", 1)[0].rstrip()
            if not line or line.startswith("$"):
                continue
            fields = line.split()
            if raw[0] in " \t":
                owner = last_owner
            else:
                owner = fields.pop(0)
                owner = origin if owner == "@" else owner if owner.endswith(".") else f"{owner}.{origin}"
                last_owner = owner
            if fields and fields[0].isdigit():
                if int(fields.pop(0)) > MAX_TTL:
                    self._issue(origin, lineno, "TTL_TOO_LONG", owner)
            if fields and fields[0] == "IN":
                fields.pop(0)
            if not fields or fields[0] not in KNOWN_TYPES:
                self._issue(origin, lineno, "UNKNOWN_TYPE", line)
                continue
            rtype, rdata = fields[0], fields[1:]
            if not all(valid_label(lbl) for lbl in owner.rstrip(".").split(".")):
                self._issue(origin, lineno, "BAD_OWNER", owner)
            if rtype == "A" and (len(rdata) != 1 or not valid_ipv4(rdata[0])):
                self._issue(origin, lineno, "BAD_A", " ".join(rdata))
            elif rtype == "MX" and (len(rdata) != 2 or not rdata[0].isdigit()):
                self._issue(origin, lineno, "BAD_MX", " ".join(rdata))
            types = owners.setdefault(owner, set())
            if "CNAME" in types or (rtype == "CNAME" and types):
                self._issue(origin, lineno, "CNAME_AND_OTHER", owner)
            types.add(rtype)
            records += 1
        self.report.finish_zone(origin, records)


def spawn(fn, *args, name: str | None = None, **kwargs) -> threading.Thread:
    t = threading.Thread(target=fn, args=args, kwargs=kwargs, name=name, daemon=True)
    t.start()
    return t


def synth_zone(origin: str, n: int, seed: int) -> str:
    rng = random.Random(seed)
    out = [f"$ORIGIN {origin}", "$TTL 3600",
           f"@ IN SOA ns1.{origin} hostmaster.{origin} 2024060101 7200 3600 1209600 3600",
           f"@ IN NS ns1.{origin}", "@ IN MX 10 mail"]
    for i in range(n):
        host = f"host{i}" if i % 211 else f"-bad{i}"
        roll = rng.random()
        if roll < 0.6:
            octet = rng.randrange(256) if i % 157 else 300
            out.append(f"{host} {rng.choice(['300', '3600', '86400'])} IN A 198.51.100.{octet}")
            out.append(f"  IN TXT \"v=host{i}\" ; inventory tag")
        elif roll < 0.8:
            out.append(f"{host} IN CNAME host{rng.randrange(max(i, 1))}")
            if i % 97 == 0:
                out.append(f"{host} IN A 198.51.100.7")
        else:
            out.append(f"{host} IN MX {rng.randrange(5, 50)} mx{i % 3}.{origin}")
    return "\n".join(out) + "\n"


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(threadName)s %(message)s")
    zones = {f"{name}.example.": synth_zone(f"{name}.example.", 5_000, seed=i)
             for i, name in enumerate(["corp", "shop", "edge"])}
    report = LintReport()
    linter = ZoneLinter(report)
    threads = [spawn(linter.lint, origin, text, name=f"lint-{origin}") for origin, text in zones.items()]
    for t in threads:
        t.join()

    blocking = {code: n for code, n in report.counts.items() if code != "TTL_TOO_LONG"}
    print(f"zones = {report.zones_checked}, records = {report.records_checked}")
    print(f"issues = {len(report.issues)} (sum of counts {sum(report.counts.values())})")
    print(f"by code: {dict(sorted(report.counts.items()))}")
    print("deploy gate: " + ("BLOCKED" if blocking else "open"))


if __name__ == "__main__":
    main()
