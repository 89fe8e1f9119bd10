"""Async climate controller driving vents, misters and heaters over one bus.

The control loop is asyncio; the actuator bus is a blocking half-duplex link
(a socketpair stands in for the RS-485 adapter), so bus transactions go
through the default executor and are serialised with a ``threading.Lock``.
"""
import asyncio
import functools
import logging
import socket
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger("greenhouse.actuators")


class ActuatorFault(RuntimeError):
    pass


@dataclass
class Setpoint:
    actuator: str
    value: int
    issued: float = field(default_factory=time.monotonic)

    def frame(self):
        return f"SET {self.actuator} {self.value}\n".encode()


def firmware_loop(sock):
    """Simulated actuator controller: answers every frame after a short delay."""
    with sock, sock.makefile("rb") as lines:
        for line in lines:  # ok: GIL001
            _, actuator, value = line.decode().split()
            time.sleep(0.002)
            status = "ACK" if 0 <= int(value) <= 100 else "NAK"
            sock.sendall(f"{status} {actuator} {value}\n".encode())


class ActuatorBus:
    def __init__(self):
        self._host, device = socket.socketpair()
        self._lock = threading.Lock()
        self._firmware = threading.Thread(target=firmware_loop, args=(device,), daemon=True)
        self._firmware.start()

    def _read_reply(self):
        buf = b""
        while not buf.endswith(b"\n"):
            chunk = self._host.recv(64)  # ok: GIL004
            if not chunk:
                raise ActuatorFault("bus closed")
            buf += chunk
        return buf.decode().strip()

    def transact(self, frame):
        self._lock.acquire()  # ok: GIL005
        try:
            self._host.sendall(frame)
            return self._read_reply()
        finally:
            self._lock.release()

    def transact_checked(self, frame):
        self._lock.acquire()  # expect: GIL005
        self._host.sendall(frame)
        reply = self._read_reply()
        if not reply.startswith("ACK"):
            raise ActuatorFault(f"controller rejected {frame!r}: {reply}")
        self._lock.release()
        return reply

    def close(self):
        self._host.close()
        self._firmware.join(timeout=1)


def retry_async(attempts=3, delay=0.01):
    def decorate(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            for attempt in range(1, attempts + 1):
                try:
                    return await fn(*args, **kwargs)
                except ActuatorFault:
                    if attempt == attempts:
                        raise
                    await asyncio.sleep(delay * attempt)  # ok: GIL004
        return wrapper
    return decorate


class ClimateController:
    SETTLE_S = {"vent": 0.03, "mister": 0.01, "heater": 0.0}

    def __init__(self, bus):
        self.bus = bus
        self.applied = []

    def _settle(self, actuator):
        # vents are driven by a linear motor; wait until it reaches the position
        delay = self.SETTLE_S.get(actuator.split("-")[0], 0.0)
        if delay:
            time.sleep(delay)  # expect: GIL004

    @retry_async(attempts=3)
    async def apply(self, setpoint, checked=True):
        loop = asyncio.get_running_loop()
        call = self.bus.transact_checked if checked else self.bus.transact
        reply = await loop.run_in_executor(None, call, setpoint.frame())
        self._settle(setpoint.actuator)
        self.applied.append((setpoint.actuator, setpoint.value, reply))
        return reply

    async def control_cycle(self, readings):
        plan = []
        for zone, (temp, humidity) in readings.items():
            plan.append(Setpoint(f"vent-{zone}", max(0, min(100, int((temp - 24) * 20)))))
            plan.append(Setpoint(f"mister-{zone}", 100 if humidity < 60 else 0))
            plan.append(Setpoint(f"heater-{zone}", 100 if temp < 16 else 0))
        return await asyncio.gather(*(self.apply(sp) for sp in plan))


async def run(cycles=3):
    bus = ActuatorBus()
    controller = ClimateController(bus)
    try:
        for cycle in range(cycles):
            readings = {"north": (26.5 + cycle, 55.0), "south": (15.0 + cycle, 72.0)}
            replies = await controller.control_cycle(readings)
            log.info("cycle %d: %s", cycle, ", ".join(r.split()[0] for r in replies))
            await asyncio.sleep(0.02)
        status = await controller.apply(Setpoint("heater-north", 0), checked=False)
        log.info("final heater reply: %s", status)
    finally:
        bus.close()
    return controller.applied


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    started = time.perf_counter()
    applied = asyncio.run(run())
    log.info("%d setpoints applied in %.2fs", len(applied), time.perf_counter() - started)


if __name__ == "__main__":
    main()
