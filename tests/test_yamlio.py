"""Safe YAML reading: locations, duplicate keys, tags, aliases, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecard.input.yamlio import MAX_FILE_BYTES, parse_document, read_document


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
