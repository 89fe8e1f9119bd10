"""Render and send one marketing campaign.

Rendering (template personalisation plus quoted-printable body encoding) runs in
a thread pool; finished messages go through a queue to a few SMTP sender
threads.  SMTP is simulated with short sleeps so the demo runs offline.
"""
import collections
import functools
import logging
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from string import Template

log = logging.getLogger("campaign")

TIMINGS = collections.defaultdict(float)


def timed(fn):
    """Accumulate wall time per function, for the end-of-run report."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            TIMINGS[fn.__qualname__] += time.perf_counter() - started  # expect: GIL002

    return wrapper


@dataclass(frozen=True)
class Recipient:
    email: str
    first_name: str
    plan: str
    credits: int


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    body: str


def encode_quoted_printable(text, line_len=76):
    """RFC 2045 quoted-printable with soft line breaks (the stdlib one is bytes-only)."""
    out = []
    column = 0
    for ch in text:  # expect: GIL001
        if ch == "\n":
            out.append("\r\n")
            column = 0
            continue
        code = ord(ch)
        if (33 <= code <= 126 and ch != "=") or ch == " ":
            piece = ch
        else:
            piece = "".join("=%02X" % b for b in ch.encode("utf-8"))
        if column + len(piece) > line_len - 1:
            out.append("=\r\n")
            column = 0
        out.append(piece)
        column += len(piece)  # ok: GIL002
    return "".join(out)


class Renderer:
    def __init__(self, subject, body):
        self._subject = Template(subject)
        self._body = Template(body)

    @timed
    def render(self, rcpt):
        fields = {"first_name": rcpt.first_name, "plan": rcpt.plan, "credits": rcpt.credits}
        body = self._body.substitute(fields)
        return Message(rcpt.email, self._subject.substitute(fields), encode_quoted_printable(body))


@dataclass
class CampaignStats:
    sent: int = 0
    bounced: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record_sent(self):
        with self._lock:
            self.sent += 1  # ok: GIL002

    def record_bounce(self):
        self.bounced += 1  # expect: GIL002


class SmtpSender(threading.Thread):
    """Pulls rendered messages off the outbox until it sees the ``None`` sentinel."""

    def __init__(self, outbox, stats, latency=0.002, **kwargs):
        super().__init__(daemon=True, **kwargs)
        self.outbox = outbox
        self.stats = stats
        self.latency = latency

    def run(self):
        while True:  # ok: GIL001
            msg = self.outbox.get()
            try:
                if msg is None:
                    return
                self.deliver(msg)
            finally:
                self.outbox.task_done()

    @timed
    def deliver(self, msg):
        time.sleep(self.latency)  # the SMTP round trip
        if msg.to.endswith("@bounce.example"):
            self.stats.record_bounce()
        else:
            self.stats.record_sent()


BODY = """Hi $first_name,

Your $plan plan now comes with $credits free credits. Ünlimited exports, faster
sync and a brand-new dashboard — all included at no extra cost.
""" + "\n".join("Feature %02d: résumé-grade reporting, naïve-proof setup, 100%% uptime = peace." % i
                for i in range(20))


def recipients(count):
    plans = ["Starter", "Team", "Business"]
    for i in range(count):
        domain = "bounce.example" if i % 17 == 0 else "example.com"
        yield Recipient("user%04d@%s" % (i, domain), "Zoë-%d" % i, plans[i % 3], 10 * (i % 9))


def run_campaign(audience, render_workers=4, senders=4):
    renderer = Renderer("$first_name, your $plan plan just got better", BODY)
    stats = CampaignStats()
    outbox = queue.Queue(maxsize=64)
    pool = [SmtpSender(outbox, stats, name="smtp-%d" % i) for i in range(senders)]
    for sender in pool:
        sender.start()

    with ThreadPoolExecutor(max_workers=render_workers, thread_name_prefix="render") as executor:
        for msg in executor.map(renderer.render, audience):
            outbox.put(msg)
    for _ in pool:
        outbox.put(None)
    outbox.join()
    return stats


def main():
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    audience = list(recipients(600))
    expected_bounces = sum(1 for r in audience if r.email.endswith("@bounce.example"))
    started = time.perf_counter()
    stats = run_campaign(audience)
    elapsed = time.perf_counter() - started
    print("sent = %d, bounced = %d (expected %d)" % (stats.sent, stats.bounced, expected_bounces))
    print("delivered total = %d (expected %d)" % (stats.sent + stats.bounced, len(audience)))
    for name, seconds in sorted(TIMINGS.items()):
        print("%-22s %.3fs" % (name, seconds))
    print("elapsed %.2fs" % elapsed)


if __name__ == "__main__":
    main()
