#!/usr/bin/env python3
"""Drain a backlog of HMAC-signed webhook deliveries with verifier threads.

Each delivery carries sender, nonce, body and a hex signature.  Invalid
signatures are tallied per sender; a nonce seen twice is a replay.
"""
import hashlib
import hmac
import json
import random
import secrets
import threading

SENDERS = {name: secrets.token_bytes(32) for name in ("billing", "shipping", "crm")}
BACKLOG = 6_000
WORKERS = 4

seen_nonces = set()
rejects_by_sender = {}


def sign(sender, body):
    return hmac.new(SENDERS[sender], body, hashlib.sha256).hexdigest()


def build_backlog(n):
    rng = random.Random(7)
    names = sorted(SENDERS)
    deliveries = []
    for i in range(n):  # ok: GIL001
        sender = rng.choice(names)
        body = json.dumps({"event": "invoice.paid", "id": i, "cents": rng.randint(100, 99_999)}).encode()
        sig = sign(sender, body)
        if i % 97 == 0:
            body = body.replace(b"invoice.paid", b"refund.sent!")
        nonce = f"n-{i - 1 if i % 250 == 1 else i}"
        deliveries.append({"id": i, "sender": sender, "nonce": nonce, "body": body, "sig": sig})
    return deliveries


class Verifier(threading.Thread):
    def __init__(self, batch, index):
        super().__init__(name=f"verifier-{index}")
        self.batch = batch
        self.accepted = []
        self.replays = 0

    def run(self):
        for d in self.batch:  # expect: GIL001
            if d["nonce"] in seen_nonces:  # expect: GIL003
                self.replays += 1  # ok: GIL002
                continue
            seen_nonces.add(d["nonce"])
            if hmac.compare_digest(sign(d["sender"], d["body"]), d["sig"]):
                self.accepted.append(d["id"])
            else:
                rejects_by_sender[d["sender"]] = rejects_by_sender.get(d["sender"], 0) + 1  # expect: GIL002


def main():
    backlog = build_backlog(BACKLOG)
    verifiers = [Verifier(backlog[i::WORKERS], i) for i in range(WORKERS)]
    for v in verifiers:
        v.start()
    for v in verifiers:
        v.join()
    accepted = sum(len(v.accepted) for v in verifiers)
    replays = sum(v.replays for v in verifiers)
    print(f"deliveries={len(backlog)} accepted={accepted} replays={replays}")
    for sender in sorted(rejects_by_sender):
        print(f"  bad signatures from {sender}: {rejects_by_sender[sender]}")
    print(f"unique nonces: {len(seen_nonces)}")


if __name__ == "__main__":
    main()
