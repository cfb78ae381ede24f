"""Safe YAML reading: locations, duplicate keys, tags, aliases, encodings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from scorecard.input import yamlbuild
from scorecard.input.yamlio import MAX_FILE_BYTES, may_have_anchor, parse_document, read_document


def codes(raw: bytes) -> list[str]:
    return [issue.code for issue in parse_document(raw, "f.yaml").issues]


def test_plain_mapping_parses_with_node_tree() -> None:
    doc = parse_document(b"id: denver\nlist:\n  - a\n  - b\n", "f.yaml")
    assert doc.issues == ()
    assert doc.data == {"id": "denver", "list": ["a", "b"]}
    assert str(doc.locate(("list", 1))) == "f.yaml:4:5"
    assert str(doc.locate(("list",), at_key=True)) == "f.yaml:2:1"


def test_locate_stops_at_deepest_existing_node() -> None:
    doc = parse_document(b"a:\n  b: 1\n", "f.yaml")
    assert str(doc.locate(("a", "missing", "deeper"))) == "f.yaml:2:3"


def test_raw_text_keeps_the_source_spelling() -> None:
    doc = parse_document(b"status: no\n", "f.yaml")
    assert doc.data == {"status": False}
    assert doc.raw_text(("status",)) == "no"


def test_every_duplicate_key_is_reported_at_its_second_occurrence() -> None:
    doc = parse_document(b"a: 1\nb: 2\na: 3\nc:\n  x: 1\n  x: 2\n", "f.yaml")
    found = [(str(i.location), i.code) for i in doc.issues]
    assert found == [("f.yaml:3:1", "yaml.duplicate-key"), ("f.yaml:6:3", "yaml.duplicate-key")]
    assert "first defined at line 1" in doc.issues[0].message


def test_python_tags_are_refused() -> None:
    doc = parse_document(b"a: !!python/object/apply:os.system ['echo hi']\n", "f.yaml")
    assert [i.code for i in doc.issues] == ["yaml.tag"]
    assert "!!python/object/apply:os.system" in doc.issues[0].message
    assert doc.data is None


def test_syntax_error_has_line_and_column() -> None:
    doc = parse_document(b"a: [1, 2\nb: 3\n", "f.yaml")
    assert doc.issues[0].code == "yaml.syntax"
    assert doc.issues[0].location.line >= 1


def test_tab_indentation_gets_a_hint() -> None:
    doc = parse_document(b"a:\n\tb: 1\n", "f.yaml")
    assert doc.issues[0].code == "yaml.syntax"
    assert "tabs are not allowed" in doc.issues[0].message


def test_alias_bomb_is_refused_before_expansion() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for index in range(1, 9):
        previous = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        lines.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
    doc = parse_document("\n".join(lines).encode(), "bomb.yaml")
    assert [i.code for i in doc.issues] == ["yaml.alias-limit"]


def test_small_aliases_are_allowed() -> None:
    doc = parse_document(b"a: &x {k: 1}\nb: *x\n", "f.yaml")
    assert doc.issues == ()
    assert doc.data == {"a": {"k": 1}, "b": {"k": 1}}


def test_deep_nesting_is_refused() -> None:
    doc = parse_document(b"a: " + b"[" * 5000 + b"]" * 5000, "deep.yaml")
    assert [i.code for i in doc.issues] == ["yaml.depth"]


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("id: x\n".encode("utf-16"), "UTF-16"),
        (b"id: x\x00\n", "NUL byte"),
        (b"id: caf\xe9\n", "not valid UTF-8"),
    ],
)
def test_encodings_other_than_utf8_are_refused(raw: bytes, fragment: str) -> None:
    doc = parse_document(raw, "f.yaml")
    assert [i.code for i in doc.issues] == ["file.encoding"]
    assert fragment in doc.issues[0].message


def test_utf8_bom_and_crlf_are_accepted() -> None:
    doc = parse_document(b"\xef\xbb\xbfid: x\r\nname: y\r\n", "f.yaml")
    assert doc.issues == ()
    assert doc.data == {"id": "x", "name": "y"}


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    assert [i.code for i in read_document(big).issues] == ["file.too-large"]


def test_directory_and_missing_files_are_reported(tmp_path: Path) -> None:
    assert [i.code for i in read_document(tmp_path).issues] == ["file.not-a-file"]
    assert [i.code for i in read_document(tmp_path / "nope.yaml").issues] == ["file.unreadable"]


def test_empty_file_parses_to_nothing() -> None:
    doc = parse_document(b"", "f.yaml")
    assert doc.issues == ()
    assert doc.data is None


# --- issue 12: the builder never crashes, lets no duplicate through, agrees with PyYAML ----------


def messages(raw: bytes) -> list[str]:
    return [
        f"{i.location.line}:{i.location.column} {i.code} {i.message}"
        for i in parse_document(raw, "f.yaml").issues
    ]


@pytest.mark.parametrize("raw", [b".nan: a\n.nan: b\n", b"&n .nan : 1\n*n : 2\n", b".nan: a\n.NaN: b\n"])
def test_repeated_nan_keys_are_duplicates_not_a_crash(raw: bytes) -> None:
    """PyYAML gives every .nan the same float object, so a dict merges them: a duplicate, like any other."""
    doc = parse_document(raw, "f.yaml")
    assert [i.code for i in doc.issues] == ["yaml.duplicate-key"]
    assert doc.issues[0].location.line == 2


def test_an_alias_key_repeating_its_anchor_is_reported_where_the_alias_stands() -> None:
    assert messages(b"&k a: 1\n*k : 2\n") == [
        "2:6 yaml.duplicate-key duplicate key 'a' (an alias of the key at line 1); each key may appear once"
    ]


def test_an_unexpected_failure_is_an_error_of_that_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise AssertionError("a bug")

    monkeypatch.setattr(yamlbuild.Loader, "build", broken)
    doc = parse_document(b"a: 1\n", "cities/x.yaml")
    assert doc.data is None
    assert [str(i) for i in doc.issues] == [
        "cities/x.yaml:1:1: error[internal]: internal error while reading this file (AssertionError); "
        "please report it; further problems in this file are not checked until this is fixed"
    ]


@pytest.mark.parametrize(
    "raw",
    [
        b"<<: {b: 3}\na: 1\na: 2\n",
        b"<<: {b: 3}\nc:\n  x: 1\n  x: 2\n",
        b"base: &b {x: 1, y: 2}\nm: &m\n  <<: *b\n  x: 10\nuse: *m\n",
        b"!!merge a: {x: 1}\n",
        b"- <<: [{a: 1}]\n",
    ],
)
def test_merge_keys_are_refused_where_they_stand(raw: bytes) -> None:
    doc = parse_document(raw, "f.yaml")
    assert doc.data is None
    found = [i.code for i in doc.issues]
    assert "yaml.merge-key" in found
    assert set(found) <= {"yaml.merge-key", "yaml.duplicate-key"}
    merge = next(i for i in doc.issues if i.code == "yaml.merge-key")
    assert merge.message.startswith("merge keys (<<) are not allowed in data files")
    assert merge.message.endswith("further problems in this file are not checked until this is fixed")


def test_duplicates_beside_a_merge_key_are_still_reported() -> None:
    assert [i.code for i in parse_document(b"<<: {b: 3}\na: 1\na: 2\n", "f.yaml").issues] == [
        "yaml.merge-key",
        "yaml.duplicate-key",
    ]


def test_an_alias_to_a_mapping_invents_no_duplicates() -> None:
    doc = parse_document(b"base: &b {x: 1, y: 2}\nm: &m {x: 10}\nuse: *m\nagain: *b\n", "f.yaml")
    assert doc.issues == ()
    assert doc.data == {"base": {"x": 1, "y": 2}, "m": {"x": 10}, "use": {"x": 10}, "again": {"x": 1, "y": 2}}


def test_a_quoted_merge_key_is_text() -> None:
    doc = parse_document(b'"<<": 1\n', "f.yaml")
    assert (doc.issues, doc.data) == ((), {"<<": 1})


def test_an_equals_sign_key_is_text_as_in_pyyaml() -> None:
    doc = parse_document(b"=: a\n", "f.yaml")
    assert (doc.issues, doc.data) == ((), {"=": "a"})


def test_a_bare_equals_sign_value_asks_for_quotes() -> None:
    assert messages(b"a: =\n") == [
        "1:4 yaml.tag a bare = is special in YAML (a merge or value key) and can't be a value; "
        "put it in quotes: '='; further problems in this file are not checked until this is fixed"
    ]


def test_the_alias_limit_ignores_stars_that_are_not_aliases() -> None:
    big = "".join("- x\n" for _ in range(10_000))
    for raw in (big + "# *\n", big + "- 'a * b & c'\n", "- &a x\n- *a\n" + big):
        doc = parse_document(raw.encode(), "f.yaml")
        assert doc.issues == ()
        assert len(doc.data) >= 10_000


def _anchors(raw: bytes) -> bool | None:
    """Whether libyaml reads an anchor in the text (None: it is not valid YAML)."""
    try:
        events = yaml.parse(raw, Loader=yaml.CSafeLoader)
        return any(getattr(e, "anchor", None) and not isinstance(e, yaml.AliasEvent) for e in events)
    except yaml.YAMLError:
        return None


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="&*ab1-_=.%/+~:?,[]{}'\"#! \t\n", max_size=30))
def test_the_anchor_prefilter_never_misses_an_anchor(text: str) -> None:
    """The alias count is skipped only for texts without anchors: the prefilter errs only the safe way."""
    raw = text.encode()
    if _anchors(raw):
        assert may_have_anchor(raw)


@pytest.mark.parametrize(
    "text",
    [
        "&a x",
        "k: &a x",
        "- &a x",
        "[&a x]",
        "{&a x: 1}",
        '{"k":&a x}',
        "{? &a x : 1}",
        "[x,&a y]",
        "k:\t&a x",
    ],
)
def test_the_anchor_prefilter_sees_anchors_after_every_token(text: str) -> None:
    assert _anchors(text.encode())
    assert may_have_anchor(text.encode())


def test_the_anchor_prefilter_passes_ampersands_in_text() -> None:
    for text in ("u: https://x.org/?a=1&b=2&c=&d=x\n", "t: News & Review\n", "q: 'a&b'\n"):
        assert not _anchors(text.encode())
        assert not may_have_anchor(text.encode())
        assert parse_document(text.encode(), "f.yaml").issues == ()


def test_the_alias_limit_counts_what_aliases_add() -> None:
    ten = "[" + ", ".join(["x"] * 99) + "]"
    under = f"a: &a {ten}\n" + "".join(f"k{i}: *a\n" for i in range(100))  # adds 100 * 100 nodes
    assert parse_document(under.encode(), "f.yaml").issues == ()
    over = under + "k100: *a\n"
    assert messages(over.encode()) == [
        "1:1 yaml.alias-limit aliases add 10,100 nodes once expanded (at most 10,000); data files don't need "
        "anchors or aliases; further problems in this file are not checked until this is fixed"
    ]


@pytest.mark.parametrize(
    ("raw", "first", "second"),
    [
        (b"1: a\ntrue: b\n", "'1' at line 1 (the number 1)", "'true': YAML reads it as true"),
        (b"0: a\nno: b\n", "'0' at line 1 (the number 0)", "'no': YAML reads it as false"),
        (b"1: a\n1.0: b\n", "'1' at line 1 (the number 1)", "'1.0': YAML reads it as the number 1.0"),
        (b"1: a\n0x1: b\n", "'1' at line 1 (the number 1)", "'0x1': YAML reads it as the number 1"),
    ],
)
def test_keys_equal_as_values_are_duplicates_that_say_why(raw: bytes, first: str, second: str) -> None:
    (issue,) = parse_document(raw, "f.yaml").issues
    assert issue.code == "yaml.duplicate-key"
    assert issue.message == (
        f"duplicate key {second}, equal as a value to the key {first}; each key may appear once"
    )


def test_number_keys_that_share_a_hash_are_bounded() -> None:
    modulus = sys.hash_info.modulus
    raw = "".join(f"{k * modulus}: a\n" for k in range(1, 20)).encode()
    doc = parse_document(raw, "f.yaml")
    assert [i.code for i in doc.issues] == ["yaml.key-hash"]
    assert doc.issues[0].location.line == 9
    assert len(doc.data) == 8


@pytest.mark.parametrize(
    ("raw", "code", "fragment"),
    [
        (b"a: !!set {x}\n", "yaml.tag", "tag !!set is not allowed"),
        (b"a: !!omap [{x: 1}]\n", "yaml.tag", "tag !!omap is not allowed"),
        (b"a: !!binary aGk=\n", "yaml.tag", "tag !!binary is not allowed"),
        (b"a: !!int [1]\n", "yaml.tag", "tag !!int needs a single value; found a list"),
        (b"a: !!map [1]\n", "yaml.tag", "tag !!map needs a mapping; found a list"),
        (b"[a]: 1\n", "yaml.key", "a key must be a single value, like text; found a list"),
        (b"a: 2026-02-30\n", "yaml.value", "2026-02-30 is not a real date"),
    ],
)
def test_what_the_builder_refuses_is_located(raw: bytes, code: str, fragment: str) -> None:
    doc = parse_document(raw, "f.yaml")
    assert [i.code for i in doc.issues] == [code]
    assert fragment in doc.issues[0].message
    assert doc.data is None


def test_a_syntax_error_says_that_checking_stopped() -> None:
    (issue,) = parse_document(b"a: [1, 2\nb: 3\n", "f.yaml").issues
    assert issue.message.endswith("; further problems in this file are not checked until this is fixed")


def test_a_colon_in_a_value_gets_a_hint() -> None:
    assert messages(b"id: x\nsummary: Note: this is it\n") == [
        "2:14 yaml.syntax a ': ' inside a value; a value that contains ': ' must be in quotes, like "
        'summary: "Note: this is it"; further problems in this file are not checked until this is fixed'
    ]


def test_a_key_indented_too_far_gets_a_hint() -> None:
    (message,) = messages(b"id: x\n  name: y\n")
    assert "is this line indented more than the key above it?" in message


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_points_where_it_opens(quote: str) -> None:
    at_end = messages(f"id: x\nname: {quote}Denver\nstate: CO\n".encode())
    assert at_end == [
        "2:7 yaml.syntax this quote is never closed (the file ends inside it); add the closing quote; "
        "further problems in this file are not checked until this is fixed"
    ]
    closed_later = messages(f"id: x\nname: {quote}Denver\nstate: CO\nkind: {quote}city{quote}\n".encode())
    assert closed_later[0].startswith(
        "2:7 yaml.syntax the quoted text that opens here runs over several lines"
    )


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.text(max_size=12),
        st.sampled_from(
            ["", "~", "null", "yes", "No", "on", "0x1F", "1_000", ".inf", "-.5", "<<", "=", "&a"]
        ),
        st.dates().map(str),
        st.datetimes().map(str),
    ),
    st.booleans(),
    st.booleans(),
)
def test_the_tag_shortcuts_agree_with_pyyaml(value: str, plain: bool, quoted: bool) -> None:
    """The loader's own `resolve` (text without a call for quoted scalars and unlikely first characters)."""
    ours = yamlbuild.Loader(b"")
    theirs: Any = yaml.SafeLoader("")  # PyYAML's resolver is untyped
    implicit = (plain, quoted)
    assert ours.resolve(yaml.ScalarNode, value, implicit) == theirs.resolve(yaml.ScalarNode, value, implicit)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.dates().map(str), st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")))
def test_the_date_shortcut_builds_what_pyyaml_builds(text: str) -> None:
    node = yaml.ScalarNode("tag:yaml.org,2002:timestamp", text)
    try:
        expected = yaml.SafeLoader("").construct_yaml_timestamp(node)
    except ValueError:
        expected = None  # a date that doesn't exist: PyYAML's constructor says why
    assert yamlbuild._date(text) == expected
    if expected is not None:
        assert parse_document(f"d: {text}\n".encode(), "f.yaml").data == {"d": expected}
