#!/usr/bin/env python3
"""Tamper-evident audit trail: every entry commits to the previous entry's hash.

Handler threads append entries (retried requests reuse their request id,
which should make the append idempotent); a background verifier thread
re-walks the whole chain periodically.
"""
import hashlib
import json
import threading
import time

GENESIS = "0" * 64


def entry_hash(prev, body):
    return hashlib.sha256((prev + body).encode()).hexdigest()


def verify_chain(entries):
    prev = GENESIS
    for position, entry in enumerate(entries):  # expect: GIL001
        if entry["prev"] != prev or entry_hash(prev, entry["body"]) != entry["hash"]:
            return position
        prev = entry["hash"]
    return -1


class AuditTrail:
    def __init__(self):
        self.entries = []
        self.head = GENESIS
        self.by_request = {}
        self.lock = threading.Lock()
        self.bytes_logged = 0
        self.appends = 0

    def append(self, request_id, actor, action):
        if request_id in self.by_request:  # expect: GIL003
            return self.by_request[request_id]
        body = json.dumps({"req": request_id, "actor": actor, "action": action, "ts": time.time()}, sort_keys=True)
        self.bytes_logged += len(body)  # expect: GIL002
        with self.lock:
            digest = entry_hash(self.head, body)
            self.entries.append({"prev": self.head, "body": body, "hash": digest})
            self.head = digest
            self.by_request[request_id] = digest
            self.appends += 1  # ok: GIL002
        return digest

    def snapshot(self):
        with self.lock:
            return list(self.entries)


class ChainVerifier(threading.Thread):
    def __init__(self, trail, interval):
        super().__init__(name="chain-verifier")
        self.trail = trail
        self.interval = interval
        self.stop_event = threading.Event()
        self.passes = 0
        self.first_bad = -1

    def run(self):
        while not self.stop_event.wait(self.interval):  # ok: GIL001
            self.first_bad = verify_chain(self.trail.snapshot())
            self.passes += 1  # ok: GIL002


def handler(trail, worker_id, request_ids):
    for n, request_id in enumerate(request_ids):  # ok: GIL001
        trail.append(request_id, f"user{worker_id}", "login" if n % 3 == 0 else "update")
        time.sleep(0.001)


def main():
    trail = AuditTrail()
    verifier = ChainVerifier(trail, interval=0.02)
    verifier.start()
    workloads = []
    for w in range(4):
        ids = [f"r{w}-{i}" for i in range(50)]
        ids[10::10] = [f"retry-{i}" for i in range(4)]
        workloads.append(ids)
    handlers = [threading.Thread(target=handler, args=(trail, w, ids)) for w, ids in enumerate(workloads)]
    for h in handlers:
        h.start()
    for h in handlers:
        h.join()
    verifier.stop_event.set()
    verifier.join()
    entries = trail.snapshot()
    print(f"entries={len(entries)} appends={trail.appends} unique request ids={len(trail.by_request)}")
    print(f"bytes logged={trail.bytes_logged}; verifier passes={verifier.passes} first_bad={verifier.first_bad}")
    forged = dict(entries[7], body=entries[7]["body"].replace('"actor": "user', '"actor": "root'))
    print("chain intact:", verify_chain(entries) == -1, "| after tampering, breaks at", verify_chain(entries[:7] + [forged] + entries[8:]))


if __name__ == "__main__":
    main()
