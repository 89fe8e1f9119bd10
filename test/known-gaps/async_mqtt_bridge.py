"""Bridge framed telemetry from two field links into an upstream MQTT-ish sink."""
import asyncio
import json
import socket
import struct
import threading
import time

FRAMES_PER_LINK = 15
upstream_count = 0
frames_decoded = 0


class LinkSimulator(threading.Thread):
    """Plays the role of the radio modems on the far side of each link."""

    def __init__(self, socks):
        super().__init__(name="link-sim")
        self.socks = socks

    def run(self):
        for seq in range(FRAMES_PER_LINK):  # ok: GIL001
            for link, sock in self.socks.items():
                body = json.dumps({"link": link, "seq": seq, "rssi": -60 - seq}).encode()
                sock.sendall(struct.pack("!I", len(body)) + body)
            time.sleep(0.003)
        for sock in self.socks.values():
            sock.shutdown(socket.SHUT_WR)


def recv_exact(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))  # expect: GIL004
        if not chunk:
            return None
        data += chunk
    return data


def forward_upstream(frame):
    global upstream_count
    time.sleep(0.002)  # ok: GIL004
    upstream_count += 1  # expect: GIL002
    return frame["seq"]


async def read_legacy_link(sock, loop):
    global frames_decoded
    acks = []
    while True:
        header = recv_exact(sock, 4)
        if header is None:
            break
        body = recv_exact(sock, struct.unpack("!I", header)[0])
        frame = json.loads(body)
        frames_decoded += 1  # ok: GIL002
        sock.sendall(b"A")  # expect: GIL004
        acks.append(await loop.run_in_executor(None, forward_upstream, frame))
    return acks


async def read_modern_link(sock, loop):
    global frames_decoded
    sock.setblocking(False)
    buf = b""
    acks = []
    while True:
        chunk = await loop.sock_recv(sock, 4096)  # ok: GIL004
        if not chunk:
            break
        buf += chunk
        while len(buf) >= 4 and len(buf) - 4 >= struct.unpack("!I", buf[:4])[0]:
            size = struct.unpack("!I", buf[:4])[0]
            frame = json.loads(buf[4:4 + size])
            buf = buf[4 + size:]
            frames_decoded += 1  # ok: GIL002
            await loop.sock_sendall(sock, b"A")  # ok: GIL004
            acks.append(await loop.run_in_executor(None, forward_upstream, frame))
    return acks


async def main():
    loop = asyncio.get_running_loop()
    legacy_near, legacy_far = socket.socketpair()
    modern_near, modern_far = socket.socketpair()
    sim = LinkSimulator({"legacy": legacy_far, "modern": modern_far})
    sim.start()
    legacy, modern = await asyncio.gather(
        read_legacy_link(legacy_near, loop), read_modern_link(modern_near, loop)
    )
    sim.join()
    for s in (legacy_near, legacy_far, modern_near, modern_far):
        s.close()
    print(f"legacy acks={len(legacy)} modern acks={len(modern)}")
    print(f"decoded={frames_decoded} forwarded upstream={upstream_count}")


if __name__ == "__main__":
    asyncio.run(main())
