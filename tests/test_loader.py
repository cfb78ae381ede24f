"""Pydantic errors mapped back to the YAML node, with messages that say what was expected and found."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecard.errors import ScorecardError
from scorecard.input.loader import describe, load_rubric, validate_document
from scorecard.input.models import Jurisdiction
from scorecard.input.rubric import Rubric
from scorecard.input.yamlio import parse_document
from scorecard.input.yamlnodes import key_path

from .conftest import REPO, VALID

LEVELS = ("met", "partial", "not_met", "unknown")


def issues_for(text: str) -> list[str]:
    doc = parse_document(text.encode(), "c.yaml")
    model, issues = validate_document(doc, Jurisdiction, LEVELS)
    assert model is None
    return [str(issue) for issue in issues]


def base(**changes: str) -> str:
    text = (VALID / "cities" / "lone-star-city.yaml").read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new, 1)
    return text


def test_valid_fixture_loads() -> None:
    doc = parse_document((VALID / "cities" / "prairie-city.yaml").read_bytes(), "p.yaml")
    model, issues = validate_document(doc, Jurisdiction, LEVELS)
    assert issues == []
    assert model is not None
    assert model.demands["no-proactive-communication"].history[0].since_precision == "year"


def test_bare_no_as_status_names_the_yaml_boolean() -> None:
    text = base(**{"status: not_met": "status: no"})
    assert issues_for(text) == [
        "c.yaml:20:13: error[schema.string_type]: demands.no-ice-notifications.status: status must be one of "
        "met, partial, not_met, unknown; got no (a bare no is a YAML true/false value; put text in quotes); did you mean not_met?"
    ]


def test_unknown_status_word_is_a_ref_error() -> None:
    text = base(**{"status: not_met": "status: maybe"})
    assert issues_for(text) == [
        "c.yaml:20:13: error[ref.unknown-status]: demands.no-ice-notifications.status: status must be one of "
        "met, partial, not_met, unknown; got 'maybe'"
    ]


def test_misspelt_field_suggests_the_right_one() -> None:
    text = base(
        **{
            "    confidence: high\n    sources:\n      - title: Fixture holds": "    confidense: high\n    sources:\n      - title: Fixture holds"
        }
    )
    found = issues_for(text)
    assert found == [
        "c.yaml:14:5: error[schema.extra_forbidden]: demands.no-ice-holds.confidense: unknown field "
        "'confidense'; did you mean 'confidence'?"
    ]


def test_missing_field_points_at_the_mapping() -> None:
    text = base(**{"name: Lone Star City\n": ""})
    assert issues_for(text) == ["c.yaml:2:1: error[schema.missing]: name: missing required field 'name'"]


def test_unquoted_fips_number_and_bad_url_and_date() -> None:
    text = base(
        **{
            'fips: "4899990"': "fips: 4899990",
            "https://example.org/lonestar/holds": "ftp://x",
            "last_reviewed: 2026-01-15": "last_reviewed: 15/01/2026",
        }
    )
    assert issues_for(text) == [
        "c.yaml:6:7: error[schema.string_type]: fips: expected text; got the number 4899990 (put text in quotes)",
        "c.yaml:8:16: error[schema.date_format]: last_reviewed: expected a date written YYYY-MM-DD; got '15/01/2026'",
        "c.yaml:17:14: error[source.url-scheme]: demands.no-ice-holds.sources[0].url: must be an http:// or "
        "https:// address; got 'ftp://x'",
    ]


def test_every_error_in_a_file_is_reported_at_once() -> None:
    text = base(**{"kind: city": "kind: town", "state: TX": "state: ZZ", "confidence: high": "confidence: 1"})
    found = issues_for(text)
    assert [line.split(": ")[1] for line in found] == [
        "error[schema.literal_error]",
        "error[schema.literal_error]",
        "error[schema.literal_error]",
    ]
    assert [line.split(":")[1] for line in found] == ["4", "5", "14"]


def test_top_level_list_is_refused() -> None:
    assert issues_for("- a\n- b\n") == [
        "c.yaml:1:1: error[schema.not-a-mapping]: expected a mapping of fields (key: value lines) at the top "
        "level; got a list"
    ]


def test_empty_file_is_refused() -> None:
    assert issues_for("") == [
        "c.yaml:1:1: error[schema.not-a-mapping]: expected a mapping of fields (key: value lines) at the top "
        "level; got an empty file"
    ]


@pytest.mark.parametrize(
    ("value", "raw", "expected"),
    [
        (True, "yes", "yes (a bare yes is a YAML true/false value; put text in quotes)"),
        (None, None, "nothing (an empty value or null)"),
        (1000.0, "1.0e+3", "the number 1.0e+3 (put text in quotes)"),
        ("x" * 80, None, repr("x" * 57 + "...")),
        ([1], None, "a list"),
    ],
)
def test_describe_names_yaml_surprises(value: object, raw: str | None, expected: str) -> None:
    assert describe(value, raw) == expected


def test_key_path_formats_indices() -> None:
    assert key_path(("demands", "a", "sources", 0, "url")) == "demands.a.sources[0].url"


def test_shipped_rubric_loads() -> None:
    rubric = load_rubric(REPO / "policies" / "sanctuary.yaml")
    assert [d.id for d in rubric.demands] == [
        "no-ice-holds",
        "no-ice-notifications",
        "no-proactive-communication",
        "sensitive-areas",
        "legal-defense-fund",
    ]
    assert rubric.unknown_level == "unknown"
    assert rubric.best_level == "met"
    assert rubric.worst_level == "not_met"


def test_inconsistent_rubric_is_fatal(tmp_path: Path) -> None:
    text = (REPO / "policies" / "sanctuary.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("    min: 0\n", "    min: 10\n"), encoding="utf-8")
    with pytest.raises(ScorecardError) as caught:
        load_rubric(bad)
    assert "grades must be listed best first and the last must have `min: 0`" in str(caught.value.issues[0])


def test_rubric_model_refuses_two_unknown_levels() -> None:
    text = (REPO / "policies" / "sanctuary.yaml").read_text(encoding="utf-8")
    doc = parse_document(
        text.replace(
            "    credit: 0.0\n  - id: unknown", "    credit: 0.0\n    known: false\n  - id: unknown"
        ).encode(),
        "r.yaml",
    )
    _, issues = validate_document(doc, Rubric)
    assert any("exactly one level must have `known: false`" in issue.message for issue in issues)
