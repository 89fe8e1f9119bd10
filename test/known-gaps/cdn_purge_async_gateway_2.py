"""Asyncio purge gateway: accepts purge commands and forwards them to the CDN API.

Commands arrive on two local control channels (socket pairs standing in for the
ops console and the legacy deploy hook).  Each command is rate limited, written
to an audit trail and forwarded to the origin shield.  A background thread plays
the part of the deploy hook that pushes commands.
"""
from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Awaitable, Callable

log = logging.getLogger("cdn.gateway")

CONFIG = {
    "rate_per_second": 300,
    "shield_flush_delay": 0.01,
    "commands_per_channel": 6,
}


@dataclass
class Command:
    action: str
    target: str
    channel: str
    received_at: float = field(default_factory=time.monotonic)

    @classmethod
    def decode(cls, raw: bytes, channel: str) -> "Command":
        payload = json.loads(raw.decode())
        return cls(payload["action"], payload["target"], channel)


class TokenBucket:
    """Simple synchronous token bucket used by several gateways."""

    def __init__(self, rate: float, burst: int = 4):
        self.rate = rate
        self.burst = burst
        self.tokens = float(burst)
        self.updated = time.monotonic()

    def take(self) -> None:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens < 1:
            time.sleep((1 - self.tokens) / self.rate)  # expect: GIL004
            self.tokens = 1
        self.tokens -= 1


class PurgeGateway:
    def __init__(self, config: dict):
        self.config = config
        self.bucket = TokenBucket(config["rate_per_second"])
        self.forwarded: list = []
        self.handlers: dict[str, Callable[[Command], Awaitable[None]]] = {
            "purge": self._forward,
            "soft-purge": self._forward,
        }

    def _origin_shield_flush(self, target: str) -> str:
        """Blocking SDK call to the origin shield; must stay off the event loop."""
        time.sleep(self.config["shield_flush_delay"])  # ok: GIL004
        return f"flushed {target}"

    async def _forward(self, cmd: Command) -> None:
        self.bucket.take()
        result = await asyncio.to_thread(self._origin_shield_flush, cmd.target)
        self.forwarded.append((cmd.channel, cmd.action, cmd.target, result))

    async def dispatch(self, cmd: Command) -> None:
        handler = self.handlers.get(cmd.action)
        if handler is None:
            log.warning("unknown action %r from %s", cmd.action, cmd.channel)
            return
        await handler(cmd)

    async def serve_console(self, sock: socket.socket, expected: int) -> None:
        """Ops console channel: non-blocking socket read through the loop."""
        loop = asyncio.get_running_loop()
        sock.setblocking(False)
        buf = b""
        handled = 0
        while handled < expected:
            chunk = await loop.sock_recv(sock, 4096)  # ok: GIL004
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                await self.dispatch(Command.decode(line, "console"))
                handled += 1

    async def serve_deploy_hook(self, sock: socket.socket, expected: int) -> None:
        """Legacy deploy-hook channel, ported from the old threaded gateway."""
        buf = b""
        handled = 0
        while handled < expected:
            chunk = sock.recv(4096)  # expect: GIL004
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                await self.dispatch(Command.decode(line, "deploy"))
                handled += 1
            await asyncio.sleep(0)  # ok: GIL004


def deploy_hook(sock: socket.socket, count: int, gap: float) -> None:
    """Runs in a plain thread: pushes purge commands like a CI deploy step."""
    for i in range(count):
        msg = {"action": "purge" if i % 2 else "soft-purge", "target": f"/release/{i}.js"}
        sock.sendall(json.dumps(msg).encode() + b"\n")
        time.sleep(gap)  # ok: GIL004


async def console_client(sock: socket.socket, count: int) -> None:
    loop = asyncio.get_running_loop()
    sock.setblocking(False)
    for i in range(count):
        msg = {"action": "purge", "target": f"/docs/page-{i}.html"}
        await loop.sock_sendall(sock, json.dumps(msg).encode() + b"\n")
        await asyncio.sleep(0.002)


async def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    n = CONFIG["commands_per_channel"]
    gateway = PurgeGateway(CONFIG)
    console_srv, console_cli = socket.socketpair()
    hook_srv, hook_cli = socket.socketpair()
    hook = threading.Thread(target=deploy_hook, args=(hook_cli, n, 0.003), name="deploy-hook")
    hook.start()
    started = time.perf_counter()
    await asyncio.gather(
        gateway.serve_console(console_srv, n),
        console_client(console_cli, n),
        gateway.serve_deploy_hook(hook_srv, n),
    )
    hook.join()
    for s in (console_srv, console_cli, hook_srv, hook_cli):
        s.close()
    elapsed = time.perf_counter() - started
    by_channel: dict = {}
    for channel, _action, _target, _result in gateway.forwarded:
        by_channel[channel] = by_channel.get(channel, 0) + 1
    print(f"forwarded {len(gateway.forwarded)} commands in {elapsed:.2f}s: {by_channel}")


if __name__ == "__main__":
    asyncio.run(main())
