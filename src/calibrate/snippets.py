"""Loop bodies for calibrating GIL Lens's operation costs.

Each `snippet_*` function runs one idiom `n` times. calibrate.py times them on the interpreter being measured;
GIL Lens counts the operations of each loop body the way it counts user code, and a non-negative least-squares fit
of time against counts gives the cost of each kind of operation. The idioms are common Python, not copies of any
program GIL Lens is tested on.
"""
import threading

G = 0
K = 7
SHARED = {"hits": 0}
LOCK = threading.Lock()
LOCAL = threading.local()


class Box:
    def __init__(self):
        self.a = 1
        self.b = 2

    def add(self, x):
        return self.a + x


def plus_one(x):
    return x + 1


def snippet_empty(n):
    for i in range(n):
        pass


def snippet_locals(n):
    y = 3
    for i in range(n):
        x = i
        y = x
        z = y
        x = z


def snippet_arithmetic(n):
    for i in range(n):
        x = i * 3 + 7
        y = x % 11 - i


def snippet_big_ints(n):
    for i in range(n):
        a = i * 1000003 + 12345678901
        b = a // 7


def snippet_global_counter(n):
    global G
    for i in range(n):
        G += 1


def snippet_global_reads(n):
    for i in range(n):
        x = G + K
        y = x + K


def snippet_attribute_reads(n):
    box = Box()
    for i in range(n):
        x = box.a + box.b


def snippet_attribute_update(n):
    box = Box()
    for i in range(n):
        box.a += 1


def snippet_thread_local(n):
    LOCAL.count = 0
    for i in range(n):
        LOCAL.count += 1


def snippet_dict_counter(n):
    counts = {}
    for i in range(n):
        key = i & 255
        counts[key] = counts.get(key, 0) + 1


def snippet_dict_update(n):
    for i in range(n):
        SHARED["hits"] += 1


def snippet_list_append(n):
    out = []
    for i in range(n):
        out.append(i * i)


def snippet_list_index(n):
    items = list(range(1024))
    for i in range(n):
        x = items[i & 1023]


def snippet_list_pop(n):
    stack = []
    for i in range(n):
        stack.append(i)
        x = stack.pop()


def snippet_tuple_swap(n):
    a, b = 0, 1
    for i in range(n):
        a, b = b, (a + b) % 1000003


def snippet_build_tuple(n):
    for i in range(n):
        t = (i, i + 1, i + 2)


def snippet_function_call(n):
    for i in range(n):
        x = plus_one(i)


def snippet_method_call(n):
    box = Box()
    for i in range(n):
        x = box.add(i)


def snippet_builtin_calls(n):
    text = "hello"
    for i in range(n):
        x = len(text) + abs(i)


def snippet_strings(n):
    for i in range(n):
        s = str(i)
        t = s + "x"


def snippet_branches(n):
    for i in range(n):
        if i % 3 == 0:
            x = i
        else:
            x = -i


def snippet_inner_loop(n):
    for i in range(n):
        total = 0
        for j in range(8):
            total += j


def snippet_comprehension(n):
    for i in range(n):
        x = [j * 2 for j in range(8)]


def snippet_c_loop(n):
    data = list(range(200))
    for i in range(n):
        x = sum(data)


def snippet_with_lock(n):
    global G
    for i in range(n):
        with LOCK:
            G += 1


def snippet_membership(n):
    seen = set()
    for i in range(n):
        if i not in seen:
            seen.add(i & 511)
