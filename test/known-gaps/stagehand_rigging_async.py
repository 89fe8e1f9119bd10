"""Fly-system console for the stagehands (asyncio).

The console sends line-set moves to a winch controller (a thread at the other
end of two socketpairs: a command channel and a status channel), and asks an
executor to solve the counterweight balance for the next scene.
"""
import asyncio
import functools
import logging
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("stagehand.fly")

FLY = {
    "linesets": {"border 1": 180.0, "main drape": 420.0, "moon": 95.0, "scrim": 140.0},
    "moves": [("moon", 7.5), ("scrim", 3.0), ("border 1", 9.0), ("moon", 2.0)],
    "travel_s_per_m": 0.0004,
    "solver_iterations": 300_000,
}


def winch_controller(cmd_sock, status_sock, travel):
    """Controller firmware: one command per line, one status reply per command."""
    buf = b""
    while True:  # ok: GIL001
        chunk = cmd_sock.recv(256)  # ok: GIL004
        if not chunk:
            break
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            name, _, target = line.decode().partition("@")
            time.sleep(float(target) * travel)  # motor running
            status_sock.sendall(f"{name}@{target}:OK\n".encode())
    status_sock.close()


def solve_counterweights(loads, iterations, step=0.05):
    """Gauss-Seidel style relaxation of arbor weights against batten loads."""
    names = sorted(loads)
    arbor = {name: 0.0 for name in names}
    for it in range(iterations):  # expect: GIL001
        name = names[it % len(names)]
        error = loads[name] - arbor[name]
        arbor[name] += step * error * (1.0 - it / (iterations + 1))  # ok: GIL002
    return {name: round(weight, 1) for name, weight in arbor.items()}


def logged_move(fn):
    @functools.wraps(fn)
    async def wrapper(self, lineset, *args, **kwargs):
        log.info("move %s", lineset)
        result = await fn(self, lineset, *args, **kwargs)
        self.journal.append((lineset, result))
        return result
    return wrapper


@dataclass
class FlyConsole:
    cmd_sock: socket.socket
    status_sock: socket.socket
    positions: dict = field(default_factory=dict)
    journal: list = field(default_factory=list)
    _buf: bytes = b""

    def _read_status(self):
        while b"\n" not in self._buf:
            data = self.status_sock.recv(256)  # expect: GIL004
            self._buf += data  # ok: GIL002
        line, self._buf = self._buf.split(b"\n", 1)
        return line.decode()

    @logged_move
    async def move(self, lineset, target_m):
        loop = asyncio.get_running_loop()
        await loop.sock_sendall(self.cmd_sock, f"{lineset}@{target_m}\n".encode())  # ok: GIL004
        status = self._read_status()
        self.positions[lineset] = target_m
        return status

    async def run_cue(self, moves):
        results = []
        for lineset, target in moves:
            results.append(await self.move(lineset, target))
            await asyncio.sleep(0)  # ok: GIL004
        return results


async def main():
    logging.basicConfig(level=logging.WARNING)
    console_cmd, winch_cmd = socket.socketpair()
    console_status, winch_status = socket.socketpair()
    console_cmd.setblocking(False)
    winch = threading.Thread(target=winch_controller, name="winch",
                             args=(winch_cmd, winch_status, FLY["travel_s_per_m"]))
    winch.start()
    console = FlyConsole(console_cmd, console_status)
    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="solver") as pool:
        balance = loop.run_in_executor(
            pool, functools.partial(solve_counterweights, FLY["linesets"], FLY["solver_iterations"]))
        statuses = await console.run_cue(FLY["moves"])
        weights = await balance
    console_cmd.shutdown(socket.SHUT_WR)
    winch.join()
    for sock in (console_cmd, winch_cmd, console_status):
        sock.close()
    elapsed = time.perf_counter() - started
    print(f"statuses: {statuses}")
    print(f"positions: {console.positions}")
    print(f"arbor weights (kg): {weights}; {len(console.journal)} journal entries in {elapsed:.3f}s")


if __name__ == "__main__":
    asyncio.run(main())
