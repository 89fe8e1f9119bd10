"""Bridge load monitor: an asyncio service reads strain-gauge frames from two
socket links, hands fatigue counting to the default executor and waits for
the archive thread to flush."""
import asyncio
import socket
import struct
import threading

SAMPLES = 200_000               # strain history for the fatigue estimate
FRAME = struct.Struct("!Hf")    # gauge id, microstrain


def fatigue_cycles(history):
    """Count load reversals above 40 microstrain (pure Python, 200k steps)."""
    cycles = 0
    rising = True
    prev = history[0]
    for value in history:  # expect: GIL001
        if rising and value < prev - 40.0:
            cycles += 1
            rising = False
        elif not rising and value > prev + 40.0:
            rising = True
        prev = value
    return cycles


def archive(frames, done):
    done.extend(f"gauge {g}: {s:.1f} ue" for g, s in frames)


async def read_legacy_gauge(sock):
    data = sock.recv(FRAME.size)  # expect: GIL004
    return FRAME.unpack(data)


async def read_deck_gauge(loop, sock):
    data = await loop.sock_recv(sock, FRAME.size)  # ok: GIL004
    return FRAME.unpack(data)


async def main():
    loop = asyncio.get_running_loop()
    legacy_a, legacy_b = socket.socketpair()
    deck_a, deck_b = socket.socketpair()
    deck_a.setblocking(False)
    legacy_b.sendall(FRAME.pack(7, 412.5))
    deck_b.sendall(FRAME.pack(12, 388.0))

    frames = [await read_legacy_gauge(legacy_a), await read_deck_gauge(loop, deck_a)]
    history = [300.0 + ((i * 53) % 120) for i in range(SAMPLES)]
    cycles = await loop.run_in_executor(None, fatigue_cycles, history)

    archived = []
    archiver = threading.Thread(target=archive, args=(frames, archived))
    archiver.start()
    archiver.join()  # expect: GIL004
    for s in (legacy_a, legacy_b, deck_a, deck_b):
        s.close()
    print("\n".join(archived))
    print("fatigue cycles counted:", cycles)


if __name__ == "__main__":
    asyncio.run(main())
