"""Lint generated RPC stubs in memory: long lines, trailing whitespace, tabs and leftover TODOs."""
import re
import threading
from concurrent.futures import ThreadPoolExecutor

MAX_LEN = 88
TODO_RE = re.compile(r"#\s*(TODO|FIXME)\b")


def generate_stub(service, n_methods):
    out = [f"# generated from {service}.proto -- do not edit", f"class {service.title()}Stub:"]
    for i in range(n_methods):  # ok: GIL001
        out.append(f"    def call_{i}(self, request, *, timeout=None, metadata=None, compression=None, retry=None):")
        body = "        return self._channel.unary(request)"
        out.append(body + ("  " if i % 7 == 0 else ""))
        if i % 50 == 0:
            out.append("    # TODO: streaming variant")
        if i % 120 == 0:
            out.append("\treturn None")
    return "\n".join(out)


# Built by the main thread before any worker starts; workers only read it.
GENERATED = {f"gen/{s}_pb2_grpc.py": generate_stub(s, 600) for s in ("users", "billing", "search", "audit")}

rule_counts = {}
counts_lock = threading.Lock()
worst = {"file": None, "len": 0}


def check_line(line):
    if len(line) > MAX_LEN:
        return "E501 line too long"
    if line != line.rstrip():
        return "W291 trailing whitespace"
    if "\t" in line:
        return "W191 tab indentation"
    if TODO_RE.search(line):
        return "T001 TODO left in generated code"
    return None


def lint_file(path):
    findings = 0
    longest = 0
    for line in GENERATED[path].splitlines():  # expect: GIL001
        longest = max(longest, len(line))
        rule = check_line(line)
        if rule is None:
            continue
        findings += 1  # ok: GIL002
        with counts_lock:
            rule_counts[rule] = rule_counts.get(rule, 0) + 1  # ok: GIL002
    with counts_lock:
        if longest > worst["len"]:  # ok: GIL003
            worst.update(file=path, len=longest)
    return path, findings


def main():
    with ThreadPoolExecutor(max_workers=4) as pool:
        per_file = list(pool.map(lint_file, sorted(GENERATED)))
    total = 0
    for path, n in per_file:
        total += n  # ok: GIL002
        print(f"{path}: {n} findings")
    for rule, n in sorted(rule_counts.items()):
        print(f"  {n:5d}  {rule}")
    print(f"{total} findings; longest line {worst['len']} chars in {worst['file']}")


if __name__ == "__main__":
    main()
