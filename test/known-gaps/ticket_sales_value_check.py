"""Three box-office processes sell concert seats from a shared multiprocessing.Value.

`sell_unlocked` checks `seats.value >= wanted`, charges the card (a 1 ms wait)
and then subtracts: another process can sell the same seats in between, so the
venue is oversold, and the subtraction itself is a read-modify-write that can
lose updates. `sell_locked` holds `seats.get_lock()` across the test, the charge
and the update, so the count never goes below zero.
"""
import multiprocessing
import time

SEATS = 100
BOX_OFFICES = 3
ORDERS_PER_OFFICE = 30


def charge_card(office, order):
    time.sleep(0.001)
    return f"{office}-{order}"


def sell_unlocked(office, seats, sold):
    for order in range(ORDERS_PER_OFFICE):  # ok: GIL001
        wanted = 1 + order % 3
        if seats.value >= wanted:  # expect: GIL003
            charge_card(office, order)
            seats.value -= wanted  # expect: GIL002
            sold[office] += wanted  # ok: GIL002


def sell_locked(office, seats, sold):
    for order in range(ORDERS_PER_OFFICE):
        wanted = 1 + order % 3
        with seats.get_lock():
            if seats.value >= wanted:  # ok: GIL003
                charge_card(office, order)
                seats.value -= wanted  # ok: GIL002
                sold[office] += wanted


def run(seller):
    seats = multiprocessing.Value("i", SEATS)
    sold = multiprocessing.Array("i", BOX_OFFICES)
    offices = [multiprocessing.Process(target=seller, args=(o, seats, sold))
               for o in range(BOX_OFFICES)]
    for proc in offices:
        proc.start()
    for proc in offices:
        proc.join()
    print(f"{seller.__name__}: sold {sum(sold)} of {SEATS} seats, {seats.value} left")


if __name__ == "__main__":
    run(sell_unlocked)
    run(sell_locked)
