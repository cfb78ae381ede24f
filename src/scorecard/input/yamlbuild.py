"""Plain data from a YAML node tree, by PyYAML's safe rules, with every problem located.

The builder makes what `yaml.load(text, Loader=yaml.CSafeLoader)` makes
(tests/test_differential.py compares the two) or refuses with a located
problem. It builds every mapping and list itself and hands PyYAML only single
values (null, true/false, numbers, dates), so no part of a file escapes its
checks:

- a key that appears twice, or two keys that YAML reads as equal values
  (`1` and `true`, `0` and `no`, `1` and `1.0`, `.nan` and `.NaN`), is a
  `yaml.duplicate-key` at the second one; the first stands;
- a merge key (`<<`) is a `yaml.merge-key`: data files have no use for it;
- a key that is a list or a mapping is `yaml.key` (PyYAML refuses it too);
- tags other than text, lists, mappings, null, true/false, numbers and dates
  (`!!set`, `!!omap`, `!!binary`, `!!python/...`, `!local`) are `yaml.tag`;
- a value YAML recognised but can't build (2026-02-30) is `yaml.value`;
- a mapping whose number keys share one hash value many times over (a file
  built to make dict insertion quadratic) is `yaml.key-hash`.
"""

from __future__ import annotations

import datetime as dt
import operator
import sys
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from scorecard.input.yamlnodes import short

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HAS_LIBYAML: bool = _BaseLoader is not yaml.SafeLoader

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_SEQ = _TAG + "seq"
_MAP = _TAG + "map"
_MERGE = _TAG + "merge"
_VALUE = _TAG + "value"
_TIMESTAMP = _TAG + "timestamp"
_SCALAR_TAGS = frozenset(_TAG + name for name in ("null", "bool", "int", "float", "timestamp"))
_KINDS = {ScalarNode: "a single value", SequenceNode: "a list", MappingNode: "a mapping"}
_RESOLVED: dict[str, str] = {}  # plain scalar text -> tag; short texts repeat a lot
_RESOLVED_MAX = 50_000
_RESOLVED_LENGTH = 40
MAX_SHARED_HASH = 8  # number keys of one mapping that may share a hash value
_NUMBERS = (int, float, bool)
_BUILD_ERRORS = (ValueError, OverflowError, KeyError, TypeError, AttributeError, IndexError)


# The first characters of plain text that may be something other than text; without path resolvers
# (PyYAML's safe loader has none) and wildcard resolvers, any other plain text is text.
_IMPLICIT_FIRST = frozenset(first for first in _BaseLoader.yaml_implicit_resolvers if first is not None)
assert None not in _BaseLoader.yaml_implicit_resolvers
assert not _BaseLoader.yaml_path_resolvers


def _date(text: str) -> dt.date | None:
    """A `YYYY-MM-DD` date, most of a data file's dates, as PyYAML builds it; None for any other form
    or a date that doesn't exist (PyYAML's constructor then builds it or says why not)."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text[:4].isdigit():
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class Problem:
    """A located problem found while building: its node, code and message."""

    node: Node
    code: str
    message: str


class Refused(Exception):  # noqa: N818 (a located problem that stops the build, caught by parse_document)
    """A node that can't be built at all: a tag that isn't allowed, a value that isn't real."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def tag_name(tag: str) -> str:
    """A tag as written in a file: `!!set` rather than `tag:yaml.org,2002:set`."""
    return short(tag.replace(_TAG, "!!"), 60)


def _value_message(node: Node, exc: Exception) -> str:
    text = str(node.value)
    if node.tag.endswith(":timestamp"):
        return f"{short(text)} is not a real date: {exc}"
    if node.tag.endswith((":int", ":float")):
        digits = sum(ch.isdigit() for ch in text)
        if "digits" in str(exc) and "limit" in str(exc):
            return f"a number with {digits:,} digits is too long (at most {sys.get_int_max_str_digits():,})"
        return f"{short(text)} is not a valid number; put text in quotes"
    return f"{short(text)} cannot be read: {exc}"


def _tag_problem(node: Node) -> Problem:
    """Why a node's tag is refused."""
    if isinstance(node, ScalarNode) and node.tag in (_MERGE, _VALUE) and not node.style:  # plain
        return Problem(
            node,
            "yaml.tag",
            f"a bare {short(node.value)} is special in YAML (a merge or value key) and can't be a value; "
            f"put it in quotes: '{short(node.value)}'",
        )
    if node.tag in _SCALAR_TAGS or node.tag in (_STR, _SEQ, _MAP):
        wanted = _KINDS[MappingNode if node.tag == _MAP else SequenceNode if node.tag == _SEQ else ScalarNode]
        return Problem(
            node, "yaml.tag", f"tag {tag_name(node.tag)} needs {wanted}; found {_KINDS[type(node)]}"
        )
    return Problem(
        node,
        "yaml.tag",
        f"tag {tag_name(node.tag)} is not allowed; "
        "data files hold only text, numbers, dates, lists and mappings",
    )


def _describe_key(value: Any, node: Node) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(node, ScalarNode) and node.tag == _STR:
        return "text"
    return f"{type(value).__name__} {short(value)}"


def duplicate_message(key_node: Node, first: Node, key: Any, first_key: Any) -> str:
    """The message of a duplicate key: the same text twice, or two texts YAML reads as equal values."""
    line = first.start_mark.line + 1
    text = short(key_node.value) if isinstance(key_node, ScalarNode) else "(a complex key)"
    if key_node is first:
        return f"duplicate key '{text}' (an alias of the key at line {line}); each key may appear once"
    if key_node.tag == first.tag and key_node.value == first.value:
        return f"duplicate key '{text}' (first defined at line {line}); each key may appear once"
    first_text = short(first.value) if isinstance(first, ScalarNode) else "(a complex key)"
    return (
        f"duplicate key '{text}': YAML reads it as {_describe_key(key, key_node)}, equal as a value to "
        f"the key '{first_text}' at line {line} ({_describe_key(first_key, first)}); each key may appear once"
    )


class Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader (libyaml when present) that builds data itself and records located problems."""

    def __init__(self, stream: bytes) -> None:
        super().__init__(stream)
        self.problems: list[Problem] = []  # duplicates, merge keys, colliding keys: the file goes on
        self.merge_keys = False  # data with a merge key left out would mislead the later checks

    # libyaml asks Python for the tag of every node, and tells it every step down and up the tree for path
    # resolvers. Path resolvers are unused: the steps go to C functions that do nothing with them
    # (`operator.is_` takes the two arguments of a step down, `tuple` none), not to Python methods.
    descend_resolver = operator.is_
    ascend_resolver = tuple

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        # PyYAML's rule without path resolvers: a quoted or block scalar, or one tagged `!`, is text; a
        # plain scalar's tag depends on its text alone, and is text unless its first character starts
        # one of the implicit types (tests/test_yamlio.py checks this against PyYAML).
        if kind is ScalarNode:
            if not implicit[0] or value[:1] not in _IMPLICIT_FIRST:
                return _STR
            tag = _RESOLVED.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= _RESOLVED_LENGTH:
                    if len(_RESOLVED) >= _RESOLVED_MAX:
                        _RESOLVED.clear()
                    _RESOLVED[value] = tag
            return tag
        return super().resolve(kind, value, implicit)

    def build(self, node: Node, memo: dict[int, Any] | None) -> Any:
        """Plain data from a node: lists and mappings here, single values by PyYAML's constructors.

        With `memo` (needed only when the document has anchors), an aliased node gives the same
        object, as PyYAML's constructor does. Plain text, most of a data file, is taken without a call.
        """
        if memo is not None:
            known = memo.get(id(node), memo)
            if known is not memo:
                return known
        kind = node.__class__
        tag = node.tag
        value: Any
        if kind is ScalarNode and tag == _STR:
            value = node.value
        elif kind is MappingNode and tag == _MAP:
            value = self._mapping(node, memo)
        elif kind is SequenceNode and tag == _SEQ:
            value = [
                item.value if item.__class__ is ScalarNode and item.tag == _STR else self.build(item, memo)
                for item in node.value
            ]
        elif kind is ScalarNode and tag in _SCALAR_TAGS:
            try:
                value = _date(node.value) if tag == _TIMESTAMP else None
                if value is None:  # PyYAML's own constructor for the tag
                    value = self.yaml_constructors[tag](self, node)
            except _BUILD_ERRORS as exc:
                raise Refused(Problem(node, "yaml.value", _value_message(node, exc))) from None
        else:
            raise Refused(_tag_problem(node))
        if memo is not None:
            memo[id(node)] = value
        return value

    def _key(self, key_node: Node, memo: dict[int, Any] | None) -> Any:
        """A key's value; `=` as a key is the text "=" (PyYAML's rule for YAML 1.1's value key)."""
        if key_node.__class__ is ScalarNode and key_node.tag in (_STR, _VALUE):
            return key_node.value
        key = self.build(key_node, memo)
        if isinstance(key, list | dict):
            found = _KINDS[type(key_node)]
            raise Refused(
                Problem(key_node, "yaml.key", f"a key must be a single value, like text; found {found}")
            )
        return key

    def _mapping(self, node: Node, memo: dict[int, Any] | None) -> dict[Any, Any]:
        value: dict[Any, Any] = {}
        hashes: dict[int, int] | None = None  # hash value -> how many number keys have it
        firsts: dict[Any, Node] | None = None  # key -> its first node; made at the first duplicate
        for index, (key_node, value_node) in enumerate(node.value):
            if key_node.tag == _MERGE:
                self.merge_keys = True
                self.problems.append(
                    Problem(
                        key_node,
                        "yaml.merge-key",
                        "merge keys (<<) are not allowed in data files; write the keys out "
                        "(or put '<<' in quotes for a key that is the text <<)",
                    )
                )
                continue
            if key_node.__class__ is ScalarNode and key_node.tag == _STR:  # most keys: text, taken as is
                key = key_node.value
            else:
                key = self._key(key_node, memo)
            if key.__class__ in _NUMBERS:  # their hashes are not randomised: bound the collisions
                hashes = {} if hashes is None else hashes
                shared = hashes.get(hash(key), 0)
                if shared >= MAX_SHARED_HASH and key not in value:
                    if shared == MAX_SHARED_HASH:
                        self.problems.append(
                            Problem(
                                key_node,
                                "yaml.key-hash",
                                f"more than {MAX_SHARED_HASH} number keys of this mapping share one hash "
                                "value (a file built to make loading slow); write keys as text",
                            )
                        )
                    hashes[hash(key)] = shared + 1
                    continue
                hashes[hash(key)] = shared + 1
            if key in value:
                if firsts is None:
                    firsts = self._firsts(node, index, value, memo)
                first = firsts[key]
                message = duplicate_message(key_node, first, key, self._key(first, memo))
                # An alias key is the anchored node itself, marked at the anchor: point at its value.
                aliased = key_node.start_mark.index < node.value[index - 1][1].end_mark.index
                where = value_node if aliased else key_node
                self.problems.append(Problem(where, "yaml.duplicate-key", message))
                continue
            if firsts is not None:
                firsts[key] = key_node
            if value_node.__class__ is ScalarNode and value_node.tag == _STR:
                value[key] = value_node.value
            else:
                value[key] = self.build(value_node, memo)
        return value

    def _firsts(
        self, node: Node, stop: int, value: dict[Any, Any], memo: dict[int, Any] | None
    ) -> dict[Any, Node]:
        """Each key built so far with the node where it first stands (once per mapping with a duplicate)."""
        firsts: dict[Any, Node] = {}
        for key_node, _ in node.value[:stop]:
            if key_node.tag == _MERGE:
                continue
            key = self._key(key_node, memo)
            if key in value and key not in firsts:
                firsts[key] = key_node
        return firsts
