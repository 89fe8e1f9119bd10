"""Order desk for a chest-making shop, served on asyncio.

Requests name an action ("quote", "book_kiln", "render", "journal"); actions are
coroutines registered by a decorator and looked up by name.  Drawings are
rendered off the loop with asyncio.to_thread, and a Timer thread autosaves the
order book.
"""
import asyncio
import json
import os
import tempfile
import threading
import time

DESK_CONFIG = {
    "kiln_slots": 2,
    "kiln_poll_s": 0.01,
    "render_s": 0.015,
    "rates": {"oak": 2.4, "walnut": 3.9, "pine": 1.1},
    "autosave_after_s": 0.05,
}

ACTIONS = {}


def action(name):
    def register(coro):
        ACTIONS[name] = coro
        return coro
    return register


class OrderDesk:
    def __init__(self, kiln_slots, kiln_poll_s, render_s, rates, journal_path):
        self.kiln_slots = kiln_slots
        self.kiln_poll_s = kiln_poll_s
        self.render_s = render_s
        self.rates = rates
        self.journal_path = journal_path
        self.customers = {}
        self.orders_seen = 0
        self.drawings = 0
        self.kiln_booked = 0
        self._save_lock = threading.Lock()

    @classmethod
    def from_config(cls, cfg, workdir):
        keys = ("kiln_slots", "kiln_poll_s", "render_s", "rates")
        return cls(*(cfg[k] for k in keys), journal_path=os.path.join(workdir, "journal.log"))

    @property
    def free_kiln_slots(self):
        return self.kiln_slots - self.kiln_booked % self.kiln_slots

    def price_for(self, req):
        area = req["width"] * req["depth"] * 2 + (req["width"] + req["depth"]) * req["height"] * 2
        return round(area / 10_000 * self.rates[req["species"]], 2)

    def reserve_kiln(self):
        if self.free_kiln_slots == 0:
            self._wait_for_kiln_slot()
        self._wait_for_kiln_slot()
        self.kiln_booked += 1  # ok: GIL002 -- only the book_kiln coroutine, on the loop thread, books the kiln
        return self.kiln_booked

    def _wait_for_kiln_slot(self):
        time.sleep(self.kiln_poll_s)  # expect: GIL004 -- sync helper reached from the book_kiln coroutine; stalls the event loop

    def render_drawing(self, req):
        lines = []
        for panel in req.get("panels", ("front", "back", "lid")):  # ok: GIL001 -- three panels per drawing, trivial per thread
            lines.append(f"{panel}: {req['width']}x{req['height']}")
        time.sleep(self.render_s)  # ok: GIL004 -- runs in a worker thread via asyncio.to_thread, not on the loop
        self.drawings += 1  # expect: GIL002 -- gather() runs several to_thread renders at once on this shared desk
        return lines

    def autosave(self, book):
        self._save_lock.acquire()  # expect: GIL005 -- json.dump can raise (TypeError/OSError) and skip the release
        with open(self.journal_path + ".json", "w") as fh:
            json.dump(book, fh)
        self._save_lock.release()

    def final_save(self, book):
        with self._save_lock:
            with open(self.journal_path + ".json", "w") as fh:
                json.dump(book, fh, indent=1)


@action("quote")
async def quote(desk, req):
    if req["customer"] not in desk.customers:  # ok: GIL003 -- customers is touched only by coroutines on the loop thread; no await in between
        desk.customers[req["customer"]] = []
    price = desk.price_for(req)
    desk.customers[req["customer"]].append(price)
    return f"quote {req['customer']}: {price}"


@action("book_kiln")
async def book_kiln(desk, req):
    slot = desk.reserve_kiln()
    return f"kiln slot {slot} for {req['customer']}"


@action("render")
async def render(desk, req):
    lines = await asyncio.to_thread(desk.render_drawing, req)
    return f"drawing with {len(lines)} panels"


@action("journal")
async def journal(desk, req):
    with open(desk.journal_path, "a") as fh:  # expect: GIL004 -- blocking file open/write directly inside async def
        fh.write(json.dumps(req) + "\n")
    await asyncio.sleep(0)  # ok: GIL004 -- asyncio.sleep yields to the loop, it does not block
    return "journaled"


async def dispatch(desk, req):
    desk.orders_seen += 1  # ok: GIL002 -- only coroutines on the single event-loop thread update this
    handler = ACTIONS[req["action"]]
    return await handler(desk, req)


def make_requests():
    base = {"width": 900, "depth": 450, "height": 480}
    species = ("oak", "walnut", "pine")
    reqs = []
    for i, act in enumerate(["quote", "render", "book_kiln", "journal", "render", "quote", "render"]):
        reqs.append(dict(base, action=act, customer=f"c{i % 3}", species=species[i % 3]))
    return reqs


async def serve(desk, book):
    results = await asyncio.gather(*(dispatch(desk, r) for r in make_requests()))
    book["orders"].extend(results)
    return results


def main():
    with tempfile.TemporaryDirectory() as workdir:
        desk = OrderDesk.from_config(DESK_CONFIG, workdir)
        book = {"orders": []}
        saver = threading.Timer(DESK_CONFIG["autosave_after_s"], desk.autosave, args=(book,))
        saver.start()
        for line in asyncio.run(serve(desk, book)):
            print(line)
        saver.join()
        desk.final_save(book)
        print(f"orders {desk.orders_seen}, drawings {desk.drawings}, kiln {desk.kiln_booked}")
        print("customers:", desk.customers)


if __name__ == "__main__":
    main()
