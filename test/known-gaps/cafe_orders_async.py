"""Espresso bar: asyncio baristas take orders from a queue; the ticket printer talks over a socket."""
import asyncio
import socket
import time

ORDERS = ["flat white", "cortado", "espresso", "oat latte", "macchiato", "americano", "mocha", "cortado"]
orders_served = 0
milk_used_ml = 0


def grind(grams):
    time.sleep(0.02)  # ok: GIL004
    return grams * 0.98


def steam_milk(ml):
    time.sleep(0.015)  # expect: GIL004
    return ml


async def print_ticket(loop, printer, text):
    await loop.sock_sendall(printer, text.encode() + b"\n")  # ok: GIL004


async def read_printer_status(sock):
    return sock.recv(64)  # expect: GIL004


async def barista(name, orders, loop, printer):
    global orders_served, milk_used_ml
    while True:
        drink = await orders.get()
        if drink is None:
            break
        dose = await loop.run_in_executor(None, grind, 18.0)
        if drink not in ("espresso", "americano"):
            milk_used_ml += steam_milk(120 if "latte" in drink else 60)  # ok: GIL002
        await asyncio.sleep(0.025)  # ok: GIL004
        await print_ticket(loop, printer, f"{name}: {drink} ({dose:.1f} g)")
        orders_served += 1  # ok: GIL002


async def main(printer, printer_end, status_sock):
    loop = asyncio.get_running_loop()
    orders = asyncio.Queue()
    for drink in ORDERS:
        orders.put_nowait(drink)
    start = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        for name in ("Ana", "Kofi"):
            tg.create_task(barista(name, orders, loop, printer))
            orders.put_nowait(None)
    status = await read_printer_status(status_sock)
    print(f"served {orders_served} drinks, {milk_used_ml} ml milk in {time.perf_counter() - start:.2f}s; "
          f"printer says {status.decode()}")
    print(printer_end.recv(4096).decode().strip())  # ok: GIL004


if __name__ == "__main__":
    printer, printer_end = socket.socketpair()
    printer.setblocking(False)
    printer_end.setblocking(False)
    status_end, status_sock = socket.socketpair()
    status_end.sendall(b"PAPER OK")
    asyncio.run(main(printer, printer_end, status_sock))
    for sock in (printer, printer_end, status_end, status_sock):
        sock.close()
