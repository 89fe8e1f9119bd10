"""Yard-sale wealth-exchange model: two trading-floor threads pair random
agents and move a stake between them; a tax-collector thread sweeps the
agents and skims wealth above a cap into the treasury."""
import random
import threading
import time
from dataclasses import dataclass, field

AGENTS = 50
START_WEALTH = 100.0
ROUNDS = 30_000          # trades per floor thread
STAKE_FRACTION = 0.1
WEALTH_CAP = 250.0
TAX_RATE = 0.2
TAX_SWEEPS = 3           # 3 sweeps x 50 agents, 2 ms apart


@dataclass
class Agent:
    ident: int
    wealth: float = START_WEALTH


@dataclass
class Market:
    agents: list
    trades: int = 0
    treasury: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


def trading_floor(market, seed):
    rng = random.Random(seed)
    agents = market.agents
    for _ in range(ROUNDS):  # expect: GIL001
        a, b = rng.sample(agents, 2)
        with market.lock:
            stake = STAKE_FRACTION * min(a.wealth, b.wealth)
            if rng.random() < 0.5:
                a, b = b, a
            if a.wealth >= stake:  # ok: GIL003
                a.wealth -= stake  # ok: GIL002
                b.wealth += stake
                market.trades += 1


def tax_collector(market):
    for _ in range(TAX_SWEEPS):
        for agent in market.agents:
            if agent.wealth > WEALTH_CAP:  # expect: GIL003
                levy = (agent.wealth - WEALTH_CAP) * TAX_RATE
                agent.wealth -= levy  # expect: GIL002
                market.treasury += levy
        time.sleep(0.002)


def gini(values):
    xs = sorted(values)
    n = len(xs)
    cum = sum((i + 1) * x for i, x in enumerate(xs))
    return (2 * cum) / (n * sum(xs)) - (n + 1) / n


def main():
    market = Market([Agent(i) for i in range(AGENTS)])
    threads = [threading.Thread(target=trading_floor, args=(market, s)) for s in (1, 2)]
    threads.append(threading.Thread(target=tax_collector, args=(market,)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wealth = [a.wealth for a in market.agents]
    print(f"{market.trades} trades, treasury {market.treasury:.1f}, "
          f"richest {max(wealth):.1f}, gini {gini(wealth):.3f}")
    print(f"total wealth {sum(wealth) + market.treasury:.1f} (started {AGENTS * START_WEALTH:.1f})")


if __name__ == "__main__":
    main()
