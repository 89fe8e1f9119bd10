# Models an IoT gateway: an event loop on a background thread polls sensors while the main thread injects readings.
import asyncio
import random
import threading
import time


class SensorRegistry:
    """Latest reading per sensor plus some gateway counters."""

    def __init__(self):
        self.readings = {}
        self.sample_count = 0
        self.stale = 0
        self.manual = 0
        self.lock = threading.Lock()

    async def poll(self, sensor_id, rounds):
        rng = random.Random(sensor_id)
        for _ in range(rounds):
            await asyncio.sleep(0.004)  # ok: GIL004
            self.readings[sensor_id] = round(20 + rng.random() * 5, 2)
            self.sample_count += 1  # expect: GIL002
        return sensor_id

    def mark_stale(self, sensor_id):
        self.stale += 1  # ok: GIL002
        self.readings.pop(sensor_id, None)

    async def calibrate(self, sensor_id):
        time.sleep(0.02)  # expect: GIL004
        self.readings[sensor_id] = 21.0
        return sensor_id


def fletcher16(blob, results):
    """Firmware image check run on a timer thread."""
    s1 = s2 = 0
    for byte in blob:  # expect: GIL001
        s1 = (s1 + byte) % 255
        s2 = (s2 + s1) % 255
    results["firmware"] = (s2 << 8) | s1


def start_loop_thread():
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="gateway-loop", daemon=True)
    thread.start()
    return loop, thread


def main():
    registry = SensorRegistry()
    results = {}
    firmware = bytes((i * 7919 + 13) % 251 for i in range(300_000))  # ok: GIL001
    checker = threading.Timer(0.01, fletcher16, args=(firmware, results))
    checker.start()

    loop, loop_thread = start_loop_thread()
    polls = [asyncio.run_coroutine_threadsafe(registry.poll(sid, 40), loop) for sid in range(4)]

    for i in range(30):
        sensor_id = 100 + i % 3
        registry.readings[sensor_id] = 18.5
        registry.sample_count += 1  # expect: GIL002
        with registry.lock:
            registry.manual += 1  # ok: GIL002
        if i % 10 == 0:
            loop.call_soon_threadsafe(registry.mark_stale, sensor_id)
        time.sleep(0.002)

    if 101 in registry.readings:  # expect: GIL003
        del registry.readings[101]

    calibrated = asyncio.run_coroutine_threadsafe(registry.calibrate(0), loop).result()
    finished = [f.result() for f in polls]
    loop.call_soon_threadsafe(loop.stop)
    loop_thread.join()
    loop.close()
    checker.join()

    print("polled sensors:", finished, "calibrated:", calibrated)
    print("samples:", registry.sample_count, "manual:", registry.manual, "stale:", registry.stale)
    print("firmware checksum:", hex(results["firmware"]))
    print("sensors reporting:", sorted(registry.readings))


if __name__ == "__main__":
    main()
