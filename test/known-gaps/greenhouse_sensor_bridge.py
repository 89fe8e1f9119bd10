"""Greenhouse monitor: sensor threads sample hardware and hand readings to an asyncio loop."""
import asyncio
import math
import random
import threading
import time

dropped_readings = 0
alerts = []


class SensorThread(threading.Thread):
    def __init__(self, sensor_id, loop, inbox, samples):
        super().__init__(name=f"sensor-{sensor_id}")
        self.sensor_id = sensor_id
        self.loop = loop
        self.inbox = inbox
        self.samples = samples
        self.sent = 0

    def read_hardware(self, t):
        time.sleep(0.002)  # ok: GIL004
        return 21.0 + 4 * math.sin(t / 3 + self.sensor_id) + random.uniform(-0.5, 0.5)

    def run(self):
        global dropped_readings
        for t in range(self.samples):  # ok: GIL001
            value = self.read_hardware(t)
            if value < 17.5 or value > 25.5:
                dropped_readings += 1  # expect: GIL002
                continue
            self.sent += 1  # ok: GIL002
            self.loop.call_soon_threadsafe(self.inbox.put_nowait, (self.sensor_id, value))


def smooth(values, window=5):
    out, running = [], 0.0
    for i, v in enumerate(values):  # expect: GIL001
        running += v
        if i >= window:
            running -= values[i - window]
        out.append(running / min(i + 1, window))
    return out


async def collector(inbox, expected, history):
    for _ in range(expected):
        sensor_id, value = await inbox.get()
        history.setdefault(sensor_id, []).append(value)
        if value > 24.5:
            alerts.append((sensor_id, round(value, 1)))


async def main():
    random.seed(11)
    loop = asyncio.get_running_loop()
    inbox = asyncio.Queue()
    sensors = [SensorThread(i, loop, inbox, samples=60) for i in range(4)]
    for s in sensors:
        s.start()
    await asyncio.to_thread(lambda: [s.join() for s in sensors])  # ok: GIL001
    expected = sum(s.sent for s in sensors)
    history = {}
    await collector(inbox, expected, history)
    smoothed = await asyncio.gather(
        *(asyncio.to_thread(smooth, history[sid]) for sid in sorted(history))
    )
    for sid, series in zip(sorted(history), smoothed):
        print(f"sensor {sid}: {len(series)} readings, last smoothed {series[-1]:.2f}C")
    print(f"dropped {dropped_readings} out-of-range readings, {len(alerts)} heat alerts")


if __name__ == "__main__":
    asyncio.run(main())
