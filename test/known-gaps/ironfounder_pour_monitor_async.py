"""Pouring-floor monitor for an iron foundry (asyncio).

Two sensor channels arrive over socket pairs: the old ladle thermocouples write fixed frames
from a plain thread onto a blocking socket; the new pyrometers are read with loop.sock_recv.
Frames are decoded by the sensor class and dispatched to handlers registered by message kind.
Solidification times are predicted in a process pool so the loop stays responsive.
"""
import asyncio
import socket
import struct
import threading
import time
from concurrent.futures import ProcessPoolExecutor

FRAME = struct.Struct("!4sd")
LADLES = {"ladle-1": 1342.0, "ladle-2": 1388.0, "ladle-3": 1405.0}
CASTINGS = {"engine-block": 90_000, "brake-disc": 60_000, "valve-body": 75_000}
LEGACY_FRAMES = 6
HANDLERS = {}


def handles(kind):
    def register(fn):
        HANDLERS[kind] = fn
        return fn
    return register


class Sensor:
    kind = b"NONE"

    def decode(self, payload):
        tag, value = FRAME.unpack(payload)
        return tag.decode(), self.correct(value)

    def correct(self, value):
        return value


class Thermocouple(Sensor):
    def correct(self, value):
        return value + 4.5  # cold-junction compensation


class Pyrometer(Sensor):
    emissivity = 0.92

    def correct(self, value):
        return value / self.emissivity ** 0.25


@handles("TEMP")
def on_temp(state, value):
    state["temps"].append(round(value, 1))


@handles("SLAG")
def on_slag(state, value):
    state["slag_alarms"].append(value)


def simulate_solidification(cells):
    """Chvorinov-style cooling march over `cells` mesh cells; run in a worker process."""
    temp, t = 1400.0, 0.0
    for i in range(cells):  # ok: GIL001 -- heavy, but it runs in ProcessPoolExecutor worker processes
        temp -= (temp - 25.0) * 1e-5 * (1 + (i % 17) * 0.01)
        t += 0.002
    return round(t, 1), round(temp, 1)


class LegacyChannel:
    def __init__(self, sock, sensor):
        self.sock = sock
        self.sensor = sensor

    def _recv_exact(self, size):
        buf = b""
        while len(buf) < size:
            chunk = self.sock.recv(size - len(buf))  # expect: GIL004 -- blocking recv reached from coroutine poll_legacy
            if not chunk:
                raise ConnectionError("thermocouple line dropped")
            buf += chunk
        return buf

    def read_frame(self):
        return self.sensor.decode(self._recv_exact(FRAME.size))


def legacy_transmitter(sock, count):
    for n, (ladle, temp) in enumerate(list(LADLES.items()) * (count // len(LADLES))):  # ok: GIL001 -- six frames, each after a sleep
        time.sleep(0.003)  # ok: GIL004 -- plain thread, not on the event loop
        sock.sendall(FRAME.pack(b"TEMP", temp - n))


async def poll_legacy(channel, state, count):
    for _ in range(count):
        kind, value = channel.read_frame()
        HANDLERS[kind](state, value)
        await asyncio.sleep(0)


async def pyrometer_feed(sock, readings):
    loop = asyncio.get_running_loop()
    for kind, value in readings:
        await loop.sock_sendall(sock, FRAME.pack(kind, value))
        await asyncio.sleep(0.002)  # ok: GIL004 -- asyncio.sleep yields instead of blocking


async def poll_pyrometers(sock, sensor, state, count):
    loop = asyncio.get_running_loop()
    for _ in range(count):
        payload = b""
        while len(payload) < FRAME.size:
            payload += await loop.sock_recv(sock, FRAME.size - len(payload))  # ok: GIL004 -- awaited non-blocking recv
        kind, value = sensor.decode(payload)
        HANDLERS[kind](state, value)


async def predict_castings(pool):
    loop = asyncio.get_running_loop()
    names = list(CASTINGS)
    results = await asyncio.gather(*(loop.run_in_executor(pool, simulate_solidification, CASTINGS[n])
                                     for n in names))
    return dict(zip(names, results))


async def monitor(pool):
    state = {"temps": [], "slag_alarms": []}
    legacy_a, legacy_b = socket.socketpair()
    pyro_a, pyro_b = socket.socketpair()
    pyro_a.setblocking(False)
    pyro_b.setblocking(False)
    tx = threading.Thread(target=legacy_transmitter, args=(legacy_a, LEGACY_FRAMES), daemon=True)
    tx.start()
    readings = [(b"TEMP", 1320.0), (b"SLAG", 2.5), (b"TEMP", 1298.0), (b"SLAG", 3.1)]
    try:
        _, _, _, predictions = await asyncio.gather(
            poll_legacy(LegacyChannel(legacy_b, Thermocouple()), state, LEGACY_FRAMES),
            pyrometer_feed(pyro_a, readings),
            poll_pyrometers(pyro_b, Pyrometer(), state, len(readings)),
            predict_castings(pool),
        )
    finally:
        tx.join()
        for s in (legacy_a, legacy_b, pyro_a, pyro_b):
            s.close()
    return state, predictions


def main():
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        state, predictions = asyncio.run(monitor(pool))
    print(f"temperatures: {state['temps']}")
    print(f"slag alarms: {state['slag_alarms']}")
    for name, (seconds, temp) in predictions.items():
        print(f"{name:12s} solid after {seconds:6.1f} s (core {temp:.0f} C)")
    print(f"monitor finished in {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    main()
