"""Boarding-gate hub for a ferry terminal.

Barcode scanners at each gate stream ticket codes over sockets to an asyncio
hub. Signatures are checked with the booking office in a thread pool; the
sailing manifest header is still read with a helper from the old kiosk code.
"""
import asyncio
import hashlib
import socket
import time

SECRET = b"terminal-7-key"


def sign(code):
    return hashlib.sha256(SECRET + code.encode()).hexdigest()[:8]


def read_manifest_header(sock):
    """Old kiosk helper: read one newline-terminated line from a blocking socket."""
    data = b""
    while not data.endswith(b"\n"):
        data += sock.recv(1)  # expect: GIL004
    return data.decode().strip()


def verify_with_office(code, signature):
    """Synchronous call to the booking office's validation service."""
    time.sleep(0.01)  # ok: GIL004
    return sign(code) == signature


async def gate(name, sock, boarded, refused):
    loop = asyncio.get_running_loop()
    buf = b""
    while True:
        chunk = await loop.sock_recv(sock, 256)  # ok: GIL004
        if not chunk:
            break
        buf += chunk
        *lines, buf = buf.split(b"\n")
        for line in lines:
            code, signature = line.decode().split(":")
            valid = await loop.run_in_executor(None, verify_with_office, code, signature)
            if not valid:
                refused.append((name, code))
            elif code in boarded:  # ok: GIL003
                refused.append((name, code + " (already boarded)"))
            else:
                boarded[code] = name


async def scanner(sock, codes):
    loop = asyncio.get_running_loop()
    for code, signature in codes:
        await loop.sock_sendall(sock, f"{code}:{signature}\n".encode())
        await asyncio.sleep(0.003)
    sock.close()


async def main():
    manifest_tx, manifest_rx = socket.socketpair()
    manifest_tx.sendall(b"SAILING ARAN-ROSSAVEAL 09:15 CAP 294\n")
    header = read_manifest_header(manifest_rx)
    boarded, refused, tasks = {}, [], []
    for g in range(3):
        hub_end, scanner_end = socket.socketpair()
        hub_end.setblocking(False)
        scanner_end.setblocking(False)
        codes = [(f"T{g}{i:03d}", sign(f"T{g}{i:03d}")) for i in range(10)]
        codes.append(("T0000", sign("T0000")))  # a passenger trying a second gate
        codes.append((f"X{g}999", "deadbeef"))  # forged ticket
        tasks.append(gate(f"gate-{g}", hub_end, boarded, refused))
        tasks.append(scanner(scanner_end, codes))
    await asyncio.gather(*tasks)
    print(header)
    print(f"boarded {len(boarded)} passengers, refused {len(refused)}")
    for gate_name, code in sorted(refused):
        print(f"  {gate_name}: {code}")
    manifest_tx.close()
    manifest_rx.close()


if __name__ == "__main__":
    asyncio.run(main())
