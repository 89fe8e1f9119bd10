#!/usr/bin/env python3
"""Redact e-mails, phone numbers and card numbers from support transcripts in parallel."""
import functools
import re
import threading
from collections import Counter

COMBINED = re.compile(
    r"(?P<email>[\w.+-]+@[\w-]+\.[\w.]+)"
    r"|(?P<phone>\+?\d{1,2}[ -]?\(?\d{3}\)?[ -]?\d{3}-\d{4})"
    r"|(?P<card>\b(?:\d{4}[ -]){3}\d{4}\b)"
)
TEMPLATES = [
    "Customer {n} wrote from jane.doe{n}@mail.example.com about a refund.",
    "Call me back at +1 (555) 010-{n:04d} after five.",
    "My card 4111 1111 1111 {n:04d} was charged twice.",
    "Agent {n}: thanks, the ticket is now closed.",
]
AUDIT_LIMIT = 10_000

redaction_counts = Counter()
counts_lock = threading.Lock()
total_redacted = 0
audit_trail = []
audit_lock = threading.Lock()


def redact_line(line):
    found = []

    def repl(m):
        found.append(m.lastgroup)
        return "[" + m.lastgroup.upper() + "]"

    return COMBINED.sub(repl, line), found


def note_redactions(found):
    global total_redacted
    with counts_lock:
        redaction_counts.update(found)
    total_redacted += len(found)  # expect: GIL002


def redact_lines(worker_name, lines, outputs):
    cleaned = []
    for line_no, line in enumerate(lines):  # expect: GIL001
        text, found = redact_line(line)
        cleaned.append(text)
        if not found:
            continue
        note_redactions(found)
        audit_lock.acquire()  # expect: GIL005
        if len(audit_trail) >= AUDIT_LIMIT:  # ok: GIL003
            break
        audit_trail.append(f"{worker_name}:{line_no}:{','.join(found)}")
        audit_lock.release()
    outputs[worker_name] = cleaned


def main():
    transcript = [TEMPLATES[i % len(TEMPLATES)].format(n=i) for i in range(1600)]
    outputs = {}
    workers = []
    for i in range(4):
        name = f"redactor-{i}"
        target = functools.partial(redact_lines, name, transcript[i::4], outputs)
        workers.append(threading.Thread(target=target, name=name))
    for w in workers:
        w.start()
    for w in workers:
        w.join()

    print(f"redacted {total_redacted} spans: {dict(redaction_counts)}")
    print(f"audit entries: {len(audit_trail)}")
    for name in sorted(outputs):
        print(f"{name}: {outputs[name][1]}")


if __name__ == "__main__":
    main()
