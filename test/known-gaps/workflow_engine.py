# Models a workflow engine whose steps are looked up by name and run by one thread per workflow instance.
import threading
import time

STEPS = {}
SERVICES = {}
engine_lock = threading.Lock()
completed_workflows = 0
artifacts = {}
retry_budget = {"remaining": 3}
failures = []


def step(name):
    def deco(fn):
        STEPS[name] = fn
        return fn
    return deco


@step("fetch")
def fetch(ctx):
    time.sleep(0.005)
    ctx["rows"] = list(range(ctx["id"], ctx["id"] + 40))


@step("transform")
def transform(ctx):
    ctx["rows"] = [r * 3 % 17 for r in ctx["rows"]]  # ok: GIL001


@step("retry")
def maybe_retry(ctx):
    if retry_budget["remaining"] > 0:  # expect: GIL003
        retry_budget["remaining"] -= 1  # expect: GIL002
        ctx["retried"] = True


@step("publish")
def publish(ctx):
    global completed_workflows
    artifacts[ctx["id"]] = sum(ctx["rows"])
    completed_workflows += 1  # expect: GIL002


class WorkflowRun(threading.Thread):
    def __init__(self, workflow_id, plan):
        super().__init__(name=f"wf-{workflow_id}")
        self.workflow_id = workflow_id
        self.plan = plan
        self.steps_done = 0

    def run(self):
        ctx = {"id": self.workflow_id}
        for name in self.plan:  # ok: GIL001
            STEPS[name](ctx)
            self.steps_done += 1  # ok: GIL002


def compact_history(n_events):
    latest = {}
    for event_id in range(n_events):  # expect: GIL001
        latest[(event_id * 2654435761) % 5003] = event_id
    return len(latest)


class Compactor(threading.Thread):
    def __init__(self, n_events):
        super().__init__(name="compactor")
        self.n_events = n_events
        self.kept = None

    def run(self):
        self.kept = compact_history(self.n_events)


SERVICES["compactor"] = Compactor


def drain_outbox(outbox, limit):
    """Moves finished-workflow notifications out of the shared outbox."""
    sent = []
    for note in list(outbox):
        engine_lock.acquire()  # expect: GIL005
        if len(sent) >= limit:
            break
        outbox.remove(note)
        sent.append(note)
        engine_lock.release()
    return sent


def record_failure(workflow_id):
    engine_lock.acquire()  # ok: GIL005
    try:
        failures.append(workflow_id)
    finally:
        engine_lock.release()


def main():
    plan = ["fetch", "transform", "retry", "publish"]
    runs = [WorkflowRun(wid, plan) for wid in range(6)]
    compactor = SERVICES["compactor"](300_000)
    for t in runs + [compactor]:
        t.start()
    for t in runs + [compactor]:
        t.join()
    for r in runs:
        if r.steps_done != len(plan):
            record_failure(r.workflow_id)
    outbox = [f"workflow {wid} done" for wid in sorted(artifacts)]
    sent = drain_outbox(outbox, limit=len(outbox))
    print("completed:", completed_workflows, "retries left:", retry_budget["remaining"])
    print("sent:", len(sent), "failures:", failures, "compacted keys:", compactor.kept)


if __name__ == "__main__":
    main()
