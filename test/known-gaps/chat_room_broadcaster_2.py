"""Chat room: client reader threads push messages into an asyncio broadcaster."""
import asyncio
import threading
import time

muted = {}
mute_log = []


class Room:
    def __init__(self, loop):
        self.loop = loop
        self.inbox = asyncio.Queue()
        self.delivered = 0
        self.blocked = 0
        self.members = {"ana": [], "bo": [], "cyd": [], "spam_bot": []}

    def on_message(self, user, text):
        self.inbox.put_nowait((user, text))


def client_reader(room, user, lines, delay):
    for text in lines:  # ok: GIL001
        time.sleep(delay)  # ok: GIL004
        room.loop.call_soon_threadsafe(room.on_message, user, text)
    room.loop.call_soon_threadsafe(room.on_message, user, None)


def unmute(user, reason):
    if user in muted:  # expect: GIL003
        del muted[user]
        mute_log.append((user, reason))


async def broadcaster(room, writers):
    finished = 0
    while finished < writers:
        user, text = await room.inbox.get()
        if text is None:
            finished += 1
            continue
        if muted.get(user):
            room.blocked += 1  # ok: GIL002
            continue
        for member, box in room.members.items():
            if member != user:
                box.append(f"<{user}> {text}")
        room.delivered += 1  # ok: GIL002
        if room.delivered % 10 == 0:
            time.sleep(0.005)  # expect: GIL004


async def main():
    room = Room(asyncio.get_running_loop())
    muted["spam_bot"] = time.monotonic() + 0.05
    expiry = threading.Timer(0.05, unmute, args=("spam_bot", "expired"))
    appeal = threading.Timer(0.05, unmute, args=("spam_bot", "appeal granted"))
    expiry.start()
    appeal.start()
    scripts = {
        "ana": (["hi all", "anyone around?", "ok bye"], 0.02),
        "bo": ([f"msg {i}" for i in range(8)], 0.01),
        "cyd": (["hello", "lunch?"], 0.03),
        "spam_bot": ([f"BUY NOW {i}" for i in range(12)], 0.008),
    }
    readers = [threading.Thread(target=client_reader, args=(room, u, ls, d))
               for u, (ls, d) in scripts.items()]
    for r in readers:
        r.start()
    await broadcaster(room, len(readers))
    expiry.join()
    appeal.join()
    print(f"delivered {room.delivered}, blocked {room.blocked}")
    print("ana's inbox size:", len(room.members["ana"]), "mute log:", mute_log)


if __name__ == "__main__":
    asyncio.run(main())
