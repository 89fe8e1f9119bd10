"""Four crawler processes count pages and bytes in multiprocessing.Value objects.

`pages.value += 1` is a read (one lock round trip) and a write (another), so two
processes can read the same old value and one update is lost: the Value's own
lock protects each access, not the pair. `total_bytes` is updated under
`with total_bytes.get_lock():`, which holds the lock across the read and the
write. The per-page work loop runs in child processes, so it is not a GIL
finding.
"""
import multiprocessing

PROCESSES = 4
PAGES_PER_PROCESS = 20_000


def page_size(page_id):
    return 1_000 + (page_id * 37) % 9_000


def crawl(worker_id, pages, total_bytes):
    first = worker_id * PAGES_PER_PROCESS
    for page_id in range(first, first + PAGES_PER_PROCESS):  # ok: GIL001
        size = page_size(page_id)
        pages.value += 1  # expect: GIL002
        with total_bytes.get_lock():
            total_bytes.value += size  # ok: GIL002


if __name__ == "__main__":
    pages = multiprocessing.Value("i", 0)
    total_bytes = multiprocessing.Value("q", 0)
    workers = [multiprocessing.Process(target=crawl, args=(w, pages, total_bytes))
               for w in range(PROCESSES)]
    for proc in workers:
        proc.start()
    for proc in workers:
        proc.join()
    expected_bytes = sum(page_size(p) for p in range(PROCESSES * PAGES_PER_PROCESS))
    print(f"pages counted: {pages.value} (expected {PROCESSES * PAGES_PER_PROCESS})")
    print(f"bytes counted: {total_bytes.value} (expected {expected_bytes})")
