"""Report gateway: asyncio front end that offloads CSV rendering to a thread pool."""
from __future__ import annotations

import argparse
import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger("gateway")


@dataclass(frozen=True)
class GatewayConfig:
    requests: int
    workers: int
    rows: int
    auth_latency_s: float


@dataclass(frozen=True)
class Request:
    request_id: int
    token: str
    rows: int


@dataclass(frozen=True)
class Response:
    status: int
    size: int


class TokenIntrospector:
    def __init__(self, latency_s: float) -> None:
        self._latency_s = latency_s

    def introspect(self, token: str) -> dict[str, object]:
        time.sleep(self._latency_s)  # expect: GIL004
        return {"active": token.startswith("tok-"), "scope": "reports:read"}


class AuthService:
    def __init__(self, introspector: TokenIntrospector) -> None:
        self._introspector = introspector
        self._cache: dict[str, bool] = {}

    def verify(self, token: str) -> bool:
        if token not in self._cache:  # ok: GIL003
            claims = self._introspector.introspect(token)
            self._cache[token] = bool(claims["active"])
        return self._cache[token]


class CsvRenderer:
    def __init__(self) -> None:
        self.rows_rendered = 0

    def render(self, rows: int) -> str:
        lines = ["id,region,units,revenue"]
        for i in range(rows):  # expect: GIL001
            units = (i * 37) % 1_000
            lines.append(f"{i},r{i % 7},{units},{units * 19.99:.2f}")
        self.rows_rendered += rows  # expect: GIL002
        return "\n".join(lines)


class Gateway:
    def __init__(self, cfg: GatewayConfig, auth: AuthService, renderer: CsvRenderer) -> None:
        self._cfg = cfg
        self._auth = auth
        self._renderer = renderer
        self._pool = ThreadPoolExecutor(max_workers=cfg.workers, thread_name_prefix="render")
        self.served = 0

    async def handle(self, req: Request) -> Response:
        if not self._auth.verify(req.token):
            return Response(401, 0)
        loop = asyncio.get_running_loop()
        body = await loop.run_in_executor(self._pool, self._renderer.render, req.rows)
        self.served += 1  # ok: GIL002
        return Response(200, len(body))

    async def handle_with_retry(self, req: Request, attempts: int = 3) -> Response:
        for attempt in range(attempts):
            resp = await self.handle(req)
            if resp.status != 503:
                return resp
            await asyncio.sleep(0.01 * (attempt + 1))  # ok: GIL004
        return Response(503, 0)

    def close(self) -> None:
        self._pool.shutdown(wait=True)


async def serve(cfg: GatewayConfig) -> None:
    renderer = CsvRenderer()
    gateway = Gateway(cfg, AuthService(TokenIntrospector(cfg.auth_latency_s)), renderer)
    requests = [Request(i, f"tok-{i % 10}" if i % 9 else "expired", cfg.rows)
                for i in range(cfg.requests)]
    started = time.perf_counter()
    try:
        responses = await asyncio.gather(*(gateway.handle_with_retry(r) for r in requests))
    finally:
        gateway.close()
    ok = sum(1 for r in responses if r.status == 200)
    log.info("%d/%d ok, %d rows rendered, %d bytes in %.2fs", ok, len(responses),
             renderer.rows_rendered, sum(r.size for r in responses), time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--requests", type=int, default=40)
    ap.add_argument("--workers", type=int, default=4)
    ap.add_argument("--rows", type=int, default=60_000, help="rows per report")
    ap.add_argument("--auth-latency", type=float, default=0.005)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(threadName)s %(message)s")
    asyncio.run(serve(GatewayConfig(args.requests, args.workers, args.rows, args.auth_latency)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
