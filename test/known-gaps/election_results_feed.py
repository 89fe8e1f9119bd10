"""Election-night results feed for the county website.

Precinct reporters are polled by coroutines; every report is recorded on the
results board (also written to by the state-canvass import thread) and archived
to the audit store.  The feed publishes a snapshot after each round.
"""
import asyncio
import json
import threading
import time

board_lock = threading.Lock()
board = {}
finalized = set()
audit_store = []


def record_report(report):
    board_lock.acquire()  # expect: GIL005
    precinct = report["precinct"]
    if precinct in finalized:
        return False  # late correction for a certified precinct
    board[precinct] = report["votes"]
    board_lock.release()
    return True


def certify(precinct):
    if not board_lock.acquire(timeout=1.0):  # ok: GIL005
        return False
    try:
        finalized.add(precinct)
        return True
    finally:
        board_lock.release()


def archive_report(report):
    time.sleep(0.01)  # ok: GIL004
    audit_store.append(json.dumps(report, sort_keys=True))


async def poll_precinct(precinct, round_no):
    await asyncio.sleep(0.005 * (precinct % 3))  # ok: GIL004
    # The county's reporter API client is synchronous; rate limit between calls.
    time.sleep(0.004)  # expect: GIL004
    votes = {"yes": 100 * round_no + precinct, "no": 90 * round_no + 2 * precinct}
    report = {"precinct": precinct, "round": round_no, "votes": votes}
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, archive_report, report)
    return record_report(report)


def canvass_import(precincts):
    """Absentee precincts arrive already certified from the state canvass."""
    for p in precincts:
        certify(p)
        time.sleep(0.002)


async def main():
    importer = threading.Thread(target=canvass_import, args=([90, 91, 92],), name="canvass")
    importer.start()
    for round_no in (1, 2, 3):
        results = await asyncio.gather(*(poll_precinct(p, round_no) for p in range(1, 9)))
        with board_lock:
            yes = sum(v["yes"] for v in board.values())
            no = sum(v["no"] for v in board.values())
        print(f"round {round_no}: {sum(results)} reports, yes={yes} no={no}")
    importer.join()
    for p in (1, 2):
        certify(p)
    print(f"certified {sorted(finalized)}, audit entries: {len(audit_store)}")


if __name__ == "__main__":
    started = time.perf_counter()
    asyncio.run(main())
    print(f"feed done in {time.perf_counter() - started:.2f}s")
