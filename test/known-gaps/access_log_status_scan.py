"""Write a synthetic access log, then tally status codes and bytes served with worker threads."""
import os
import tempfile
import threading

status_counts = {}
bytes_served = 0
bytes_lock = threading.Lock()


def write_log(path, lines):
    with open(path, "w") as fh:
        for i in range(lines):  # ok: GIL001
            status = (200, 200, 200, 304, 404, 500)[i % 6]
            fh.write(f"10.0.{i % 256}.{i % 7} GET /item/{i} {status} {512 + i % 2048}\n")


def scan(lines):
    global bytes_served
    served = 0
    for line in lines:  # expect: GIL001
        parts = line.split()
        code = parts[3]
        status_counts[code] = status_counts.get(code, 0) + 1  # expect: GIL002
        served += int(parts[4])  # ok: GIL002
    with bytes_lock:
        bytes_served += served  # ok: GIL002


def main(line_count=240_000, workers=4):
    path = os.path.join(tempfile.mkdtemp(), "access.log")
    write_log(path, line_count)
    with open(path) as fh:
        lines = fh.read().splitlines()
    chunk = len(lines) // workers + 1
    threads = [threading.Thread(target=scan, args=(lines[i * chunk:(i + 1) * chunk],))
               for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    os.remove(path)
    print(f"{sum(status_counts.values())} requests, {bytes_served} bytes served")
    print(dict(sorted(status_counts.items())))


if __name__ == "__main__":
    main()
