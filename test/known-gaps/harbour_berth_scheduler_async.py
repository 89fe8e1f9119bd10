"""Tidal harbour berth scheduler: an asyncio front end reads the tide gauge, worker threads dock ships."""
import asyncio
import socket
import threading
import time


class Berth:
    occupied_total = 0  # shared by every berth in the harbour

    def __init__(self, name, depth_m):
        self.name = name
        self.depth_m = depth_m
        self.lock = threading.Lock()
        self.ships = []

    def dock(self, ship, draft_m, tide_m):
        self.lock.acquire()  # expect: GIL005
        if draft_m > self.depth_m + tide_m:
            raise ValueError(f"{ship} draws {draft_m} m, too deep for {self.name}")
        self.ships.append(ship)
        self.lock.release()
        Berth.occupied_total += 1  # expect: GIL002


def dock_worker(berth, ships, tide_m):
    for ship, draft in ships:  # ok: GIL001
        time.sleep(0.004)  # ok: GIL004
        berth.dock(ship, draft, tide_m)
    return berth.name, len(berth.ships)


def read_gauge(sock):
    """Synchronous driver for the tide gauge's telemetry link."""
    line = sock.recv(32)  # expect: GIL004
    return float(line.decode().split("=")[1])


def gauge_station(sock, readings):
    for level in readings:  # ok: GIL001
        time.sleep(0.02)
        sock.sendall(f"TIDE={level:.2f}\n".encode())


async def tide_now(sock):
    return read_gauge(sock)


async def board_pilot(ship):
    await asyncio.sleep(0.01)  # ok: GIL004
    return ship


async def main():
    harbour, gauge = socket.socketpair()
    station = threading.Thread(target=gauge_station, args=(gauge, [1.84]), daemon=True)
    station.start()
    tide = await tide_now(harbour)
    berths = [Berth("North Quay", 9.5), Berth("Ro-Ro 2", 7.0), Berth("Fish Dock", 5.0)]
    queues = [[(f"{b.name[:2]}-{i}", b.depth_m - 0.5 - i * 0.1) for i in range(12)] for b in berths]
    boarded = await asyncio.gather(*(board_pilot(s) for q in queues for s, _ in q[:4]))
    docked = await asyncio.gather(
        *(asyncio.to_thread(dock_worker, b, q, tide) for b, q in zip(berths, queues))
    )
    station.join()
    harbour.close()
    gauge.close()
    print(f"tide {tide} m; {len(boarded)} pilots boarded; docked {dict(docked)}")
    print(f"harbour occupancy {Berth.occupied_total}")


if __name__ == "__main__":
    asyncio.run(main())
