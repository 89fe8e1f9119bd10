"""Gem vault ledger.

Jewelers and brokers run as Thread subclasses against one shared Vault: they
reserve stones, have them appraised, hand some back, and brokers re-price and
transfer what they keep.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, replace
from typing import Dict, Iterable, List, Optional

log = logging.getLogger("lapidary.vault")


@dataclass(frozen=True)
class GemRecord:
    gem_id: str
    species: str
    carats: float
    price_per_carat: float

    @property
    def value(self) -> float:
        return round(self.carats * self.price_per_carat, 2)


class VaultGuard:
    """Holds the reservation lock for the duration of a `with` block."""

    def __init__(self, lock: threading.RLock, owner: str):
        self._lock = lock
        self.owner = owner

    def __enter__(self) -> "VaultGuard":
        self._lock.acquire()  # ok: GIL005
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        self._lock.release()
        return False


class Vault:
    def __init__(self, records: Iterable[GemRecord]):
        self._records: Dict[str, GemRecord] = {r.gem_id: r for r in records}
        self._reserved: Dict[str, str] = {}
        self._ledger_lock = threading.Lock()
        self._reserve_lock = threading.RLock()
        self.audit: List[str] = []

    def guard(self, owner: str) -> VaultGuard:
        return VaultGuard(self._reserve_lock, owner)

    def reserve(self, gem_id: str, jeweler: str) -> bool:
        if gem_id not in self._reserved:  # expect: GIL003
            time.sleep(0.0005)  # paperwork at the counter
            self._reserved[gem_id] = jeweler
            return True
        return False

    def release(self, gem_id: str, jeweler: str) -> bool:
        with self.guard(jeweler):
            if self._reserved.get(gem_id) == jeweler:  # ok: GIL003
                del self._reserved[gem_id]
                return True
        return False

    def holder(self, gem_id: str) -> Optional[str]:
        return self._reserved.get(gem_id)

    def appraise(self, gem_id: str) -> Optional[float]:
        self._ledger_lock.acquire()  # expect: GIL005
        record = self._records.get(gem_id)
        if record is None:
            log.warning("unknown gem %s", gem_id)
            return None
        self.audit.append(f"appraised {gem_id} at {record.value}")
        self._ledger_lock.release()
        return record.value

    def reprice(self, gem_id: str, quote: str) -> float:
        self._ledger_lock.acquire()  # expect: GIL005
        record = self._records[gem_id]
        new_price = float(quote)  # a malformed quote raises ValueError
        self._records[gem_id] = replace(record, price_per_carat=new_price)
        self._ledger_lock.release()
        return new_price

    def transfer(self, gem_id: str, to_owner: str) -> GemRecord:
        self._ledger_lock.acquire()  # ok: GIL005
        try:
            record = self._records[gem_id]
            self.audit.append(f"transfer {gem_id} -> {to_owner}")
            return record
        finally:
            self._ledger_lock.release()


class Jeweler(threading.Thread):
    def __init__(self, vault: Vault, name: str, wishlist: List[str], **thread_kwargs):
        super().__init__(name=name, **thread_kwargs)
        self.vault = vault
        self.wishlist = wishlist
        self.won: List[str] = []
        self.appraised: Dict[str, float] = {}

    def run(self) -> None:
        for gem_id in self.wishlist:  # ok: GIL001
            if self.vault.reserve(gem_id, self.name):
                self.won.append(gem_id)
                value = self.vault.appraise(gem_id)
                if value is not None:
                    self.appraised[gem_id] = value
            time.sleep(0.001)
        self.return_some()

    def return_some(self) -> None:
        for gem_id in self.won[len(self.won) // 2:]:
            self.vault.release(gem_id, self.name)


class Broker(Jeweler):
    def __init__(self, vault: Vault, name: str, wishlist: List[str], markup: float, **kw):
        super().__init__(vault, name, wishlist, **kw)
        self.markup = markup
        self.sold: List[GemRecord] = []

    def return_some(self) -> None:
        keep = self.won[: len(self.won) // 2]
        super().return_some()
        for gem_id in keep:
            quote = f"{self.appraised.get(gem_id, 100.0) * self.markup:.2f}"
            self.vault.reprice(gem_id, quote)
            self.sold.append(self.vault.transfer(gem_id, f"client-of-{self.name}"))


def build_vault() -> Vault:
    species = ("ruby", "sapphire", "emerald", "garnet", "opal", "topaz")
    return Vault(
        GemRecord(f"G{i:02d}", species[i % len(species)], 0.5 + (i % 5) * 0.4, 300.0 + 25 * i)
        for i in range(24)
    )


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(threadName)s %(message)s")
    vault = build_vault()
    ids = [f"G{i:02d}" for i in range(24)]
    staff: List[Jeweler] = [
        Jeweler(vault, "ada", ids[0::2]),
        Jeweler(vault, "bea", ids[1::2]),
        Broker(vault, "cy", ids[::3], markup=1.2, daemon=False),
        Broker(vault, "dov", list(reversed(ids)), markup=1.1),
    ]
    for person in staff:
        person.start()
    for person in staff:
        person.join()
    held = sum(1 for gid in ids if vault.holder(gid) is not None)
    sold = sum(len(p.sold) for p in staff if isinstance(p, Broker))
    print(f"audit entries={len(vault.audit)} still reserved={held} sold={sold}")
    for person in staff:
        print(f"{person.name}: won {len(person.won)} appraised {len(person.appraised)}")


if __name__ == "__main__":
    main()
