# Models a cluster membership agent with daemon threads for heartbeats, UDP listeners and a reaper of silent peers.
import socket
import threading
import time

PEER_TTL = 0.08


class Membership:
    """Last-seen table fed by the listeners and pruned by the reaper."""

    def __init__(self):
        self.last_seen = {}
        self.received = 0
        self.evicted = []
        self.joined = []
        self.sent = 0
        self.lock = threading.Lock()

    def listen(self, sock, stop):
        while not stop.is_set():  # ok: GIL001
            try:
                data, _ = sock.recvfrom(256)
            except socket.timeout:
                continue
            peer = data.decode()
            if peer not in self.last_seen:  # expect: GIL003
                self.joined.append(peer)
            self.last_seen[peer] = time.monotonic()
            self.received += 1  # expect: GIL002

    def reap(self, stop):
        while not stop.wait(0.02):
            now = time.monotonic()
            for peer in list(self.last_seen):
                if now - self.last_seen.get(peer, now) > PEER_TTL:  # expect: GIL003
                    self.last_seen.pop(peer, None)
                    self.evicted.append(peer)


def send_heartbeats(name, targets, stop, membership):
    out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    beats = 0
    while not stop.is_set():  # ok: GIL001
        for addr in targets:
            out.sendto(name.encode(), addr)
        beats += 1
        time.sleep(0.01)
    out.close()
    with membership.lock:
        membership.sent += beats * len(targets)  # ok: GIL002


def main():
    membership = Membership()
    agent_stop = threading.Event()
    listeners = []
    for _ in range(2):
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(0.02)
        listeners.append(sock)
    targets = [s.getsockname() for s in listeners]

    for sock in listeners:
        threading.Thread(target=membership.listen, args=(sock, agent_stop), daemon=True).start()
    threading.Thread(target=membership.reap, args=(agent_stop,), daemon=True).start()

    peer_stops = {name: threading.Event() for name in ("node-a", "node-b", "node-c")}
    senders = [
        threading.Thread(target=send_heartbeats, args=(name, targets, ev, membership), daemon=True)
        for name, ev in peer_stops.items()
    ]
    for s in senders:
        s.start()

    time.sleep(0.15)
    peer_stops["node-c"].set()
    time.sleep(0.25)
    for ev in peer_stops.values():
        ev.set()
    for s in senders:
        s.join()
    agent_stop.set()
    time.sleep(0.05)

    print(f"sent={membership.sent} received={membership.received}")
    print("joined:", membership.joined)
    print("evicted:", sorted(set(membership.evicted)))
    print("alive:", sorted(membership.last_seen))


if __name__ == "__main__":
    main()
