"""Batch job runner: jobs are handed to an executor strategy object.

Prime counting is CPU-heavy and is shipped to a process pool; checksum
verification of downloaded firmware blobs runs in the thread pool.
"""
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

SIEVE_LIMIT = 400_000
FIRMWARE_BYTES = 150_000


class PrimeCountJob:
    def __init__(self, limit):
        self.limit = limit

    def execute(self):
        sieve = bytearray([1]) * (self.limit + 1)
        sieve[0] = sieve[1] = 0
        for p in range(2, int(self.limit ** 0.5) + 1):
            if sieve[p]:
                sieve[p * p::p] = bytes(len(range(p * p, self.limit + 1, p)))
        count = 0
        for flag in sieve:  # ok: GIL001
            count += flag
        return ("primes", self.limit, count)


def synth_image(image_id):
    return bytes((image_id * 31 + i) & 0xFF for i in range(FIRMWARE_BYTES))  # expect: GIL001


class FirmwareChecksumJob:
    def __init__(self, image_id):
        self.image_id = image_id

    def execute(self):
        blob = synth_image(self.image_id)
        crc = 0xFFFF
        for byte in blob:  # expect: GIL001
            crc ^= byte << 8
            crc = ((crc << 1) ^ 0x1021 if crc & 0x8000 else crc << 1) & 0xFFFF
        return ("firmware", self.image_id, hex(crc))


class ThreadStrategy:
    def __init__(self):
        self.pool = ThreadPoolExecutor(max_workers=3)

    def submit(self, job):
        return self.pool.submit(job.execute)


class ProcessStrategy:
    def __init__(self):
        self.pool = ProcessPoolExecutor(max_workers=2)

    def submit(self, job):
        return self.pool.submit(job.execute)


def main():
    cpu_runner, io_runner = ProcessStrategy(), ThreadStrategy()
    prime_jobs = [PrimeCountJob(SIEVE_LIMIT), PrimeCountJob(SIEVE_LIMIT // 2)]
    firmware_jobs = [FirmwareChecksumJob(7), FirmwareChecksumJob(8), FirmwareChecksumJob(9)]
    futures = [cpu_runner.submit(job) for job in prime_jobs]
    futures += [io_runner.submit(job) for job in firmware_jobs]
    for fut in futures:
        print(fut.result())
    for runner in (cpu_runner, io_runner):
        runner.pool.shutdown()


if __name__ == "__main__":
    main()
