"""Async API gateway with a plugin system: every plugin gets before()/after() hooks.

Six requests are handled concurrently on one event loop.  Plugins are looked
up by name from the configuration, so the gateway only sees the base class.
"""
import asyncio
import os
import tempfile
import time


class Plugin:
    def before(self, request):
        pass

    async def after(self, request, response):
        pass


class QuotaPlugin(Plugin):
    """Token-bucket throttle that naively waits out the refill delay."""

    def __init__(self, refill_seconds=0.002):
        self.refill_seconds = refill_seconds

    def before(self, request):
        if request["tenant"] == "free-tier":
            time.sleep(self.refill_seconds)  # expect: GIL004
        request["quota_checked"] = True


class AuditPlugin(Plugin):
    def __init__(self, path):
        self.path = path

    def write_record(self, line):
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
            fh.flush()
            os.fsync(fh.fileno())  # ok: GIL004

    async def after(self, request, response):
        line = f"{request['tenant']} {request['path']} {response['status']}"
        await asyncio.to_thread(self.write_record, line)


class CacheWarmPlugin(Plugin):
    async def after(self, request, response):
        await asyncio.sleep(0.001)  # ok: GIL004
        response["headers"]["X-Cache"] = "warm"


PLUGIN_REGISTRY = {"quota": QuotaPlugin, "audit": AuditPlugin, "cache": CacheWarmPlugin}


async def handle(request, plugins):
    for plugin in plugins:
        plugin.before(request)
    await asyncio.sleep(0.003)                # upstream call
    response = {"status": 200, "headers": {}, "body": f"hello {request['tenant']}"}
    for plugin in plugins:
        await plugin.after(request, response)
    return response


async def serve(plugins):
    requests = [{"tenant": "free-tier" if i % 2 else "enterprise", "path": f"/v1/items/{i}"}
                for i in range(6)]
    return await asyncio.gather(*(handle(r, plugins) for r in requests))


def main():
    with tempfile.TemporaryDirectory() as tmp:
        config = {"quota": {}, "audit": {"path": os.path.join(tmp, "audit.log")}, "cache": {}}
        plugins = [PLUGIN_REGISTRY[name](**kwargs) for name, kwargs in config.items()]
        responses = asyncio.run(serve(plugins))
        with open(config["audit"]["path"], encoding="utf-8") as fh:
            audit_lines = fh.read().splitlines()
    for resp in responses:
        print(resp["status"], resp["headers"], resp["body"])
    print("audit records:", len(audit_lines))


if __name__ == "__main__":
    main()
