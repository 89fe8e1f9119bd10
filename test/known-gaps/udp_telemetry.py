# Models a UDP telemetry collector: a datagram endpoint on a background event loop, fed by sensor threads.
import asyncio
import json
import os
import socket
import tempfile
import threading
import time


class Collector:
    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.loop = asyncio.new_event_loop()
        self.readings = []
        self.packets = 0
        self.sensors_done = 0
        self.sent = 0
        self.malformed = 0

    def sensor_finished(self):
        self.sensors_done += 1  # ok: GIL002

    def _write_batch(self, lines):
        with open(os.path.join(self.out_dir, "batch.jsonl"), "a") as fh:
            fh.write("\n".join(lines) + "\n")  # ok: GIL004

    def _append_log(self, message):
        with open(os.path.join(self.out_dir, "collector.log"), "a") as fh:
            fh.write(message + "\n")  # expect: GIL004

    async def flush(self):
        lines = [json.dumps(r) for r in self.readings]
        self.readings.clear()
        await self.loop.run_in_executor(None, self._write_batch, lines)
        self._append_log(f"flushed {len(lines)} readings, {self.packets} packets")
        return len(lines), self.sensors_done, self.malformed


class TelemetryProtocol(asyncio.DatagramProtocol):
    def __init__(self, collector):
        self.collector = collector

    def datagram_received(self, data, addr):
        self.collector.packets += 1  # ok: GIL002
        try:
            self.collector.readings.append(json.loads(data))
        except ValueError:
            self.collector.malformed += 1  # expect: GIL002


def sensor(collector, port, name, count):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for seq in range(count):  # ok: GIL001
        payload = {"sensor": name, "seq": seq, "temp": 20 + seq % 5}
        sock.sendto(json.dumps(payload).encode(), ("127.0.0.1", port))
        collector.sent += 1  # expect: GIL002
        time.sleep(0.002)  # ok: GIL004
    if name == "roof":
        sock.sendto(b"{not json", ("127.0.0.1", port))
        collector.malformed += 1  # expect: GIL002
    sock.close()
    collector.loop.call_soon_threadsafe(collector.sensor_finished)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        collector = Collector(tmp)
        loop_thread = threading.Thread(target=collector.loop.run_forever, daemon=True)
        loop_thread.start()
        endpoint = asyncio.run_coroutine_threadsafe(
            collector.loop.create_datagram_endpoint(lambda: TelemetryProtocol(collector),
                                                    local_addr=("127.0.0.1", 0)),
            collector.loop)
        transport, _ = endpoint.result(timeout=2)
        port = transport.get_extra_info("sockname")[1]
        sensors = [threading.Thread(target=sensor, args=(collector, port, n, 25)) for n in ("boiler", "roof", "cellar")]
        for s in sensors:
            s.start()
        for s in sensors:
            s.join()
        time.sleep(0.05)
        written, done, malformed = asyncio.run_coroutine_threadsafe(collector.flush(), collector.loop).result(timeout=2)
        collector.loop.call_soon_threadsafe(transport.close)
        collector.loop.call_soon_threadsafe(collector.loop.stop)
        loop_thread.join()
        collector.loop.close()
        print(f"wrote {written} readings from {done} sensors, {malformed} malformed")


if __name__ == "__main__":
    main()
