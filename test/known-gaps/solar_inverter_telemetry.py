"""Solar farm monitor: an asyncio service collects telemetry from the inverters.

Each inverter link is a socketpair standing in for a serial-over-TCP bridge.
The legacy reader calls sock.recv() on a blocking socket inside a coroutine:
every read stalls the event loop. The modern reader uses a non-blocking socket
and `await loop.sock_recv()`. String voltages come from a slow driver call
that the service hands to the default executor, so its time.sleep runs in a
worker thread, off the event loop.

Lessons:
- a blocking socket call inside `async def` blocks the event loop;
- `await loop.sock_recv(...)` on a non-blocking socket does not;
- a sync function passed to run_in_executor may block: it runs in a thread.
"""
import asyncio
import socket
import struct
import time

INVERTERS = 4
FRAMES_PER_LINK = 8
FRAME = struct.Struct("!Hf")   # inverter id, kilowatts
DRIVER_DELAY_S = 0.02


def read_string_voltage(inverter_id):
    time.sleep(DRIVER_DELAY_S)  # ok: GIL004
    return 600.0 + 2.5 * inverter_id


async def read_legacy_link(sock):
    frames = []
    for _ in range(FRAMES_PER_LINK):
        data = sock.recv(FRAME.size)  # expect: GIL004
        frames.append(FRAME.unpack(data))
    return frames


async def read_modern_link(sock):
    loop = asyncio.get_running_loop()
    frames = []
    for _ in range(FRAMES_PER_LINK):
        data = await loop.sock_recv(sock, FRAME.size)  # ok: GIL004
        frames.append(FRAME.unpack(data))
    return frames


async def main():
    loop = asyncio.get_running_loop()
    legacy_ours, legacy_inverter = socket.socketpair()
    modern_ours, modern_inverter = socket.socketpair()
    modern_ours.setblocking(False)
    for n in range(FRAMES_PER_LINK):
        legacy_inverter.sendall(FRAME.pack(n % INVERTERS, 40.0 + n))
        modern_inverter.sendall(FRAME.pack(n % INVERTERS, 55.0 + n))

    legacy, modern, *voltages = await asyncio.gather(
        read_legacy_link(legacy_ours),
        read_modern_link(modern_ours),
        *(loop.run_in_executor(None, read_string_voltage, i) for i in range(INVERTERS)))

    for sock in (legacy_ours, legacy_inverter, modern_ours, modern_inverter):
        sock.close()
    total_kw = sum(kw for _, kw in legacy) + sum(kw for _, kw in modern)
    print(f"{len(legacy) + len(modern)} frames, {total_kw:.1f} kW reported")
    print("string voltages: " + ", ".join(f"{v:.1f} V" for v in voltages))


asyncio.run(main())
