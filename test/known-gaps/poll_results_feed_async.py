"""Election polling: an asyncio aggregator reads each polling station's JSON report from a socket, archives
it and sums the votes. One station still goes through an old blocking-socket reader."""
import asyncio
import json
import socket
import time

STATIONS = {
    "North School": {"Alvarez": 412, "Brooks": 388, "Chen": 501},
    "Harbour Hall": {"Alvarez": 233, "Brooks": 290, "Chen": 187},
    "Old Town Library": {"Alvarez": 305, "Brooks": 199, "Chen": 344},
}


def encode(station, votes):
    return (json.dumps({"station": station, "votes": votes}) + "\n").encode()


async def read_report_legacy(sock):
    data = b""
    while not data.endswith(b"\n"):
        data += sock.recv(1024)  # expect: GIL004
    return json.loads(data)


async def read_report(reader):
    line = await reader.readline()  # ok: GIL004
    return json.loads(line)


def archive_report(report):
    time.sleep(0.02)  # ok: GIL004
    return report["station"]


async def main():
    loop = asyncio.get_running_loop()
    names = list(STATIONS)
    pairs = [socket.socketpair() for _ in names]
    for (ours, theirs), name in zip(pairs, names):
        theirs.sendall(encode(name, STATIONS[name]))

    reports = [await read_report_legacy(pairs[0][0])]
    for ours, _ in pairs[1:]:
        reader, writer = await asyncio.open_connection(sock=ours)
        reports.append(await read_report(reader))
        writer.close()
        await writer.wait_closed()

    archived = await asyncio.gather(*(loop.run_in_executor(None, archive_report, r) for r in reports))
    totals = {}
    for report in reports:
        for candidate, votes in report["votes"].items():
            totals[candidate] = totals.get(candidate, 0) + votes  # ok: GIL002
    for ours, theirs in pairs:
        ours.close()
        theirs.close()
    print(f"archived: {', '.join(archived)}")
    for candidate, votes in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"{candidate:<8} {votes}")


if __name__ == "__main__":
    asyncio.run(main())
