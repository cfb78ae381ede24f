"""The YAML reader against PyYAML's CSafeLoader, on generated documents.

For each document, `parse_document` either returns exactly what
`yaml.load(text, Loader=yaml.CSafeLoader)` returns (bool, int and float kept
apart, NaN equal to NaN, the same dates and times) with no error, or refuses it
with one of the error codes the README documents. It never crashes. The bulk
path (the pool's per-file worker, and `load_data` over a folder through the
process pool) reports the same YAML problems.

The documents mix anchors and aliases, merge keys, NaN and infinities, keys
that YAML reads as booleans, integers, floats, null and dates, explicit tags,
flow and block styles, quoted, block and multi-line scalars.

Examples per test: 150 locally; `.ci/run` sets SCORECARD_DIFFERENTIAL_EXAMPLES=2000.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard.checking.checks import CheckContext
from scorecard.checking.pipeline import Loading, load_data
from scorecard.checking.pool import decode, process_file
from scorecard.input.loader import load_rubric
from scorecard.input.locations import DataPaths
from scorecard.input.yamlio import may_have_anchor, parse_document

from .conftest import REPO, TODAY

EXAMPLES = int(os.environ.get("SCORECARD_DIFFERENTIAL_EXAMPLES", "150"))
DIFFERENTIAL = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# The codes the reader may refuse a document with; the README's "Untrusted input" section names each.
DOCUMENTED = {
    "file.encoding",
    "yaml.syntax",
    "yaml.depth",
    "yaml.tag",
    "yaml.key",
    "yaml.value",
    "yaml.alias-limit",
    "yaml.duplicate-key",
    "yaml.merge-key",
    "yaml.key-hash",
}
REFERENCE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the reader uses libyaml whenever PyYAML has it
RUBRIC = load_rubric(REPO / "policies" / "sanctuary.yaml")
CONTEXT = CheckContext(RUBRIC, TODAY)

# --- the documents --------------------------------------------------------------------------------

PLAIN = [
    "a", "x y", "Denver", "1", "-1", "+1", "0", "007", "0x1F", "0x_", "0o17", "0b101", "1_000", "1:30",
    "190:20:30", "1.0", "1e3", "1.0e+3", "-1.5e-3", ".5", "1.", "6.8523015e+5", "685.230_15e+03",
    ".inf", "-.inf", "+.inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN", "nan", "inf",
    "true", "True", "TRUE", "false", "yes", "Yes", "no", "NO", "on", "off", "y", "n",
    "~", "null", "Null", "NULL", "2026-01-15", "2026-1-5", "2026-02-30", "2026-01-15 10:30:00",
    "2026-01-15T10:30:00Z", "2026-01-15t10:30:00.5+01:00", "2001-12-14 21:59:43.10 -5", "=", "<<",
    "a:b", "-", "a-b", "@x", "`x", "%x", "!x", "&x", "*x", "a#b", "http://x.test/?a=1&b=2",
]  # fmt: skip
TAGS = [
    "!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!binary", "!!set", "!!omap",
    "!!pairs", "!!map", "!!seq", "!!merge", "!!value", "!local", "!", "!!python/none",
    "!<tag:yaml.org,2002:str>", "!<tag:yaml.org,2002:int>",
]  # fmt: skip
ANCHORS = ["a", "b", "c"]
TEXT = st.text(alphabet=st.sampled_from(list("ab xyz:#-'\"\\\n\t1.é😀")), max_size=12)


@dataclass(frozen=True)
class Scalar:
    text: str
    style: str  # plain, single, double, literal, folded, multiline
    tag: str | None = None
    anchor: str | None = None


@dataclass(frozen=True)
class Alias:
    name: str


@dataclass(frozen=True)
class Seq:
    items: tuple[Any, ...]
    flow: bool
    tag: str | None = None
    anchor: str | None = None


@dataclass(frozen=True)
class Map:
    pairs: tuple[tuple[Any, Any], ...]
    flow: bool
    tag: str | None = None
    anchor: str | None = None


tags = st.sampled_from([None] * 150 + TAGS)  # a tag on about one node in nine
anchors = st.sampled_from([None] * 6 + ANCHORS)
scalars = st.one_of(
    st.builds(Scalar, st.sampled_from(PLAIN), st.just("plain"), tags, anchors),
    st.builds(
        Scalar,
        st.one_of(st.sampled_from(PLAIN), TEXT),
        st.sampled_from(["single", "double", "literal", "folded", "multiline"]),
        tags,
        anchors,
    ),
)
aliases = st.builds(Alias, st.sampled_from(ANCHORS))
merge_key = st.just(Scalar("<<", "plain"))
keys = st.one_of(
    st.builds(Scalar, st.sampled_from(PLAIN), st.just("plain"), tags, anchors),
    st.builds(Scalar, TEXT, st.sampled_from(["single", "double"])),
    aliases,
    merge_key,
)
nodes = st.recursive(
    st.one_of(scalars, scalars, aliases),
    lambda inner: st.one_of(
        st.builds(Seq, st.lists(inner, max_size=4).map(tuple), st.booleans(), tags, anchors),
        st.builds(
            Map,
            st.lists(st.tuples(st.one_of(keys, keys, keys, inner), inner), max_size=4).map(tuple),
            st.booleans(),
            tags,
            anchors,
        ),
    ),
    max_leaves=12,
)


def _props(node: Any) -> str:
    parts = [f"&{node.anchor}" if node.anchor else "", node.tag or ""]
    return " ".join(p for p in parts if p)


def _quoted(text: str, style: str) -> str:
    if style == "single":
        return "'" + text.replace("'", "''").replace("\n", "\n\n") + "'"
    return json.dumps(text, ensure_ascii=False)


def flow(node: Any) -> str:
    """A node in flow style, on one line."""
    if isinstance(node, Alias):
        return f"*{node.name} "
    props = _props(node)
    props = props + " " if props else ""
    if isinstance(node, Scalar):
        if node.style in ("single", "double"):
            return props + _quoted(node.text, node.style)
        return props + (
            node.text.replace("\n", " ") if node.style == "plain" else _quoted(node.text, "double")
        )
    if isinstance(node, Seq):
        return props + "[" + ", ".join(flow(item) for item in node.items) + "]"
    return props + "{" + ", ".join(f"{flow(k)}: {flow(v)}" for k, v in node.pairs) + "}"


def block(node: Any, indent: int) -> str:
    """A node as a block value: text that follows `key:` or `-` (a leading space, or a new line)."""
    pad = " " * indent
    if isinstance(node, Scalar) and node.style in ("literal", "folded", "multiline") and node.text:
        props = _props(node)
        lines = node.text.split("\n")
        if node.style == "multiline":  # a plain scalar folded over lines
            words = [w for w in re.split(r"[\s]+", node.text) if w]
            first = (props + " " if props else "") + (words[0] if words else "x")
            return " " + first + "".join(f"\n{pad}  {w}" for w in words[1:])
        head = ("|" if node.style == "literal" else ">") + ("-" if len(lines) % 2 else "")
        return f" {props} {head}" + "".join(f"\n{pad}  {line}" for line in lines)
    if isinstance(node, Seq) and not node.flow and node.items:
        props = _props(node)
        return (" " + props if props else "") + "".join(
            f"\n{pad}-{block(item, indent + 2)}" for item in node.items
        )
    if isinstance(node, Map) and not node.flow and node.pairs:
        props = _props(node)
        return (" " + props if props else "") + "".join(
            "\n" + pad + entry(k, v, indent) for k, v in node.pairs
        )
    return " " + flow(node)


def entry(key: Any, value: Any, indent: int) -> str:
    if isinstance(key, Scalar | Alias) and not (isinstance(key, Scalar) and "\n" in key.text):
        return f"{flow(key)}:{block(value, indent + 2)}"
    return f"? {flow(key)}\n{' ' * indent}:{block(value, indent + 2)}"


def document(root: Any) -> str:
    if isinstance(root, Map) and not root.flow and root.pairs and not _props(root):
        return "\n".join(entry(k, v, 0) for k, v in root.pairs) + "\n"
    if isinstance(root, Seq) and not root.flow and root.items and not _props(root):
        return "".join(f"-{block(item, 2)}\n" for item in root.items)
    return "---" + block(root, 0) + "\n"


def settle(node: Any, done: set[str], used: set[str]) -> Any:
    """The node with each anchor used once and each alias after its anchor's node (else most are errors)."""
    if isinstance(node, Alias):
        return node if node.name in done else Scalar(node.name, "plain")
    anchor = node.anchor if node.anchor not in used else None
    used.update([anchor] if anchor else [])
    if isinstance(node, Seq):
        node = replace(node, items=tuple(settle(item, done, used) for item in node.items))
    elif isinstance(node, Map):
        node = replace(
            node, pairs=tuple((settle(k, done, used), settle(v, done, used)) for k, v in node.pairs)
        )
    done.update([anchor] if anchor else [])
    return replace(node, anchor=anchor)


def _anchored(name: str, value: Any) -> Any:
    return Scalar(name, "plain", anchor=name) if isinstance(value, Alias) else replace(value, anchor=name)


def _with_anchors(parts: tuple[list[tuple[str, Any]], Any, bool]) -> Any:
    """A block mapping led by anchored values, then keys that alias them (and a merge key, sometimes)."""
    named, rest, merge = parts
    pairs = [(Scalar(f"def-{n}", "plain"), _anchored(n, value)) for n, value in dict(named).items()]
    pairs += [(Scalar(f"use-{n}", "plain"), Alias(n)) for n in dict(named)]
    if merge:
        pairs.append((Scalar("<<", "plain"), Alias(named[0][0])))
    if isinstance(rest, Map):
        pairs += list(rest.pairs)
    else:
        pairs.append((Scalar("rest", "plain"), rest))
    return Map(tuple(pairs), flow=False)


documents = st.one_of(
    nodes,
    st.tuples(
        st.lists(st.tuples(st.sampled_from(ANCHORS), nodes), min_size=1, max_size=3), nodes, st.booleans()
    ).map(_with_anchors),
).map(lambda root: document(settle(root, set(), set())))


# --- the comparison -------------------------------------------------------------------------------


def same(ours: Any, theirs: Any) -> bool:
    """Equal with the types kept apart (True is not 1, 1 is not 1.0), NaN equal to NaN, zones compared."""
    if type(ours) is not type(theirs):
        return False
    if isinstance(ours, float):
        return (math.isnan(ours) and math.isnan(theirs)) or (
            ours == theirs and math.copysign(1, ours) == math.copysign(1, theirs)
        )
    if isinstance(ours, dict):
        return len(ours) == len(theirs) and all(
            same(k1, k2) and same(v1, v2)
            for (k1, v1), (k2, v2) in zip(ours.items(), theirs.items(), strict=True)
        )
    if isinstance(ours, list):
        return len(ours) == len(theirs) and all(same(a, b) for a, b in zip(ours, theirs, strict=True))
    if isinstance(ours, dt.datetime):
        return bool(ours == theirs and ours.utcoffset() == theirs.utcoffset())
    return bool(ours == theirs)


def pyyaml(raw: bytes) -> tuple[bool, Any]:
    """(whether CSafeLoader accepts the text, what it returns)."""
    try:
        return True, yaml.load(raw, Loader=REFERENCE)
    except Exception:
        return False, None


def agree(text: str) -> tuple[str, ...]:
    """Check one document on the single-file path; return its YAML-level codes for the bulk path."""
    raw = text.encode("utf-8")
    accepted, expected = pyyaml(raw)
    doc = parse_document(raw, "f.yaml")
    codes = tuple(issue.code for issue in doc.issues)
    if accepted and "&" in text:  # the alias count is skipped only for texts that can't hold an anchor
        events = yaml.parse(raw, Loader=yaml.CSafeLoader)
        anchors = any(getattr(e, "anchor", None) and not isinstance(e, yaml.AliasEvent) for e in events)
        assert may_have_anchor(raw) or not anchors, text
    assert set(codes) <= DOCUMENTED, (text, doc.issues)
    if not codes:
        assert accepted, f"accepted what CSafeLoader refuses: {text!r}"
        assert same(doc.data, expected), (text, doc.data, expected)
    return codes


def test_the_generator_makes_documents_both_loaders_accept() -> None:
    """A control: the emitter writes valid YAML in every style, so the comparison is not vacuous."""
    root = Map(
        (
            (Scalar("k", "plain"), Scalar("line one\nline two", "literal")),
            (Scalar("2", "plain"), Seq((Scalar(".nan", "plain"), Scalar("x y", "multiline")), flow=False)),
            (
                Scalar("true", "plain", anchor="a"),
                Map(((Scalar("a", "double"), Scalar("b", "single")),), True),
            ),
            (Scalar("f", "plain"), Scalar("folded\ntext", "folded", tag="!!str")),
            (Alias("a"), Scalar("2026-01-15", "plain")),
        ),
        flow=False,
    )
    text = document(root)
    assert agree(text) == ("yaml.duplicate-key",)  # `*a` repeats the key true
    accepted, value = pyyaml(text.encode())
    assert accepted
    assert value["k"] == "line one\nline two\n"
    assert value[2][1] == "x y"
    assert value["f"] == "folded text\n"


def test_every_documented_code_is_in_the_readme() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Untrusted input") : text.index("## Exit codes")]
    assert {code for code in DOCUMENTED if f"`{code}`" not in section} == set()


# --- the bulk path --------------------------------------------------------------------------------


def _yaml_codes(rows: Any) -> tuple[str, ...]:
    return tuple(row[4] for row in rows if row[4].startswith(("yaml.", "file.", "internal")))


@DIFFERENTIAL
@given(documents)
def test_the_reader_agrees_with_csafeloader_on_the_single_file_and_the_bulk_path(text: str) -> None:
    """`parse_document` agrees or refuses with a documented code; the pool's worker reports the same codes."""
    codes = agree(text)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_bytes(text.encode("utf-8"))
        _, blob = process_file(path, CONTEXT)
    rows, _ = decode(blob)
    assert _yaml_codes(rows) == codes


@settings(max_examples=max(3, EXAMPLES // 100), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(documents, min_size=20, max_size=40))
def test_load_data_through_the_process_pool_reports_the_same_yaml_problems(texts: list[str]) -> None:
    wanted = {f"cities/x{index:03d}.yaml": agree(text) for index, text in enumerate(texts)}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "cities").mkdir()
        (root / "states").mkdir()
        for index, text in enumerate(texts):
            (root / "cities" / f"x{index:03d}.yaml").write_bytes(text.encode("utf-8"))
        saved = os.environ.get("SCORECARD_JOBS")
        os.environ["SCORECARD_JOBS"] = "2"  # the pool, though there are fewer than 200 files
        try:
            data = load_data(DataPaths.at(root), CONTEXT, want="issues", loading=Loading(use_cache=False))
        finally:
            if saved is None:
                del os.environ["SCORECARD_JOBS"]
            else:
                os.environ["SCORECARD_JOBS"] = saved
    found: dict[str, list[str]] = {path: [] for path in wanted}
    for issue in data.issues:
        name = "cities/" + Path(issue.location.path).name
        if name in found and issue.code.startswith(("yaml.", "file.", "internal")):
            found[name].append(issue.code)
    assert {path: sorted(codes) for path, codes in found.items()} == {
        path: sorted(codes) for path, codes in wanted.items()
    }


def test_ci_runs_at_least_2000_examples() -> None:
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    match = re.search(r"^export SCORECARD_DIFFERENTIAL_EXAMPLES=(\d+)", script, re.MULTILINE)
    assert match is not None
    assert int(match.group(1)) >= 2000
