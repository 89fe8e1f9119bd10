"""Support-chat transcripts arrive over time; scorer threads rate agent politeness per batch of lines."""
import os
import random
import tempfile
import threading
import time

TRANSCRIPTS = 16
LINES_PER_TRANSCRIPT = 5_000
ARRIVAL_GAP_S = 0.02            # a transcript is closed and flushed every 20 ms
AGENTS = ("ana", "bo", "chen", "dara")
POLITE = {"please": 2, "thanks": 2, "sorry": 1, "happy": 1, "welcome": 2}
RUDE = {"whatever": -3, "no": -1, "wrong": -2, "again": -1}

cond = threading.Condition()
batches = []                    # list of line lists, guarded by cond
finished = False
score_by_agent = {a: 0 for a in AGENTS}


def write_transcripts(workdir):
    rng = random.Random(11)
    words = list(POLITE) + list(RUDE) + "the order your refund is on its way let me check".split()
    paths = []
    for t in range(TRANSCRIPTS):
        path = os.path.join(workdir, f"chat-{t:03d}.txt")
        with open(path, "w") as fh:
            for i in range(LINES_PER_TRANSCRIPT):
                who = rng.choice(AGENTS) if i % 2 else "customer"
                fh.write(f"[{i:05d}] {who}: {' '.join(rng.choices(words, k=12))}\n")
        paths.append(path)
    return paths


def feeder(paths):
    global finished
    for path in paths:  # ok: GIL001
        time.sleep(ARRIVAL_GAP_S)
        with open(path) as fh:
            lines = fh.readlines()
        with cond:
            batches.append(lines)
            cond.notify()
    with cond:
        finished = True
        cond.notify_all()


def scorer():
    while True:  # ok: GIL001
        with cond:
            while not batches and not finished:  # ok: GIL003
                cond.wait()
            if not batches:  # ok: GIL003
                return
            lines = batches.pop(0)
        for line in lines:  # expect: GIL001
            _, rest = line.split("] ", 1)
            who, text = rest.split(": ", 1)
            if who == "customer":
                continue
            delta = sum(POLITE.get(w, 0) + RUDE.get(w, 0) for w in text.split())
            score_by_agent[who] += delta  # expect: GIL002


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="chats-") as workdir:
        paths = write_transcripts(workdir)
        threads = [threading.Thread(target=feeder, args=(paths,))]
        threads += [threading.Thread(target=scorer, name=f"scorer-{i}") for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with open(os.path.join(workdir, "politeness.tsv"), "w") as out:
            for agent, score in sorted(score_by_agent.items(), key=lambda kv: -kv[1]):
                out.write(f"{agent}\t{score}\n")
                print(f"{agent:5s} {score:6d}")
