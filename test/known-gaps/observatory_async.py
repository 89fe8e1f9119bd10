"""Observation night runner: an asyncio loop drives the dome sensor, the mount and the camera."""
import asyncio
import socket
import time

TARGETS = [("M31", 10.7, 41.3), ("M42", 83.8, -5.4), ("M45", 56.9, 24.1), ("M13", 250.4, 36.5)]


def read_dome_sensor(sock):
    raw = sock.recv(64)  # expect: GIL004
    return raw.decode().strip()


def calibrate_ccd(frames):
    for _ in range(frames):  # ok: GIL001
        time.sleep(0.02)  # ok: GIL004
    return frames


async def slew_to(name, ra, dec):
    print(f"slewing to {name} (ra={ra}, dec={dec})")
    time.sleep(0.15)  # expect: GIL004
    return name


async def expose(name, seconds):
    await asyncio.sleep(seconds)  # ok: GIL004
    return f"{name}.fits"


async def check_dome(sock):
    status = read_dome_sensor(sock)
    if status != "OPEN":
        raise RuntimeError(f"dome is {status}")
    return status


async def heartbeat(stop):
    beats = 0
    while not stop.is_set():
        await asyncio.sleep(0.05)
        beats += 1  # ok: GIL002
    return beats


async def main():
    dome_side, sensor_side = socket.socketpair()
    stop = asyncio.Event()
    beat_task = asyncio.create_task(heartbeat(stop))
    calibration = asyncio.create_task(asyncio.to_thread(calibrate_ccd, 5))
    start = time.perf_counter()
    frames = []
    for name, ra, dec in TARGETS:
        sensor_side.sendall(b"OPEN")
        await check_dome(dome_side)
        await slew_to(name, ra, dec)
        frames.append(await expose(name, 0.1))
    darks = await calibration
    stop.set()
    beats = await beat_task
    dome_side.close()
    sensor_side.close()
    print(f"{len(frames)} frames and {darks} dark frames in {time.perf_counter() - start:.2f}s; "
          f"heartbeat ran {beats} times")


if __name__ == "__main__":
    asyncio.run(main())
