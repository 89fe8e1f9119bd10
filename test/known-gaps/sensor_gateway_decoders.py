"""IoT gateway: a config maps each device to a decoder class name; per-device
threads get their decoder from a factory and report into one shared gateway."""
import threading
import zlib

MODBUS_FRAME = 16_384          # bytes CRC-16 checked bit by bit (131_072 bit steps)
ZLIB_BLOCK = 1_048_576         # 1 MiB per compressed block
ZLIB_BLOCKS = 4

_tls = threading.local()


class ModbusDecoder:
    def decode(self, payload):
        crc = 0xFFFF
        for byte in payload:  # expect: GIL001
            crc ^= byte
            for _ in range(8):
                crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        return len(payload), crc


class ZlibDecoder:
    def decode(self, payload):
        total = 0
        for block in payload:  # ok: GIL001
            total += len(zlib.decompress(block))
        return total, 0


DECODERS = {"modbus": ModbusDecoder, "zlib": ZlibDecoder}


def decoder_for(kind):
    return DECODERS[kind]()


class Gateway:
    def __init__(self):
        self.readings = {}
        self.bytes_decoded = 0

    def report(self, device, n_bytes, value):
        self.readings[device] = value
        self.bytes_decoded += n_bytes  # expect: GIL002


class DeviceWorker:
    def __init__(self, device, kind, payload, gateway):
        self.device = device
        self.decoder = decoder_for(kind)
        self.payload = payload
        self.gateway = gateway

    def run(self):
        n_bytes, value = self.decoder.decode(self.payload)
        _tls.frames = getattr(_tls, "frames", 0) + 1  # ok: GIL002
        self.gateway.report(self.device, n_bytes, value)


def main():
    frame = bytes((i * 13 + 5) & 0xFF for i in range(MODBUS_FRAME))
    blocks = [zlib.compress(bytes([65 + b]) * ZLIB_BLOCK) for b in range(ZLIB_BLOCKS)]
    config = {"boiler-1": "modbus", "chiller-2": "modbus", "meter-3": "zlib"}
    payloads = {"modbus": frame, "zlib": blocks}
    gateway = Gateway()
    workers = [DeviceWorker(dev, kind, payloads[kind], gateway) for dev, kind in config.items()]
    threads = [threading.Thread(target=w.run, name=w.device) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("readings:", gateway.readings)
    print("bytes decoded:", gateway.bytes_decoded)


if __name__ == "__main__":
    main()
