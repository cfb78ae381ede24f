"""Safe YAML reading that keeps every node's line and column.

Data files come from pull requests by strangers, so the reader is strict and
bounded: UTF-8 only, at most `MAX_FILE_BYTES`, no Python or unknown tags, no
duplicate keys (each one an error at its second occurrence), and at most
`MAX_EXPANDED_NODES` nodes once aliases are expanded ("billion laughs").
libyaml also caps nesting at 1000 levels; the pure-Python fallback's
recursion limit is caught and reported the same way.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from scorecard.errors import Issue, Location, error
from scorecard.input.reading import MAX_FILE_BYTES as MAX_FILE_BYTES  # noqa: PLC0414 (re-exported)
from scorecard.input.reading import read_bytes

MAX_EXPANDED_NODES = 10_000

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HAS_LIBYAML: bool = _BaseLoader is not yaml.SafeLoader

_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"

Loc = tuple[str | int, ...]


class _ValueProblem(Exception):  # noqa: N818 (a located problem to report, caught in this module)
    """A scalar that YAML recognised (a date, a number) but cannot be built: 2026-02-30, 0x_."""

    def __init__(self, node: Node, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message


def _value_message(node: Node, exc: Exception) -> str:
    text = str(node.value) if isinstance(node, ScalarNode) else node.tag
    shown = text if len(text) <= 40 else text[:37] + "..."
    if node.tag.endswith(":timestamp"):
        return f"{shown} is not a real date: {exc}"
    if node.tag.endswith((":int", ":float")):
        digits = sum(ch.isdigit() for ch in text)
        if "digits" in str(exc) and "limit" in str(exc):
            return f"a number with {digits:,} digits is too long (at most {sys.get_int_max_str_digits():,})"
        return f"{shown} is not a valid number; put text in quotes"
    return f"{shown} cannot be read: {exc}"


_BUILD_ERRORS = (ValueError, OverflowError, KeyError, TypeError, AttributeError, IndexError)


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_RESOLVED: dict[tuple[bool, bool, str], str] = {}  # plain scalar text -> tag; short texts repeat a lot
_RESOLVED_MAX = 50_000


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader (libyaml when present) that records duplicate keys instead of keeping the last."""

    def __init__(self, stream: bytes) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[ScalarNode, Node]] = []

    # libyaml asks Python for the tag of every node. Path resolvers are unused, and the implicit tag of
    # a short scalar depends only on its text, so both are answered without the general machinery.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:  # noqa: ARG002
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and len(value) <= 40:
            key = (bool(implicit[0]), bool(implicit[1]), value)
            tag = _RESOLVED.get(key)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_RESOLVED) >= _RESOLVED_MAX:
                    _RESOLVED.clear()
                _RESOLVED[key] = tag
            return tag
        return super().resolve(kind, value, implicit)

    def build(self, node: Node, memo: dict[int, Any] | None) -> Any:
        """Plain data from a node: strings, lists and mappings directly, other tags by PyYAML's rules.

        A repeated key keeps its first value and is recorded in `duplicates`. With `memo` (needed only
        when the document has anchors), an aliased node gives the same object, as PyYAML's
        constructor does. Plain string scalars, most of a data file, are taken without a call.
        """
        if memo is not None:
            known = memo.get(id(node), memo)
            if known is not memo:
                return known
        kind = node.__class__
        value: Any
        if kind is MappingNode and node.tag == _MAP:
            value = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is ScalarNode and key_node.tag == _STR:
                    key = key_node.value
                elif key_node.tag == _MERGE:  # merge keys: PyYAML's rules
                    return self.construct_object(node, deep=True)
                else:
                    key = self.build(key_node, memo)
                try:
                    repeated = key in value
                except TypeError:  # an unhashable key: PyYAML's constructor reports it
                    return self.construct_object(node, deep=True)
                if repeated:  # the first occurrence stands
                    self.duplicates.append((key_node, self._first_key(node, key, memo)))
                    continue
                if value_node.__class__ is ScalarNode and value_node.tag == _STR:
                    value[key] = value_node.value
                else:
                    value[key] = self.build(value_node, memo)
        elif kind is SequenceNode and node.tag == _SEQ:
            value = [
                item.value if item.__class__ is ScalarNode and item.tag == _STR else self.build(item, memo)
                for item in node.value
            ]
        elif kind is ScalarNode and node.tag == _STR:
            value = node.value
        else:  # numbers, booleans, dates, null and any other tag: PyYAML's rules and errors
            value = self.construct_object(node, deep=True)
        if memo is not None:
            memo[id(node)] = value
        return value

    def _first_key(self, node: Node, key: Any, memo: dict[int, Any] | None) -> Node:
        for key_node, _ in node.value:
            if self.build(key_node, memo) == key:
                return key_node  # type: ignore[no-any-return]
        raise AssertionError("a repeated key has a first occurrence")


class _LocatingLoader(_Loader):
    """The loader again, slower: says which node a value that can't be built stands at.

    Used only after the fast loader failed to build a value (2026-02-30, 0x_).
    """

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except _BUILD_ERRORS as exc:
            raise _ValueProblem(node, _value_message(node, exc)) from None


def _locate_value_problem(raw: bytes) -> _ValueProblem | None:
    loader = _LocatingLoader(raw)
    try:
        node = loader.get_single_node()
        if node is not None:
            loader.construct_document(node)
    except _ValueProblem as exc:
        return exc
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


@dataclass(frozen=True)
class Document:
    """A parsed file: the plain data, its node tree (for locations) and the problems found."""

    path: str
    data: Any
    node: Node | None
    issues: tuple[Issue, ...] = ()

    def locate(self, loc: Loc, *, at_key: bool = False) -> Location:
        """The location of the deepest node along `loc` (the key itself when `at_key`)."""
        if self.node is None:
            return Location(self.path, 1, 1)
        node = _node_at(self.node, loc, at_key=at_key)
        mark = node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def raw_text(self, loc: Loc) -> str | None:
        """The source text of the scalar at `loc`, if it is a scalar (`no` rather than False)."""
        if self.node is None:
            return None
        node = _node_at(self.node, loc, at_key=False)
        if isinstance(node, ScalarNode) and _reaches(self.node, loc):
            return str(node.value)
        return None


def _node_at(root: Node, loc: Loc, *, at_key: bool) -> Node:
    node = root
    last = len(loc) - 1
    for index, part in enumerate(loc):
        if isinstance(node, MappingNode):
            wanted = str(part)
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value == wanted:
                    node = key_node if (index == last and at_key) else value_node
                    break
            else:
                return node
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node


def _reaches(root: Node, loc: Loc) -> bool:
    node = root
    for part in loc:
        if isinstance(node, MappingNode):
            found = [v for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(part)]
            if not found:
                return False
            node = found[0]
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            return False
    return True


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[start:offset].decode("utf-8", errors="replace")) + 1
    return line, column


def _check_encoding(raw: bytes, display: str) -> Issue | None:
    if raw.startswith(_UTF16_32_BOMS) or (len(raw) >= 2 and (raw[0] == 0) != (raw[1] == 0)):
        return error(
            Location(display, 1, 1),
            "file.encoding",
            "file is UTF-16 or UTF-32 encoded; save it as UTF-8",
        )
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = _position(raw, nul)
        return error(
            Location(display, line, column),
            "file.encoding",
            "file contains a NUL byte; expected UTF-8 text, is this a binary file?",
        )
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        return error(
            Location(display, line, column),
            "file.encoding",
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8",
        )
    return None


def _expanded_size(root: Node) -> int:
    """Node count with every alias expanded; stops early past the limit or on a cycle."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            return MAX_EXPANDED_NODES + 1  # a recursive alias expands forever
        active.add(key)
        total = 1
        if isinstance(node, MappingNode):
            for k, v in node.value:
                total += size(k) + size(v)
                if total > MAX_EXPANDED_NODES:
                    break
        elif isinstance(node, SequenceNode):
            for item in node.value:
                total += size(item)
                if total > MAX_EXPANDED_NODES:
                    break
        active.discard(key)
        sizes[key] = total
        return total

    return size(root)


def _char_at(raw: bytes, line: int, column: int) -> str:
    lines = raw.decode("utf-8", errors="replace").splitlines()
    text = lines[line] if 0 <= line < len(lines) else ""
    return text[column] if 0 <= column < len(text) else ""


def _yaml_issue(exc: yaml.YAMLError, display: str, raw: bytes) -> Issue:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display, 1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    if isinstance(exc, yaml.constructor.ConstructorError) and "constructor for the tag" in problem:
        tag = problem.partition("for the tag")[2].strip(" '\"")
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        return error(
            where,
            "yaml.tag",
            f"tag {tag} is not allowed; data files hold only text, numbers, dates, lists and mappings",
        )
    message = problem.strip()
    if mark is not None and _char_at(raw, mark.line, mark.column) == "\t":
        message += " (a tab: tabs are not allowed for indentation in YAML; use spaces)"
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    if context and "expected a single document" in context:
        message = "expected a single YAML document; found another after '---'"
    elif context and context_mark is not None and context_mark is not mark:
        started = f"line {context_mark.line + 1}, column {context_mark.column + 1}"
        message = f"{message} ({context.strip()} that starts at {started})"
    elif context:
        message = f"{message} ({context.strip()})"
    code = "yaml.depth" if "maximum nesting depth" in message else "yaml.syntax"
    return error(where, code, message)


def parse_document(raw: bytes, display: str) -> Document:
    """Parse one YAML document from bytes; every problem is an Issue, never an exception."""
    problem = _check_encoding(raw, display)
    if problem:
        return Document(display, None, None, (problem,))
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]
    loader: _Loader | None = None
    try:
        loader = _Loader(raw)
        node = loader.get_single_node()
        if node is not None and b"*" in raw and _expanded_size(node) > MAX_EXPANDED_NODES:
            mark = node.start_mark
            return Document(
                display,
                None,
                None,
                (
                    error(
                        Location(display, mark.line + 1, mark.column + 1),
                        "yaml.alias-limit",
                        f"aliases expand to more than {MAX_EXPANDED_NODES:,} nodes "
                        "(or refer to themselves); data files don't need anchors or aliases",
                    ),
                ),
            )
        data = loader.build(node, {} if b"&" in raw else None) if node is not None else None
    except yaml.reader.ReaderError as exc:
        line, column = _position(raw, exc.position) if exc.position is not None else (1, 1)
        character = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        return Document(
            display,
            None,
            None,
            (
                error(
                    Location(display, line, column),
                    "yaml.syntax",
                    f"unacceptable character {character}: control characters are not allowed",
                ),
            ),
        )
    except yaml.YAMLError as exc:
        return Document(display, None, None, (_yaml_issue(exc, display, raw),))
    except _BUILD_ERRORS as exc:
        located = _locate_value_problem(raw)
        if located is None:
            return Document(display, None, None, (error(Location(display, 1, 1), "yaml.value", str(exc)),))
        mark = located.node.start_mark
        where = Location(display, mark.line + 1, mark.column + 1)
        return Document(display, None, None, (error(where, "yaml.value", located.message),))
    except RecursionError:
        return Document(
            display,
            None,
            None,
            (error(Location(display, 1, 1), "yaml.depth", "nesting is too deep"),),
        )
    finally:
        if loader is not None:
            loader.dispose()
    duplicates = tuple(
        error(
            Location(display, key.start_mark.line + 1, key.start_mark.column + 1),
            "yaml.duplicate-key",
            f"duplicate key '{key.value}' (first defined at line {first.start_mark.line + 1}); "
            "each key may appear once",
        )
        for key, first in loader.duplicates
    )
    return Document(display, data, node, duplicates)


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and parse a data file; `display` is the path shown in messages."""
    shown = display if display is not None else str(path)
    raw, problem = read_bytes(path, shown)
    if raw is None:
        assert problem is not None
        return Document(shown, None, None, (problem,))
    return parse_document(raw, shown)
