#!/usr/bin/env python3
"""Score reader comments for toxicity on a worker pool, then process moderation appeals."""
import queue
import random
import threading
from concurrent.futures import ThreadPoolExecutor

BLOCKLIST_TRIGRAMS = {"idi", "dum", "stu", "tra", "hat"}
PHRASES = ["great reporting", "this is stupid", "what an idiot", "thanks for the update",
           "total trash", "i hate this", "well argued piece", "dumb take", "more of this please"]


class ModerationDesk:
    def __init__(self, threshold):
        self.threshold = threshold
        self.lock = threading.Lock()
        self.ledger_lock = threading.Lock()
        self.reviewed = 0
        self.flagged = 0
        self.held_ids = set()
        self.reinstated = []
        self.appeals = queue.Queue()

    def toxicity(self, text):
        text = text.lower()
        hits = 0
        for i in range(len(text) - 2):  # expect: GIL001
            if text[i:i + 3] in BLOCKLIST_TRIGRAMS:
                hits += 1  # ok: GIL002
        return 100.0 * hits / max(len(text), 1)

    def review(self, comment):
        comment_id, text = comment
        score = self.toxicity(text)
        with self.lock:
            self.reviewed += 1  # ok: GIL002
        if score >= self.threshold:
            self.flagged += 1  # expect: GIL002
            self.held_ids.add(comment_id)
        return comment_id, round(score, 2)

    def process_appeals(self):
        while True:  # ok: GIL001
            appeal = self.appeals.get()
            self.ledger_lock.acquire()  # expect: GIL005
            if appeal is None:
                break
            if appeal["upheld"]:
                self.held_ids.discard(appeal["comment_id"])
                self.reinstated.append(appeal["comment_id"])
            self.ledger_lock.release()


def generate_comments(n, seed=4):
    rng = random.Random(seed)
    comments = []
    for cid in range(n):  # ok: GIL001
        comments.append((cid, ". ".join(rng.choices(PHRASES, k=rng.randint(4, 12)))))
    return comments


def main():
    desk = ModerationDesk(threshold=5.0)
    comments = generate_comments(1500)
    with ThreadPoolExecutor(max_workers=4, thread_name_prefix="mod") as pool:
        scores = dict(pool.map(desk.review, comments))
    appeals_worker = threading.Thread(target=desk.process_appeals, name="appeals")
    appeals_worker.start()
    for cid in sorted(desk.held_ids)[:8]:
        desk.appeals.put({"comment_id": cid, "upheld": cid % 3 == 0})
    desk.appeals.put(None)
    appeals_worker.join()
    worst = max(scores, key=scores.get)
    print(f"reviewed {desk.reviewed}, flagged {desk.flagged}, still held {len(desk.held_ids)}")
    print(f"reinstated on appeal: {desk.reinstated}")
    print(f"worst comment #{worst} ({scores[worst]}): {comments[worst][1][:60]}...")


if __name__ == "__main__":
    main()
