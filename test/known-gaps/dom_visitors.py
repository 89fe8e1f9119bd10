"""Static-site checker: several visitor objects walk the same parsed DOM tree,
each on its own thread, sharing one style resolver service."""
import threading

FANOUT = 6
DEPTH = 6               # 6 + 36 + ... + 6**6 = 55_986 nodes below the root
TAGS = ("div", "p", "span", "a", "li", "ul")


class Node:
    __slots__ = ("tag", "text", "children")

    def __init__(self, tag, text):
        self.tag = tag
        self.text = text
        self.children = []


def build_tree():
    root = Node("html", "")
    level = [root]
    for depth in range(DEPTH):
        nxt = []
        for parent in level:
            for i in range(FANOUT):
                child = Node(TAGS[(depth + i) % len(TAGS)], "lorem ipsum dolor sit")
                parent.children.append(child)
                nxt.append(child)
        level = nxt
    return root


class StyleResolver:
    """Shared service injected into every visitor."""

    def __init__(self):
        self._cache = {}

    def font_size(self, tag):
        if tag not in self._cache:  # expect: GIL003
            self._cache[tag] = 12 + 2 * len(tag)
        return self._cache[tag]


class Visitor:
    def __init__(self, styles):
        self.styles = styles

    def walk(self, root):
        stack = [root]
        while stack:  # expect: GIL001
            node = stack.pop()
            self.visit(node)
            stack.extend(node.children)

    def visit(self, node):
        raise NotImplementedError


class WordCountVisitor(Visitor):
    def __init__(self, styles):
        super().__init__(styles)
        self.words = 0

    def visit(self, node):
        self.words += node.text.count(" ") + 1  # ok: GIL002


class LayoutVisitor(Visitor):
    def __init__(self, styles):
        super().__init__(styles)
        self.height = 0

    def visit(self, node):
        self.height += self.styles.font_size(node.tag)


def main():
    tree = build_tree()
    styles = StyleResolver()
    visitors = [WordCountVisitor(styles), LayoutVisitor(styles)]
    threads = [threading.Thread(target=v.walk, args=(tree,)) for v in visitors]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("words:", visitors[0].words, "height(px):", visitors[1].height)


if __name__ == "__main__":
    main()
