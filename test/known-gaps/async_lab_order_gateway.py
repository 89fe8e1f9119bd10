#!/usr/bin/env python3
"""Async gateway that forwards HL7 lab orders to the LIS and collects acknowledgements."""
import asyncio
import socket
import threading
import urllib.parse
import urllib.request

FORM_URL = "data:text/plain," + urllib.parse.quote("CBC|BMP|LFT|TROP|INR")


def lis_endpoint(conn, name, handled):
    """Stand-in for the LIS: answers each framed HL7 message with an ACK (runs in a thread)."""
    with conn:
        while True:
            data = conn.recv(4096)  # ok: GIL004
            if not data:
                break
            for msg in data.split(b"\x1c\r"):
                if msg:
                    control_id = msg.split(b"|")[9]
                    handled.append((name, control_id))
                    conn.sendall(b"\x0bMSA|AA|" + control_id + b"\x1c\r")


def fetch_test_catalog():
    with urllib.request.urlopen(FORM_URL) as resp:  # expect: GIL004
        return resp.read().decode().split("|")


def hl7_order(n, test):
    return (f"MSH|^~\\&|GATEWAY|WARD|LIS|LAB|20240101||ORM^O01|CTRL{n:04d}|P|2.5\r"
            f"OBR|1||{test}").encode()


async def send_legacy(sock, orders):
    """Old code path kept for the blood-bank analyser: plain blocking socket."""
    acks = []
    for n, test in orders:
        sock.sendall(b"\x0b" + hl7_order(n, test) + b"\x1c\r")  # expect: GIL004
        acks.append(sock.recv(256))  # expect: GIL004
        await asyncio.sleep(0)
    return acks


async def send_streams(sock, orders):
    reader, writer = await asyncio.open_connection(sock=sock)
    acks = []
    for n, test in orders:
        writer.write(b"\x0b" + hl7_order(n, test) + b"\x1c\r")
        await writer.drain()
        acks.append(await reader.readuntil(b"\x1c\r"))  # ok: GIL004
    writer.close()
    await writer.wait_closed()
    return acks


async def main():
    tests = fetch_test_catalog()
    catalog_again = await asyncio.to_thread(urllib.request.urlopen, FORM_URL)  # ok: GIL004
    assert catalog_again.read().decode().split("|") == tests
    handled = []
    links = []
    for name in ("chemistry", "bloodbank"):
        ours, theirs = socket.socketpair()
        t = threading.Thread(target=lis_endpoint, args=(theirs, name, handled))
        t.start()
        links.append((ours, t))

    chem_orders = [(i, tests[i % len(tests)]) for i in range(12)]
    bb_orders = [(100 + i, "TYPE&SCREEN") for i in range(4)]
    chem_acks, bb_acks = await asyncio.gather(send_streams(links[0][0], chem_orders),
                                              send_legacy(links[1][0], bb_orders))
    links[1][0].close()
    for _, t in links:
        t.join()
    print(f"catalog: {tests}")
    print(f"chemistry ACKs: {len(chem_acks)}  blood bank ACKs: {len(bb_acks)}")
    print(f"LIS handled {len(handled)} orders; last: {handled[-1][1].decode()}")


if __name__ == "__main__":
    asyncio.run(main())
