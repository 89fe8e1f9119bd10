# Models a tiny asyncio request router whose routes are callable handler objects.
import asyncio
import os
import pathlib
import subprocess
import sys
import tempfile
import time


class TemplateHandler:
    """Renders a page from a template file on disk."""

    def __init__(self, template_path):
        self.template_path = pathlib.Path(template_path)
        self.renders = 0

    def __call__(self, request):
        template = self.template_path.read_text()  # expect: GIL004
        self.renders += 1
        return template.format(user=request["user"])


class ReportHandler:
    """Builds a slow report; the router pushes it onto a worker thread."""

    def __call__(self, request):
        time.sleep(0.02)  # ok: GIL004
        return f"report for {request['user']}"


class VersionHandler:
    def __call__(self, request):
        out = subprocess.run(  # expect: GIL004
            [sys.executable, "-c", "import sys; print(sys.version_info[0])"],
            capture_output=True, text=True, check=True,
        )
        return "python" + out.stdout.strip()


class UploadsHandler:
    def __init__(self, upload_dir):
        self.upload_dir = upload_dir

    async def __call__(self, request):
        names = await asyncio.to_thread(os.listdir, self.upload_dir)  # ok: GIL004
        await asyncio.sleep(0.01)  # ok: GIL004
        return ",".join(sorted(names))


class Router:
    def __init__(self, access_log):
        self.routes = {}
        self.offloaded = set()
        self.access_log = access_log

    def _log(self, path):
        with open(self.access_log, "a") as fh:
            fh.write(f"{time.time():.3f} {path}\n")  # expect: GIL004

    def add(self, path, handler, offload=False):
        self.routes[path] = handler
        if offload:
            self.offloaded.add(path)

    async def dispatch(self, path, request):
        handler = self.routes[path]
        self._log(path)
        if path in self.offloaded:
            return await asyncio.to_thread(handler, request)
        result = handler(request)
        if asyncio.iscoroutine(result):
            result = await result
        return result


async def serve(router):
    requests = [("/home", {"user": "mo"}), ("/report", {"user": "li"}),
                ("/version", {"user": "ops"}), ("/uploads", {"user": "mo"})]
    responses = await asyncio.gather(*(router.dispatch(p, r) for p, r in requests))
    for (path, _), body in zip(requests, responses):
        print(f"{path} -> {body}")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        template = os.path.join(tmp, "home.tpl")
        with open(template, "w") as fh:
            fh.write("Welcome back, {user}!")
        uploads = os.path.join(tmp, "uploads")
        os.mkdir(uploads)
        for name in ("a.png", "b.csv"):
            open(os.path.join(uploads, name), "w").close()

        router = Router(os.path.join(tmp, "access.log"))
        router.add("/home", TemplateHandler(template))
        router.add("/report", ReportHandler(), offload=True)
        router.add("/version", VersionHandler())
        router.add("/uploads", UploadsHandler(uploads))
        asyncio.run(serve(router))


if __name__ == "__main__":
    main()
