"""Fraud scoring service: transactions are scored by a
functools.singledispatchmethod on a shared scorer, submitted to a pool."""
import functools
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

CONFIG = {"workers": 4, "graph_nodes": 4_000, "edges_per_node": 60}


@dataclass(frozen=True)
class CardTxn:
    account: str
    amount: float
    merchant: str


@dataclass(frozen=True)
class WireTxn:
    account: str
    amount: float
    beneficiary: int


class FraudScorer:
    def __init__(self, graph):
        self.graph = graph
        self.card_seen = 0
        self._tls = threading.local()

    @functools.singledispatchmethod
    def score(self, txn):
        raise TypeError(f"cannot score {type(txn).__name__}")

    @score.register
    def _(self, txn: CardTxn):
        self.card_seen += 1  # expect: GIL002
        cache = self._merchant_cache()
        if txn.merchant not in cache:  # ok: GIL003
            cache[txn.merchant] = sum(map(ord, txn.merchant)) % 7
        return cache[txn.merchant] * txn.amount / 100

    @score.register
    def _(self, txn: WireTxn):
        reach = 0
        for node in self.graph:  # expect: GIL001
            for nbr in self.graph[node]:
                if (nbr * 2654435761) % 97 == txn.beneficiary % 97:
                    reach += 1
        return reach * txn.amount / 1000

    def _merchant_cache(self):
        cache = getattr(self._tls, "cache", None)
        if cache is None:
            cache = self._tls.cache = {}
        return cache


def main():
    n, k = CONFIG["graph_nodes"], CONFIG["edges_per_node"]
    graph = {node: [(node * 31 + e * 17) % n for e in range(k)] for node in range(n)}  # ok: GIL001
    txns = [CardTxn(f"acct-{i}", 20.0 + i, ["grocer", "fuel", "airline"][i % 3]) for i in range(12)]
    txns += [WireTxn(f"acct-{i}", 5000.0, beneficiary=i * 101) for i in range(3)]
    scorer = FraudScorer(graph)
    with ThreadPoolExecutor(max_workers=CONFIG["workers"]) as pool:
        scores = list(pool.map(scorer.score, txns))
    print("card txns seen:", scorer.card_seen)
    print("scores:", [round(s, 2) for s in scores])


if __name__ == "__main__":
    main()
