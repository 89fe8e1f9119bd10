"""Roll a release out to host groups in parallel; each rollout thread gets its own copy of the config."""
import threading
import time

BASE_CONFIG = {
    "release": "2024.05.3",
    "retries": 0,
    "steps": ["drain", "upload", "restart", "health"],
    "timeouts": {"drain": 0.004, "upload": 0.008, "restart": 0.006, "health": 0.005},
}
ROLLOUT_GROUPS = {
    "canary": ["web-1", "api-1"],
    "wave-1": ["web-2", "web-3", "api-1", "api-2"],
    "wave-2": ["batch-1", "web-3", "batch-2"],
}

deploy_state = {"deploys": 0, "skipped": 0}
claimed = {}
audit_log = []


def run_step(host, step, cfg):
    time.sleep(cfg["timeouts"][step])  # ssh round trip to the host
    # the first health check after a restart always fails on a cold cache
    return not (step == "health" and cfg["retries"] == 0)


def roll_out(group, hosts, cfg):
    for host in hosts:  # ok: GIL001
        if host in claimed:  # expect: GIL003
            deploy_state["skipped"] += 1  # expect: GIL002
            continue
        claimed[host] = group
        for step in cfg["steps"]:
            while not run_step(host, step, cfg):
                cfg["retries"] += 1  # ok: GIL002
                cfg["timeouts"][step] += 0.005  # expect: GIL002
        deploy_state["deploys"] += 1  # expect: GIL002
        audit_log.append((group, host, cfg["release"], cfg["retries"]))  # ok: GIL002


if __name__ == "__main__":
    start = time.perf_counter()
    # dict() is a shallow copy: "retries" is per thread, the nested "timeouts" dict is not
    threads = [
        threading.Thread(target=lambda g=g, hs=hs: roll_out(g, hs, dict(BASE_CONFIG)), name=g)
        for g, hs in ROLLOUT_GROUPS.items()
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for group, host, release, retries in audit_log:
        print(f"{group:7s} {host:8s} -> {release} (retries so far: {retries})")
    print(f"deployed {deploy_state['deploys']}, skipped {deploy_state['skipped']} duplicate hosts")
    print(f"health timeout after backoff: {BASE_CONFIG['timeouts']['health']:.3f}s; "
          f"base retries still {BASE_CONFIG['retries']}; {time.perf_counter() - start:.2f}s")
