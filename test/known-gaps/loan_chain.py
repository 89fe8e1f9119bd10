"""Loan desk: underwriting workers pull applications from a queue and pass each
through a chain of responsibility (rate limit -> credit -> quota -> audit)."""
import queue
import threading

N_WORKERS = 3
N_APPLICATIONS = 60
DAILY_QUOTA = 25
MAX_PER_WINDOW = 10_000      # never reached with 60 applications
AUDIT_CAPACITY = 40


class Handler:
    def __init__(self, successor=None):
        self.successor = successor

    def handle(self, app):
        if self.successor is None:
            return True
        return self.successor.handle(app)


class RateLimiter(Handler):
    def __init__(self, successor):
        super().__init__(successor)
        self._lock = threading.Lock()
        self.seen = 0

    def handle(self, app):
        self._lock.acquire()  # expect: GIL005
        if self.seen >= MAX_PER_WINDOW:
            return False
        self.seen += 1
        self._lock.release()
        return super().handle(app)


class CreditCheck(Handler):
    def handle(self, app):
        if app["score"] < 580:
            return False
        return super().handle(app)


class QuotaApprover(Handler):
    def __init__(self, successor):
        super().__init__(successor)
        self.approved = []

    def handle(self, app):
        if len(self.approved) < DAILY_QUOTA:  # expect: GIL003
            self.approved.append(app["id"])
            return super().handle(app)
        return False


class AuditTrail(Handler):
    def __init__(self):
        super().__init__(None)
        self._lock = threading.Lock()
        self.entries = []

    def handle(self, app):
        with self._lock:
            if len(self.entries) < AUDIT_CAPACITY:  # ok: GIL003
                self.entries.append(f"approved {app['id']}")
        return True


class Underwriter:
    def __init__(self, inbox, chain):
        self.inbox = inbox
        self.chain = chain
        self.handled = 0

    def run(self):
        while True:
            app = self.inbox.get()
            if app is None:
                break
            self.chain.handle(app)
            self.handled += 1  # ok: GIL002


def main():
    audit = AuditTrail()
    quota = QuotaApprover(audit)
    chain = RateLimiter(CreditCheck(quota))
    inbox = queue.Queue()
    for i in range(N_APPLICATIONS):
        inbox.put({"id": f"LN-{i:04d}", "score": 500 + (i * 37) % 350})
    for _ in range(N_WORKERS):
        inbox.put(None)
    workers = [Underwriter(inbox, chain) for _ in range(N_WORKERS)]
    threads = [threading.Thread(target=w.run) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("approved:", len(quota.approved), "audited:", len(audit.entries))
    print("handled:", sum(w.handled for w in workers))


if __name__ == "__main__":
    main()
