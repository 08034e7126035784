"""YAML from users, read in bounded time and memory.

Anchors and aliases let a few hundred bytes expand into billions of nodes (an "alias bomb": a
586-byte file took 82 s and 5.5 GB), and an anchor that contains itself makes the constructor
recurse without end. The document is composed into nodes first (aliases are shared nodes there,
so this is cheap), its expanded size counted with each shared node measured once, and only a
document within the limit and without cycles is constructed.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_EXPANDED_NODES = 200_000  # the shipped rules expand to a few thousand


class YAMLTooComplex(ValueError):
    """The document expands past the limit or refers to itself; `line` is where (1-based)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """Nodes the document has once every alias is expanded; raises YAMLTooComplex past `limit` or on a cycle."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[key] > limit:
                raise YAMLTooComplex(
                    f"expands to more than {limit:,} values through anchors and aliases (&/*)", node.start_mark.line + 1
                )
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise YAMLTooComplex("an anchor (&) refers to itself through an alias (*)", node.start_mark.line + 1)
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def load_bounded(text: str, loader: type[yaml.SafeLoader] = yaml.SafeLoader, limit: int = MAX_EXPANDED_NODES) -> Any:
    """`yaml.load(text, Loader=loader)` for one document, refusing alias bombs and self-references
    (YAMLTooComplex) before anything is constructed; YAML syntax errors raise yaml.YAMLError as usual."""
    reader = loader(text)
    try:
        node = reader.get_single_node()
        if node is None:
            return None
        _expanded_size(node, limit)
        return reader.construct_document(node)
    finally:
        reader.dispose()
