"""Safe YAML reading that keeps every node's line and column.

Data files come from pull requests by strangers, so the reader is strict and
bounded: UTF-8 only, at most `MAX_FILE_BYTES`, no Python or unknown tags, no
merge keys, no duplicate keys (each one an error at its second occurrence,
including keys YAML reads as equal values), and aliases may add at most
`MAX_ALIAS_GROWTH` nodes once expanded ("billion laughs"). libyaml also caps
nesting at 1000 levels; the builder's recursion limit is caught and reported
the same way. Building the data is `input/yamlbuild.py`; look-ups and checks
on the node tree are `input/yamlnodes.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import Node, ScalarNode

from scorecard.errors import Issue, Location, error
from scorecard.input.reading import MAX_FILE_BYTES, read_bytes
from scorecard.input.yamlbuild import HAS_LIBYAML, Loader, Problem, Refused
from scorecard.input.yamlnodes import MAX_ALIAS_GROWTH, Loc, NodeIndex, alias_growth, key_path, node_paths

__all__ = [
    "HAS_LIBYAML",
    "MAX_ALIAS_GROWTH",
    "MAX_FILE_BYTES",
    "Document",
    "Loc",
    "parse_document",
    "read_bytes",
    "read_document",
]

_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"
STOPPED = "; further problems in this file are not checked until this is fixed"


@dataclass(frozen=True)
class Document:
    """A parsed file: the plain data, its node tree (for locations) and the problems found."""

    path: str
    data: Any
    node: Node | None
    issues: tuple[Issue, ...] = ()
    _index: NodeIndex | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", NodeIndex(self.node) if self.node is not None else None)

    def locate(self, loc: Loc, *, at_key: bool = False) -> Location:
        """The location of the deepest node along `loc` (the key itself when `at_key`)."""
        if self._index is None:
            return Location(self.path, 1, 1)
        mark = self._index.walk(loc, at_key=at_key)[0].start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def raw_text(self, loc: Loc) -> str | None:
        """The source text of the scalar at `loc`, if it is a scalar (`no` rather than False)."""
        if self._index is None:
            return None
        node, found = self._index.walk(loc, at_key=False)
        return str(node.value) if found and isinstance(node, ScalarNode) else None


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


def _line_at(raw: bytes, line: int) -> str:
    """One line of the file (0-based), found without splitting the whole file."""
    start = 0
    for _ in range(line):
        start = raw.find(b"\n", start) + 1
        if start == 0:
            return ""
    end = raw.find(b"\n", start)
    return raw[start : end if end >= 0 else len(raw)].decode("utf-8", errors="replace").rstrip("\r")


def _open_quote(raw: bytes, mark: Any) -> Any:
    """The start of the last quoted text before `mark` that runs over several lines, if any."""
    scanner = yaml.CSafeLoader(raw) if HAS_LIBYAML else yaml.SafeLoader(raw)
    found = None
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if token is None:
                break
            start = token.start_mark
            if (start.line, start.column) >= (mark.line, mark.column):
                break
            if getattr(token, "style", None) in ('"', "'") and token.end_mark.line > start.line:
                found = start
    except yaml.YAMLError:
        pass
    finally:
        scanner.dispose()
    return found


def _hint(exc: yaml.MarkedYAMLError, raw: bytes) -> tuple[Any, str] | None:
    """A plainer message, and where it points, for the syntax errors a hand-written file makes most."""
    mark, problem, context = exc.problem_mark, exc.problem or "", exc.context or ""
    if mark is None:
        return None
    if "while scanning a quoted scalar" in context and "end of stream" in problem and exc.context_mark:
        return exc.context_mark, "this quote is never closed (the file ends inside it); add the closing quote"
    if "mapping values are not allowed" in problem:
        before = _line_at(raw, mark.line)[: mark.column]
        if ": " in before or before.rstrip().endswith(":"):
            return mark, (
                "a ': ' inside a value; a value that contains ': ' must be in quotes, "
                'like summary: "Note: this is it"'
            )
        return mark, "a key where none can start; is this line indented more than the key above it?"
    opened = _open_quote(raw, mark)
    if opened is not None:
        stopped = f"line {mark.line + 1}, column {mark.column + 1}"
        return opened, (
            f"the quoted text that opens here runs over several lines, and YAML stops at {stopped} "
            f"({(problem or str(exc)).strip()}); check that its closing quote is there"
        )
    return None


def _yaml_issue(exc: yaml.YAMLError, display: str, raw: bytes) -> Issue:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    hinted = _hint(exc, raw) if isinstance(exc, yaml.MarkedYAMLError) else None
    if hinted is not None:
        mark, message = hinted
    else:
        message = (getattr(exc, "problem", None) or str(exc)).strip()
        if mark is not None and _line_at(raw, mark.line)[mark.column : mark.column + 1] == "\t":
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
    where = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display, 1, 1)
    code = "yaml.depth" if "maximum nesting depth" in message else "yaml.syntax"
    return error(where, code, message + STOPPED)


def _stopped(display: str, issue: Issue) -> Document:
    return Document(display, None, None, (issue,))


def _located(display: str, problem: Problem, paths: dict[int, Loc], stops: bool = False) -> Issue:
    """The problem at its node's place, with the key it is under (`demands.x.status`)."""
    mark = problem.node.start_mark
    return error(
        Location(display, mark.line + 1, mark.column + 1),
        problem.code,
        problem.message + (STOPPED if stops else ""),
        key_path(paths.get(id(problem.node), ())),
    )


# Where YAML can start an anchor: `&` and a name character, at the start of a token. A token starts
# after a blank, a line break, a flow indicator, `?`, `:` or a closing quote, never right after the
# letters, digits and punctuation that continue plain text, as around the `&` of a URL's query.
# Reading `&` anywhere else as a possible anchor only costs a needless count. The pattern starts with the
# `&` and looks back from after it, so the regex engine jumps from `&` to `&` (a lookbehind first makes
# it try every position: 35 times slower on a data file).
_ANCHOR = re.compile(rb"&(?<![A-Za-z0-9=_.%~+/-]&)[0-9A-Za-z_-]")


def may_have_anchor(raw: bytes) -> bool:
    """False only when the text can't hold an anchor (and so no alias): `&` only inside plain text."""
    return b"&" in raw and _ANCHOR.search(raw) is not None


def _parse(raw: bytes, display: str) -> Document:
    loader: Loader | None = None
    try:
        loader = Loader(raw)
        node = loader.get_single_node()
        if node is None:
            return Document(display, None, None)
        anchored = may_have_anchor(raw)
        growth = alias_growth(node) if anchored else 0  # no anchor, no alias
        if growth is None or growth > MAX_ALIAS_GROWTH:
            what = (
                "an alias refers to a node that contains it, so it would expand forever"
                if growth is None
                else f"aliases add {growth:,} nodes once expanded (at most {MAX_ALIAS_GROWTH:,})"
                if growth < 10**9
                else f"aliases add over a billion nodes once expanded (at most {MAX_ALIAS_GROWTH:,})"
            )
            return _stopped(
                display,
                error(
                    Location(display, node.start_mark.line + 1, node.start_mark.column + 1),
                    "yaml.alias-limit",
                    f"{what}; data files don't need anchors or aliases{STOPPED}",
                ),
            )
        data = loader.build(node, {} if anchored else None)
    except yaml.reader.ReaderError as exc:
        line, column = _position(raw, exc.position) if exc.position is not None else (1, 1)
        character = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        return _stopped(
            display,
            error(
                Location(display, line, column),
                "yaml.syntax",
                f"unacceptable character {character}: control characters are not allowed{STOPPED}",
            ),
        )
    except yaml.YAMLError as exc:
        return _stopped(display, _yaml_issue(exc, display, raw))
    except Refused as exc:
        return _stopped(display, _located(display, exc.problem, node_paths(node), stops=True))
    except RecursionError:
        return _stopped(
            display, error(Location(display, 1, 1), "yaml.depth", f"nesting is too deep{STOPPED}")
        )
    finally:
        if loader is not None:
            loader.dispose()
    paths = node_paths(node) if loader.problems else {}
    issues = tuple(_located(display, p, paths, stops=p.code == "yaml.merge-key") for p in loader.problems)
    return Document(display, None if loader.merge_keys else data, node, issues)


def parse_document(raw: bytes, display: str) -> Document:
    """Parse one YAML document from bytes; every problem is an Issue, never an exception.

    A problem the reader did not foresee (a bug) is an `internal` error of this
    file, so one file never ends a run that checks many.
    """
    problem = _check_encoding(raw, display)
    if problem:
        return Document(display, None, None, (problem,))
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]
    try:
        return _parse(raw, display)
    except Exception as exc:
        return _stopped(
            display,
            error(
                Location(display, 1, 1),
                "internal",
                f"internal error while reading this file ({type(exc).__name__}); please report it{STOPPED}",
            ),
        )


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and parse a data file; `display` is the path shown in messages."""
    shown = display if display is not None else str(path)
    raw, problem = read_bytes(path, shown)
    if raw is None:
        assert problem is not None
        return Document(shown, None, None, (problem,))
    return parse_document(raw, shown)
