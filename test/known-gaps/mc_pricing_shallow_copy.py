# Models a Monte Carlo option-pricing job where each worker starts from a copy of a template state.
"""Workers copy TEMPLATE before mutating it; shallow copies still share the nested counters dict."""
import copy
import functools
import random
import threading

TEMPLATE = {
    "params": {"spot": 100.0, "strike": 105.0, "vol": 0.2},
    "counters": {"paths": 0, "in_money": 0},
    "label": "base",
}


def run_paths(params, n_paths, seed):
    """Simulate n_paths one-step price moves; return (payoff sum, in-the-money count)."""
    rng = random.Random(seed)
    spot, strike, vol = params["spot"], params["strike"], params["vol"]
    payoff_sum = 0.0
    itm = 0
    for _ in range(n_paths):  # expect: GIL001
        s = spot * (1.0 + vol * rng.gauss(0.0, 1.0))
        payoff = s - strike
        if payoff > 0:
            payoff_sum += payoff
            itm += 1  # ok: GIL002
    return payoff_sum, itm


def price_isolated(results, results_lock, idx, n_paths):
    state = copy.deepcopy(TEMPLATE)
    state["label"] = f"deep-{idx}"
    payoff_sum, itm = run_paths(state["params"], n_paths, idx)
    state["counters"]["paths"] += n_paths  # ok: GIL002
    state["counters"]["in_money"] += itm  # ok: GIL002
    with results_lock:
        results["completed"] += 1  # ok: GIL002
    results[state["label"]] = (payoff_sum / n_paths, dict(state["counters"]))


def price_quick(results, idx, n_paths):
    state = dict(TEMPLATE)
    state["label"] = f"shallow-{idx}"
    payoff_sum, itm = run_paths(state["params"], n_paths, 100 + idx)
    state["counters"]["paths"] += n_paths  # expect: GIL002
    state["counters"]["in_money"] += itm  # expect: GIL002
    results["completed"] += 1  # expect: GIL002
    results[state["label"]] = (payoff_sum / n_paths, dict(state["counters"]))


def main():
    results = {"completed": 0}
    results_lock = threading.Lock()
    n_paths = 60_000
    threads = []
    for i in range(2):
        threads.append(threading.Thread(target=price_isolated, args=(results, results_lock, i, n_paths)))
    for i in range(2):
        threads.append(threading.Thread(target=functools.partial(price_quick, results, i, n_paths)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    print(f"completed={results.pop('completed')}")
    for label in sorted(results):
        price, counters = results[label]
        print(f"  {label:10s} price={price:.4f} counters={counters}")
    print(f"template counters after run: {TEMPLATE['counters']}")


if __name__ == "__main__":
    main()
