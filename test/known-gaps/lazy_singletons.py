# Models lazily initialised service singletons (config, plugin registry, template cache) in a threaded app.
import functools
import json
import os
import tempfile
import threading
import time

_config = None
_config_lock = threading.Lock()
_registry = None
_templates = {}
config_loads = 0


class Config:
    def __init__(self, path):
        global config_loads
        with open(path) as fh:
            self.values = json.load(fh)
        config_loads += 1  # ok: GIL002


def get_config(path):
    """Double-checked locking: the fast path skips the lock once the config exists."""
    global _config
    if _config is None:  # ok: GIL003
        with _config_lock:
            if _config is None:  # ok: GIL003
                _config = Config(path)
    return _config


def reload_config(path, mtime_seen):
    """Swap in a fresh Config if the file changed since we last looked."""
    global _config
    _config_lock.acquire()  # expect: GIL005
    if os.path.getmtime(path) == mtime_seen:
        return False
    _config = Config(path)
    _config_lock.release()
    return True


class PluginRegistry:
    def __init__(self):
        time.sleep(0.002)  # scanning entry points is slow
        self.services = {}
        self.lookups = {}


def get_registry():
    global _registry
    if _registry is None:  # expect: GIL003
        _registry = PluginRegistry()
    return _registry


def register_service(name, factory):
    reg = get_registry()
    if name not in reg.services:  # expect: GIL003
        reg.services[name] = factory()
    reg.lookups[name] = reg.lookups.get(name, 0) + 1  # expect: GIL002
    return reg.services[name]


def get_template(name, fmt):
    """setdefault makes the insert-if-missing a single atomic dict operation."""
    return _templates.setdefault(name, fmt)  # ok: GIL003


def worker(config_path, worker_id, out):
    cfg = get_config(config_path)
    cache = register_service("cache", dict)
    mailer = register_service("mailer", list)
    mailer.append(worker_id)
    cache[worker_id] = cfg.values["region"]
    tpl = get_template("greeting", "hello {user} from {region}")
    out.append(tpl.format(user=f"u{worker_id}", region=cfg.values["region"]))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "app.json")
        with open(path, "w") as fh:
            json.dump({"region": "eu-west", "pool_size": 4}, fh)

        out = []
        threads = [
            threading.Thread(target=functools.partial(worker, path, i, out), name=f"req-{i}")
            for i in range(8)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        reloaded = reload_config(path, mtime_seen=0.0)

    reg = get_registry()
    print(f"config loads={config_loads}, reloaded={reloaded}, greetings={len(out)}")
    print(f"mailer saw {len(reg.services['mailer'])} workers, lookups={reg.lookups}")


if __name__ == "__main__":
    main()
