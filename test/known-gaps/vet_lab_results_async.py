"""Async lab-result collector for a vet clinic: polls in-house analyzers and files the reports."""
import asyncio
import hashlib
import socket
import threading
import time

ANALYZERS = ["hematology", "chemistry", "urinalysis", "cytology"]


def read_serial_port(name):
    """Legacy analyzer driver: synchronous, waits for the instrument to answer."""
    time.sleep(0.05)  # expect: GIL004
    return f"{name}:WBC=11.2;HCT=41".encode()


def archive_report(blob):
    time.sleep(0.03)  # ok: GIL004
    return hashlib.sha256(blob).hexdigest()[:12]


def checksum_images(images):
    digests = []
    for img in images:  # ok: GIL001
        digests.append(hashlib.sha256(img).hexdigest()[:12])
    return digests


async def poll_analyzer(name):
    await asyncio.sleep(0.02)  # ok: GIL004
    return read_serial_port(name)


async def receive_radiograph(sock):
    header = sock.recv(64)  # expect: GIL004
    return header.decode()


async def heartbeat(beats):
    for _ in range(beats):
        await asyncio.sleep(0.01)
    return beats


async def notify_owner(owner):
    time.sleep(0.005)  # expect: GIL004
    return f"sms sent to {owner}"


async def main():
    start = time.perf_counter()
    results = await asyncio.gather(*(poll_analyzer(n) for n in ANALYZERS), heartbeat(10))
    reports = results[:-1]
    pacs, xray_gateway = socket.socketpair()
    timer = threading.Timer(0.05, xray_gateway.sendall, args=(b"DX|case-0042|lateral thorax",))
    timer.start()
    study = await receive_radiograph(pacs)
    timer.join()
    pacs.close()
    xray_gateway.close()
    report_id = await asyncio.to_thread(archive_report, b"\n".join(reports))
    images = [bytes([i]) * 4_000_000 for i in range(4)]
    loop = asyncio.get_running_loop()
    digests = await loop.run_in_executor(None, checksum_images, images)
    message = await notify_owner("Mrs. Alvarez")
    print(f"{len(reports)} analyzer reports, study '{study}', archive {report_id}")
    print(f"image digests {digests}; {message}; {time.perf_counter() - start:.2f}s")


if __name__ == "__main__":
    asyncio.run(main())
