"""Disk-usage tree (composite pattern): scanner threads size the files and roll totals up to every ancestor."""
import threading
import time


class Node:
    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent

    def path(self):
        parts, node = [], self
        while node is not None:
            parts.append(node.name)
            node = node.parent
        return "/".join(reversed(parts)) or "/"


class FileLeaf(Node):
    def __init__(self, name, parent):
        super().__init__(name, parent)
        self.size = 0


class Directory(Node):
    def __init__(self, name, parent=None):
        super().__init__(name, parent)
        self.children = []
        self.child_count = 0
        self.total_bytes = 0
        self.file_count = 0
        self._lock = threading.Lock()

    def add(self, child):
        self.children.append(child)
        self.child_count += 1  # ok: GIL002
        return child

    def account(self, size):
        node = self
        while node is not None:  # ok: GIL001
            node.total_bytes += size  # expect: GIL002
            with node._lock:
                node.file_count += 1  # ok: GIL002
            node = node.parent

    def report(self, depth=0):
        print(f"{'  ' * depth}{self.path():<16} {self.file_count:5d} files {self.total_bytes:9d} bytes")
        for child in self.children:
            if isinstance(child, Directory):
                child.report(depth + 1)


def scan(directory):
    for leaf in directory.children:  # ok: GIL001
        time.sleep(0.001)
        leaf.size = 512 + (len(leaf.name) * 389) % 4096
        directory.account(leaf.size)


def build_tree():
    root = Directory("")
    home = root.add(Directory("home", root))
    var = root.add(Directory("var", root))
    leaves_dirs = [
        home.add(Directory("alice", home)),
        home.add(Directory("bob", home)),
        var.add(Directory("log", var)),
        var.add(Directory("cache", var)),
    ]
    for d in leaves_dirs:
        for i in range(150):
            d.add(FileLeaf(f"{d.name}-{i:03d}.dat", d))
    return root, leaves_dirs


def main():
    root, scan_dirs = build_tree()
    scanners = [threading.Thread(target=scan, args=(d,), name=f"scan-{d.name}") for d in scan_dirs]
    for t in scanners:
        t.start()
    for t in scanners:
        t.join()
    root.report()
    expected = sum(leaf.size for d in scan_dirs for leaf in d.children)
    print(f"root total = {root.total_bytes} (expected {expected})")


if __name__ == "__main__":
    main()
