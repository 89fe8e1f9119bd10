"""Session table with idle expiry driven by sched.scheduler running in a background thread."""
import random
import sched
import threading
import time

IDLE_TTL = 0.05
SWEEP_EVERY = 0.01

sessions = {}
sessions_lock = threading.Lock()
sweep_stats = {"sweeps": 0, "expired": 0}
key_versions = []

scheduler = sched.scheduler(time.monotonic, time.sleep)


def sweep_idle(deadline):
    now = time.monotonic()
    for sid in list(sessions):  # ok: GIL001
        if now - sessions.get(sid, now) > IDLE_TTL:  # expect: GIL003
            del sessions[sid]
            sweep_stats["expired"] += 1  # ok: GIL002
    sweep_stats["sweeps"] += 1  # ok: GIL002
    if now < deadline:
        scheduler.enter(SWEEP_EVERY, 1, sweep_idle, (deadline,))


def rotate_signing_key(deadline):
    with sessions_lock:
        version = len(key_versions) + 1
        key_versions.append(f"key-v{version}")
    if time.monotonic() < deadline:
        scheduler.enter(SWEEP_EVERY * 5, 2, rotate_signing_key, (deadline,))


def serve_traffic(duration):
    rng = random.Random(3)
    logins = logouts = touches = 0
    end = time.monotonic() + duration
    while time.monotonic() < end:
        sid = f"s{rng.randrange(60)}"
        action = rng.random()
        with sessions_lock:
            if action < 0.2:
                sessions[sid] = time.monotonic()
                logins += 1
            elif action < 0.3:
                logouts += sessions.pop(sid, None) is not None
            elif sid in sessions:  # ok: GIL003
                sessions[sid] = time.monotonic()
                touches += 1  # ok: GIL002
        time.sleep(0.0003)
    return logins, logouts, touches


def main():
    deadline = time.monotonic() + 0.3
    scheduler.enter(SWEEP_EVERY, 1, sweep_idle, (deadline,))
    scheduler.enter(SWEEP_EVERY * 5, 2, rotate_signing_key, (deadline,))
    runner = threading.Thread(target=scheduler.run, name="sched-runner")
    runner.start()
    logins, logouts, touches = serve_traffic(0.3)
    runner.join()
    print(f"logins {logins}, logouts {logouts}, touches {touches}")
    print(f"sweeps {sweep_stats['sweeps']}, expired {sweep_stats['expired']}, "
          f"still active {len(sessions)}")
    print("signing keys:", ", ".join(key_versions))


if __name__ == "__main__":
    main()
