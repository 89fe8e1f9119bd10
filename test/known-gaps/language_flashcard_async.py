"""Language-learning app: an asyncio review session per learner with a simple spaced-repetition schedule."""
import asyncio
import json
import os
import tempfile
import time

DECK = [
    ("der Hund", "the dog"), ("die Katze", "the cat"), ("das Brot", "the bread"),
    ("der Zug", "the train"), ("die Brille", "the glasses"), ("das Fenster", "the window"),
    ("schnell", "fast"), ("langsam", "slow"), ("vielleicht", "maybe"), ("trotzdem", "nevertheless"),
]
LEARNERS = {"mila": 0.8, "jonas": 0.55, "ines": 0.95}  # chance of answering correctly

reviews_done = 0


def save_progress(path, learner, schedule):
    with open(path, "w") as fh:
        json.dump({"learner": learner, "schedule": schedule}, fh, indent=2)
    time.sleep(0.05)  # ok: GIL004


def respect_tts_rate_limit():
    time.sleep(0.02)  # expect: GIL004


async def fetch_pronunciation(word):
    await asyncio.sleep(0.02)  # ok: GIL004
    return f"https://tts.example.invalid/de/{word.replace(' ', '_')}.mp3"


def next_interval(previous_days, correct):
    return max(1, round(previous_days * 2.5)) if correct else 1


async def review_session(learner, skill, workdir):
    global reviews_done
    schedule = {}
    for index, (front, back) in enumerate(DECK):
        respect_tts_rate_limit()
        audio = await fetch_pronunciation(front)
        correct = (index * 37 % 100) / 100 < skill
        schedule[front] = {"answer": back, "audio": audio,
                           "due_in_days": next_interval(1, correct)}
        reviews_done += 1  # ok: GIL002
    path = os.path.join(workdir, f"{learner}.json")
    await asyncio.to_thread(save_progress, path, learner, schedule)
    return learner, sum(1 for card in schedule.values() if card["due_in_days"] > 1)


async def main():
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as workdir:
        results = await asyncio.gather(*(review_session(name, skill, workdir)
                                         for name, skill in LEARNERS.items()))
        saved = sorted(os.listdir(workdir))
    for learner, learned in results:
        print(f"{learner}: {learned}/{len(DECK)} cards pushed back")
    print(f"{reviews_done} reviews, progress files {saved}, {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
