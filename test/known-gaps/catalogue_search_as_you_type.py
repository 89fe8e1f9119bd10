#!/usr/bin/env python3
"""Search-as-you-type box for a furniture shop kiosk: each keystroke restarts a
debounce timer; when the shopper pauses, a Timer thread filters the catalogue
and the results panel shows the top hits."""
import threading
import time

MATERIALS = ("red", "blue", "steel", "oak", "walnut")
ITEMS = ("chair", "table", "lamp", "shelf", "stool")
CATALOGUE = [f"{m} {it} #{n}" for n in range(300) for m in MATERIALS for it in ITEMS]


class SearchBox:
    def __init__(self, delay=0.04):
        self.delay = delay
        self.text = ""
        self._timer = None
        self.cache = {}
        self.searches_run = 0
        self.panel = []
        self.history = []

    def on_key(self, ch):
        if ch == "\b":
            self.text = self.text[:-1]
        else:
            self.text += ch  # ok: GIL002
        if self._timer is not None:  # expect: GIL003
            self._timer.cancel()
        self._timer = threading.Timer(self.delay, self._run_search, args=(self.text,))
        self._timer.start()

    def _run_search(self, query):
        self._timer = None
        if not query:
            self.panel = []
            return
        if query not in self.cache:  # expect: GIL003
            self.cache[query] = [item for item in CATALOGUE if query in item]  # expect: GIL001
        self.searches_run += 1  # expect: GIL002
        self.history.append(query)
        self.panel = self.cache[query][:4]

    def reload_catalogue(self):
        self.cache.clear()

    def wait_idle(self):
        timer = self._timer
        if timer is not None:
            timer.join()


def type_slowly(box, text, gap):
    for ch in text:
        box.on_key(ch)
        time.sleep(gap)


def main():
    box = SearchBox()
    type_slowly(box, "walnut", 0.005)
    time.sleep(0.08)
    print("panel after 'walnut':", box.panel)
    box.reload_catalogue()
    type_slowly(box, " st", 0.06)
    type_slowly(box, "\b\btable", 0.01)
    time.sleep(0.08)
    box.wait_idle()
    for t in list(threading.enumerate()):
        if isinstance(t, threading.Timer):
            t.join()
    print("panel after 'walnut table':", box.panel)
    print("searches run:", box.searches_run, "queries:", box.history)
    print("cached queries:", sorted(box.cache))


if __name__ == "__main__":
    main()
