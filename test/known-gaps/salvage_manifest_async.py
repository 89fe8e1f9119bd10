"""Salvage manifest service: an asyncio job appraises wreck manifests.

Manifests are fetched from a flaky registry (retried with back-off), checksummed in a
worker thread and appraised in the loop's default executor.
"""
from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import os
import tempfile
import time
from dataclasses import dataclass

log = logging.getLogger("salvage.manifest")

SERVICE = {
    "wrecks": ("marie-celeste", "hesperus", "erebus"),
    "items_per_wreck": 160_000,
    "manifest_bytes": 600_000,
    "registry_latency_s": 0.003,
    "backoff_s": 0.004,
}


class RegistryBusy(Exception):
    pass


def retry_blocking(attempts: int, backoff: float):
    """Retry decorator for coroutines (legacy version, still used for the registry)."""

    def decorate(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(1, attempts + 1):
                try:
                    return await fn(*args, **kwargs)
                except RegistryBusy:
                    if attempt == attempts:
                        raise
                    time.sleep(backoff * attempt)  # expect: GIL004
        return wrapper

    return decorate


def retry_async(attempts: int, backoff: float):
    def decorate(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(1, attempts + 1):
                try:
                    return await fn(*args, **kwargs)
                except RegistryBusy:
                    if attempt == attempts:
                        raise
                    await asyncio.sleep(backoff * attempt)  # ok: GIL004
        return wrapper

    return decorate


@dataclass(frozen=True)
class Manifest:
    wreck: str
    path: str
    items: int


def checksum_file(path: str, chunk: int = 1 << 16) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(functools.partial(fh.read, chunk), b""):  # ok: GIL001
            digest.update(block)
    return digest.hexdigest()[:16]


def appraise(manifest: Manifest, *, rates: dict[str, float]) -> dict:
    """Value every item on the manifest: weight x rate x condition depreciation."""
    seed = sum(map(ord, manifest.wreck))
    value = 0.0
    kinds = tuple(rates)
    for i in range(manifest.items):  # expect: GIL001
        seed = (seed * 69069 + 1) & 0xFFFFFFFF
        kind = kinds[seed % len(kinds)]
        weight = 1 + (seed >> 12) % 40
        condition = ((seed >> 20) % 100) / 100.0
        value += weight * rates[kind] * (0.25 + 0.75 * condition)
    return {"wreck": manifest.wreck, "items": manifest.items, "value": round(value, 2)}


class ManifestService:
    def __init__(self, settings: dict, manifests: dict[str, Manifest]):
        self.settings = settings
        self.manifests = manifests
        self._failures_left = {name: 1 for name in manifests}
        self.rates = {"bronze": 4.1, "copper": 6.3, "lead": 1.9, "teak": 2.4}

    @retry_blocking(attempts=3, backoff=SERVICE["backoff_s"])
    async def fetch_legacy(self, wreck: str) -> Manifest:
        await asyncio.sleep(self.settings["registry_latency_s"])
        if self._failures_left.get(wreck, 0) > 0:  # ok: GIL003
            self._failures_left[wreck] -= 1  # ok: GIL002
            raise RegistryBusy(wreck)
        return self.manifests[wreck]

    @retry_async(attempts=3, backoff=SERVICE["backoff_s"])
    async def fetch(self, wreck: str) -> Manifest:
        await asyncio.sleep(self.settings["registry_latency_s"])
        return self.manifests[wreck]

    async def process(self, wreck: str, legacy: bool = False) -> dict:
        manifest = await (self.fetch_legacy(wreck) if legacy else self.fetch(wreck))
        digest = await asyncio.to_thread(checksum_file, manifest.path)
        loop = asyncio.get_running_loop()
        job = functools.partial(appraise, manifest, rates=self.rates)
        result = await loop.run_in_executor(None, job)
        result["sha256"] = digest
        return result

    async def run(self) -> list[dict]:
        wrecks = self.settings["wrecks"]
        return await asyncio.gather(
            *(self.process(w, legacy=(i == 0)) for i, w in enumerate(wrecks))
        )


def write_manifests(settings: dict, folder: str) -> dict[str, Manifest]:
    manifests = {}
    for index, wreck in enumerate(settings["wrecks"]):
        path = os.path.join(folder, f"{wreck}.manifest")
        with open(path, "wb") as fh:
            fh.write(bytes([index + 1]) * settings["manifest_bytes"])
        manifests[wreck] = Manifest(wreck, path, settings["items_per_wreck"])
    return manifests


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="salvage-") as folder:
        service = ManifestService(SERVICE, write_manifests(SERVICE, folder))
        results = asyncio.run(service.run())
    for row in results:
        print(f"{row['wreck']:14s} items={row['items']} value={row['value']} "
              f"sha={row['sha256']}")
    print(f"appraisal done in {time.perf_counter() - started:.3f}s")


if __name__ == "__main__":
    main()
