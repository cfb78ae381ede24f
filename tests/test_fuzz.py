"""Property-based fuzzing of loading and validating: issues come back, exceptions never do.

`parse_document` and `validate_document` turn every problem into an `Issue`
with a 1-based line and column; a valid jurisdiction survives a YAML round trip.
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scorecard.errors import Issue
from scorecard.input.loader import load_rubric, validate_document
from scorecard.input.models import Jurisdiction, StateFile
from scorecard.input.rubric import Rubric
from scorecard.input.yamlio import parse_document
from scorecard.vocab import USPS_CODES

from .conftest import REPO, TODAY

RUBRIC = load_rubric(REPO / "policies" / "sanctuary.yaml")
LEVELS = RUBRIC.level_ids
DEMANDS = [demand.id for demand in RUBRIC.demands]
PATH = "cities/x.yaml"
FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # safe_dump's C twin, for speed
FUZZ = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_well_formed(issues: list[Issue] | tuple[Issue, ...]) -> None:
    """Every issue names its file, a 1-based line and column, a code and a readable message."""
    for issue in issues:
        assert issue.location.path == PATH
        assert issue.location.line >= 1, issue
        assert issue.location.column >= 1, issue
        assert issue.code
        assert issue.message.strip()
        assert "errors.pydantic.dev" not in issue.message
        assert "Input should be" not in issue.message


def check_everything(raw: bytes) -> None:
    """Parse, then validate as each kind of file; nothing may raise."""
    doc = parse_document(raw, PATH)
    assert_well_formed(doc.issues)
    for model in (Jurisdiction, StateFile, Rubric):
        result, issues = validate_document(doc, model, LEVELS)
        assert_well_formed(issues)
        assert (result is None) == bool(issues)


# --- arbitrary YAML text ----------------------------------------------------------

YAML_PIECES = st.sampled_from(
    [
        ": ", ":", "- ", "? ", "\n", "  ", "    ", "\t", "\r\n", "#", "'", '"', "|", ">", "[", "]", "{",
        "}", ", ", "&a ", "*a", "&b ", "*b", "<<: ", "---\n", "...\n", "%YAML 1.1\n", "%TAG !e! tag:x,2000:\n",
        "!!python/object/apply:os.system ", "!!python/name:os.system ", "!!binary ", "!!set ", "!!omap ",
        "!!timestamp ", "!!int ", "!!float ", "!!str ", "!e!x ", "!custom ", "!<tag:yaml.org,2002:str> ",
        "2026-02-30", "2026-01-15", "2026-01-15 10:30:00", "1e3", "1.5e+3", "0x1F", "0o17", "0755", "1_000",
        "12:30", ".nan", "-.inf", "yes", "no", "on", "off", "y", "~", "null", "true", "9" * 4400,
        "id", "name", "state", "kind", "fips", "demands", "status", "summary", "sources", "url", "title",
        "laws", "effects", "floor", "ceiling", "levels", "grades", "history", "practice", "since",
        "no-ice-holds", "met", "partial", "not_met", "unknown", "IL", "city", "https://example.org/x",
        "\ufeff", "\x00", "\x1b", "\x85", "\u2028", "\\e", "\\x41", "\\u0041",
    ]
)  # fmt: skip
yaml_text = st.lists(st.one_of(YAML_PIECES, st.text(max_size=6)), max_size=40).map("".join)


@FUZZ
@given(st.one_of(yaml_text, st.text()))
def test_arbitrary_yaml_text_never_raises(text: str) -> None:
    check_everything(text.encode("utf-8"))


@FUZZ
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    check_everything(raw)


# --- jurisdiction documents -----------------------------------------------------------

LOWER = string.ascii_lowercase + string.digits
slugs = st.lists(st.text(LOWER, min_size=1, max_size=6), min_size=1, max_size=3).map("-".join)
texts = st.text(min_size=1, max_size=12)
dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY)
urls = st.builds(
    "{}://{}.test/{}".format,
    st.sampled_from(["http", "https"]),
    st.text(string.ascii_lowercase, min_size=1, max_size=8),
    st.text(string.ascii_letters + string.digits + "/_.~-?=&%", max_size=12),
)
sources = st.fixed_dictionaries({"title": texts, "url": urls}, optional={"accessed": dates})
statuses = st.sampled_from(LEVELS)


def claims() -> st.SearchStrategy[dict[str, Any]]:
    history = st.fixed_dictionaries(
        {"status": statuses, "summary": texts, "since": dates},
        optional={"sources": st.lists(sources, max_size=1), "confidence": st.sampled_from(["high", "low"])},
    )
    practice = st.fixed_dictionaries(
        {"status": statuses, "summary": texts, "confidence": st.sampled_from(["high", "medium", "low"])},
        optional={"since": dates, "sources": st.lists(sources, max_size=1)},
    )
    return st.fixed_dictionaries(
        {"status": statuses, "summary": texts},
        optional={
            "since": dates,
            "since_precision": st.sampled_from(["day", "month", "year"]),
            "sources": st.lists(sources, max_size=2),
            "confidence": st.sampled_from(["high", "medium", "low"]),
            "history": st.lists(history, max_size=1),
            "practice": practice,
        },
    )


jurisdictions = st.fixed_dictionaries(
    {
        "id": slugs,
        "name": texts,
        "state": st.sampled_from(USPS_CODES),
        "kind": st.sampled_from(["city", "county", "consolidated-city-county"]),
        "last_reviewed": dates,
        "demands": st.fixed_dictionaries({demand: claims() for demand in DEMANDS}),
    },
    optional={
        "fips": st.integers(0, 99_999).map("{:05d}".format) | st.integers(0, 9_999_999).map("{:07d}".format),
        "population": st.integers(min_value=1, max_value=10**9),
        "population_year": st.integers(min_value=1790, max_value=2100),
        "jail": st.sampled_from(["city", "county", "state", "none"]),
        "jail_operator": texts,
        "notes": st.text(min_size=1, max_size=200),
    },
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.dates(),
    st.datetimes(),
    st.sampled_from(["yes", "no", "Met", "not met", "2026-02-30", "0755", "", " ", "met"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=3)
    ),
    max_leaves=8,
)


def containers(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths to every mapping and list inside a document (the places a mutation can hit)."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list):
                found += containers(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict | list):
                found += containers(item, (*path, index))
    return found


@st.composite
def mutated_jurisdictions(draw: st.DrawFn) -> Any:
    """A valid document with one to three things broken: a value replaced, a key dropped or added."""
    document: Any = draw(jurisdictions)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(containers(document)))
        target = document
        for part in path:
            target = target[part]
        action = draw(st.sampled_from(["replace", "drop", "add", "whole"]))
        if action == "whole":
            document = draw(values)
            break
        if isinstance(target, dict) and target:
            key = draw(st.sampled_from(sorted(target, key=str)))
            if action == "replace":
                target[key] = draw(values)
            elif action == "drop":
                del target[key]
            else:
                target[draw(st.text(min_size=1, max_size=10))] = draw(values)
        elif isinstance(target, list) and target:
            index = draw(st.integers(min_value=0, max_value=len(target) - 1))
            if action == "drop":
                del target[index]
            else:
                target[index] = draw(values)
    return document


@FUZZ
@given(st.one_of(jurisdictions, mutated_jurisdictions()))
def test_any_jurisdiction_document_gives_issues_not_exceptions(document: Any) -> None:
    check_everything(yaml.dump(document, Dumper=FAST_DUMPER, allow_unicode=True).encode("utf-8"))


@FUZZ
@given(jurisdictions)
def test_a_valid_jurisdiction_round_trips(document: dict[str, Any]) -> None:
    model = Jurisdiction.model_validate(document, context={"levels": LEVELS})
    raw = yaml.safe_dump(model.model_dump()).encode("utf-8")
    doc = parse_document(raw, PATH)
    again, issues = validate_document(doc, Jurisdiction, LEVELS)
    assert issues == []
    assert again == model
