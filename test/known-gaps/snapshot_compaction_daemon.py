"""LSM-style run store: a Compactor thread merges sorted runs while a Snapshotter dumps state."""
import os
import pickle
import tempfile
import threading
import time


class RunStore:
    def __init__(self):
        self.runs = []
        self.lock = threading.Lock()
        self.generation = 0
        self.compactions = 0

    def add_run(self, run):
        with self.lock:
            self.runs.append(run)
            self.generation += 1  # ok: GIL002


def merge_runs(older, newer):
    out = []
    i = j = 0
    while i < len(older) and j < len(newer):  # expect: GIL001
        a, b = older[i], newer[j]
        if a[0] < b[0]:
            out.append(a)
            i += 1
        elif a[0] > b[0]:
            out.append(b)
            j += 1
        else:
            out.append(b if b[1] > a[1] else a)
            i += 1
            j += 1
    out.extend(older[i:])
    out.extend(newer[j:])
    return out


class Compactor(threading.Thread):
    def __init__(self, store, stop_event):
        super().__init__(name="compactor")
        self.store, self.stop_event = store, stop_event
        self.merged_rows = 0

    def run(self):
        while not self.stop_event.is_set() or len(self.store.runs) > 1:
            with self.store.lock:
                if len(self.store.runs) < 2:  # ok: GIL003
                    pair = None
                else:
                    pair = (self.store.runs.pop(0), self.store.runs.pop(0))
            if pair is None:
                time.sleep(0.005)
                continue
            merged = merge_runs(*pair)
            with self.store.lock:
                self.store.runs.append(merged)
                self.store.compactions += 1  # ok: GIL002
            self.merged_rows += len(merged)  # ok: GIL002


class Snapshotter(threading.Thread):
    def __init__(self, store, stop_event, directory):
        super().__init__(name="snapshotter", daemon=True)
        self.store, self.stop_event, self.directory = store, stop_event, directory
        self.snapshots = 0

    def run(self):
        while not self.stop_event.wait(0.03):  # ok: GIL001
            with self.store.lock:
                frozen = list(self.store.runs)
                gen = self.store.generation
            path = os.path.join(self.directory, f"snap-{gen:04d}.pkl")
            with open(path, "wb") as f:
                pickle.dump(frozen, f)
            self.snapshots += 1  # ok: GIL002


def main():
    store, stop = RunStore(), threading.Event()
    with tempfile.TemporaryDirectory() as tmp:
        compactor, snapper = Compactor(store, stop), Snapshotter(store, stop, tmp)
        compactor.start()
        snapper.start()
        for seq in range(12):
            run = [(k, seq, f"v{seq}") for k in range(seq * 500, seq * 500 + 6000, 2)]  # ok: GIL001
            store.add_run(run)
            time.sleep(0.01)
        stop.set()
        compactor.join()
        snapper.join()
        print("runs left:", len(store.runs), "compactions:", store.compactions)
        print("rows merged:", compactor.merged_rows, "snapshots:", snapper.snapshots)
        print("final keys:", len(store.runs[0]) if store.runs else 0)


if __name__ == "__main__":
    main()
