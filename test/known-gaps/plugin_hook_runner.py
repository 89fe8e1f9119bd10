"""Run registered plugin hooks over a batch of uploaded files, one thread per upload."""
import os
import threading
import zlib

HOOKS = {}


def hook(event):
    def register(fn):
        HOOKS.setdefault(event, []).append(fn)
        return fn
    return register


class HookStats:
    def __init__(self):
        self.calls = 0
        self.failures = 0
        self.lock = threading.Lock()


stats = HookStats()


@hook("file.received")
def reject_empty(ctx):
    if not ctx["data"]:
        raise ValueError(f"{ctx['name']} is empty")
    ctx["results"]["size"] = len(ctx["data"])


@hook("file.received")
def rolling_checksum(ctx):
    acc = 7
    for byte in ctx["data"]:  # expect: GIL001
        acc = (acc * 131 + byte) % 2_147_483_647
    ctx["results"]["rolling"] = acc


@hook("file.received")
def crc(ctx):
    ctx["results"]["crc32"] = zlib.crc32(ctx["data"])


def run_hooks(event, ctx):
    for fn in HOOKS.get(event, []):
        try:
            fn(ctx)
        except ValueError as exc:
            with stats.lock:
                stats.failures += 1  # ok: GIL002
            ctx["results"].setdefault("errors", []).append(str(exc))
            break
        stats.calls += 1  # expect: GIL002


def handle_upload(name, data, report):
    ctx = {"name": name, "data": data, "results": {}}
    run_hooks("file.received", ctx)
    report[name] = ctx["results"]


def main():
    uploads = {f"upload_{i}.bin": os.urandom(40_000 + 5_000 * i) for i in range(5)}
    uploads["empty.bin"] = b""
    report = {}
    workers = [threading.Thread(target=handle_upload, args=(name, data, report), name=name)
               for name, data in uploads.items()]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    for name in sorted(report):
        print(name, report[name])
    print(f"hook calls={stats.calls} failures={stats.failures}")


if __name__ == "__main__":
    main()
