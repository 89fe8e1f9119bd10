"""Async narrator: a storyteller answers audience prompts as they arrive.

An audience thread sends prompts over a socketpair. The narrator coroutine reads
them, builds (once, in a thread pool) a rhyme table, and tells a short story
per prompt, pausing between lines in a worker thread.
"""
import asyncio
import functools
import logging
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("storyteller.narrator")

STAGE = {
    "prompts": ["dragon", "lighthouse", "moon", "fox", "lantern", "river", "storm"],
    "gap_s": 0.004,
    "rhyme_words": 160_000,
    "pause_s": 0.003,
}

SYLLABLES = ["ka", "lo", "mi", "ren", "tor", "vel", "sha", "dun", "ith", "ora"]


def async_timed(fn):
    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return await fn(*args, **kwargs)
        finally:
            log.debug("%s took %.1f ms", fn.__qualname__, (time.perf_counter() - started) * 1000)
    return wrapper


def audience(sock, prompts, gap):
    """The crowd shouts a prompt every few milliseconds, then leaves."""
    try:
        for prompt in prompts:  # ok: GIL001
            sock.sendall(prompt.encode() + b"\n")
            time.sleep(gap)
    finally:
        sock.close()


def build_rhyme_table(count, syllables=SYLLABLES):
    """Invent `count` three-syllable words and group them by their last three letters."""
    table = {}
    n = len(syllables)
    for i in range(count):  # expect: GIL001
        word = syllables[i % n] + syllables[(i // n) % n] + syllables[(i // (n * n)) % n]
        table.setdefault(word[-3:], []).append(word)
    return table


@dataclass
class Narrator:
    sock: socket.socket
    rhymes: dict = field(default_factory=dict)
    told: list = field(default_factory=list)

    async def listen(self):
        """Async generator over newline-terminated prompts."""
        buf = b""
        while True:
            data = self.sock.recv(1024)  # expect: GIL004
            if not data:
                break
            buf += data
            *lines, buf = buf.split(b"\n")
            for line in lines:
                if line:
                    yield line.decode()

    def _breathe(self, seconds):
        time.sleep(seconds)  # ok: GIL004

    def rhyme_for(self, prompt):
        ending = self.rhymes.get(prompt[-3:]) or self.rhymes.get("ora") or ["nobody"]
        return ending[len(self.told) % len(ending)]

    @async_timed
    async def tell(self, prompt, pause):
        await asyncio.to_thread(self._breathe, pause)
        story = f"Once, a {prompt} met a {self.rhyme_for(prompt)}."
        self.told.append(story)
        return story


class Bard(Narrator):
    """A narrator who sings the last line twice."""

    @async_timed
    async def tell(self, prompt, pause):
        story = await super().tell(prompt, pause)
        refrain = story.split(" met ")[-1]
        return f"{story} ...{refrain}"


async def perform(narrator, pool, **stage):
    loop = asyncio.get_running_loop()
    narrator.rhymes = await loop.run_in_executor(
        pool, functools.partial(build_rhyme_table, stage["rhyme_words"]))
    tasks = []
    async for prompt in narrator.listen():
        tasks.append(asyncio.create_task(narrator.tell(prompt, stage["pause_s"])))
    await asyncio.to_thread(time.sleep, 0.005)  # ok: GIL004
    return await asyncio.gather(*tasks)


async def main():
    logging.basicConfig(level=logging.WARNING)
    ours, theirs = socket.socketpair()
    crowd = threading.Thread(target=audience, name="audience",
                             args=(theirs, STAGE["prompts"], STAGE["gap_s"]))
    started = time.perf_counter()
    crowd.start()
    narrator = Bard(ours)
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="prep") as pool:
        stories = await perform(narrator, pool, **STAGE)
    crowd.join()
    ours.close()
    elapsed = time.perf_counter() - started
    for story in stories:
        print(story)
    print(f"{len(stories)} stories, {len(narrator.rhymes)} rhyme groups, {elapsed:.3f}s")


if __name__ == "__main__":
    asyncio.run(main())
