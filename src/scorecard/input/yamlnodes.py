"""Checks and look-ups on a YAML node tree, each linear in the number of nodes.

The node tree keeps every value's line and column. Looking a key up by
scanning its mapping would make locating N problems in a mapping of N keys
quadratic, so each mapping is indexed once, on first use. Aliases are
counted on the tree itself, before anything is built from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Loc = tuple[str | int, ...]
MAX_ALIAS_GROWTH = 10_000  # nodes that aliases may add to the document, once expanded
_SIZE_CAP = 10**12  # sizes past this only need to be "too many"; keeps the arithmetic small


class NodeIndex:
    """Finds the node along a path of keys and indexes; each mapping is indexed once, when first asked."""

    def __init__(self, root: Node) -> None:
        self.root = root
        self._keys: dict[int, dict[str, tuple[Node, Node]]] = {}

    def _pair(self, mapping: MappingNode, key: str) -> tuple[Node, Node] | None:
        index = self._keys.get(id(mapping))
        if index is None:
            index = {}
            for key_node, value_node in mapping.value:
                if isinstance(key_node, ScalarNode):
                    index.setdefault(key_node.value, (key_node, value_node))  # the first occurrence stands
            self._keys[id(mapping)] = index
        return index.get(key)

    def walk(self, loc: Loc, *, at_key: bool) -> tuple[Node, bool]:
        """The deepest node along `loc` (the key itself when `at_key`), and whether all of `loc` was found."""
        node = self.root
        last = len(loc) - 1
        for index, part in enumerate(loc):
            if isinstance(node, MappingNode):
                pair = self._pair(node, str(part))
                if pair is None:
                    return node, False
                node = pair[0] if (index == last and at_key) else pair[1]
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                return node, False
        return node, True


def key_path(loc: Loc) -> str:
    """`demands.no-ice-holds.sources[0].url` from a path of keys and indexes (each key as written)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def node_paths(root: Node) -> dict[int, Loc]:
    """Where each node stands: its path of keys and indexes (a key node: the path it opens), by `id`.

    One visit per node (an alias is met at its anchor only), for naming the key of a problem found
    while building; only called when there is one.
    """
    paths: dict[int, Loc] = {id(root): ()}
    stack: list[tuple[Node, Loc]] = [(root, ())]
    while stack:
        node, here = stack.pop()
        if isinstance(node, MappingNode):
            children = [
                (child, (*here, key.value) if isinstance(key, ScalarNode) else here)
                for key, value in node.value
                for child in (key, value)
            ]
        elif isinstance(node, SequenceNode):
            children = [(child, (*here, index)) for index, child in enumerate(node.value)]
        else:
            continue
        for child, where in children:
            if id(child) not in paths:
                paths[id(child)] = where
                stack.append((child, where))
    return paths


def _children(node: Node) -> Iterable[Node]:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            yield key_node
            yield value_node
    elif isinstance(node, SequenceNode):
        yield from node.value


def alias_growth(root: Node) -> int | None:
    """How many nodes aliases add once expanded (0 without aliases); None when an alias contains itself.

    The composer gives an alias the very node its anchor names, so an alias is
    a node met a second time. Each node is visited once (an explicit stack, no
    recursion): its expanded size is 1 plus its children's, and what aliases
    add is the expanded size of the whole minus the number of distinct nodes.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    distinct = 0
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            open_nodes.discard(key)
            sizes[key] = min(_SIZE_CAP, 1 + sum(sizes[id(child)] for child in _children(node)))
            continue
        if key in sizes:
            continue  # met again through an alias: its size counts at its parent
        if key in open_nodes:
            return None  # an ancestor of itself: it expands forever
        open_nodes.add(key)
        distinct += 1
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    return sizes[id(root)] - distinct


def short(text: Any, limit: int = 40) -> str:
    """Text from a file, cut to `limit` characters for a message."""
    shown = str(text)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."
