"""Path -> validated model, with every pydantic error mapped back to its YAML node."""

from __future__ import annotations

import datetime as dt
import difflib
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from scorecard.errors import ExitCode, Issue, ScorecardError, error
from scorecard.input.locations import display_path
from scorecard.input.models import Jurisdiction, StateFile
from scorecard.input.rubric import Rubric
from scorecard.input.yamlio import Document, Loc, parse_document, read_document
from scorecard.input.yamlnodes import key_path

ModelT = TypeVar("ModelT", bound=BaseModel)

_STATUS_FIELDS = {"status", "floor", "ceiling"}
_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "date_type": "a date written YYYY-MM-DD",
    "list_type": "a list",
    "dict_type": "a mapping of keys to values",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
}
_PATTERN_WORDS = {
    "id": "a lowercase slug of letters, digits and single hyphens, like 'san-francisco'",
    "url": "an http:// or https:// address",
    "fips": "a Census GEOID in quotes: 5 digits for a county, 7 for a place",
}


def describe(value: Any, raw: str | None, *, text_expected: bool = True) -> str:
    """Name what was found, with the YAML 1.1 surprise behind it when text was expected."""
    quote = " (put text in quotes)" if text_expected else ""
    if isinstance(value, bool):
        word = raw if raw is not None else str(value).lower()
        if not text_expected:
            return f"{word} (a YAML true/false value)"
        return f"{word} (a bare {word} is a YAML true/false value; put text in quotes)"
    if value is None:
        return "nothing (an empty value or null)"
    if isinstance(value, int | float):
        written = raw if raw is not None else repr(value)
        return f"the number {written}{quote}"
    if isinstance(value, dt.date):
        written = raw if raw is not None else value.isoformat()
        return f"the date {written}{quote}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a value of type {type(value).__name__}"


def _allowed_fields(model: type[BaseModel], loc: Loc) -> list[str]:
    """Field names accepted at `loc` (for "did you mean" on an unknown field)."""
    current: Any = model
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return []
            current = field.annotation
        else:
            origin = typing.get_origin(current)
            args = [a for a in typing.get_args(current) if a is not type(None)]
            if origin is list and args:
                current = args[0]
            elif origin is dict and len(args) == 2:
                current = args[1]
            else:
                return []
        while typing.get_origin(current) in (typing.Union, typing.Annotated) or (
            type(current).__name__ == "UnionType"
        ):
            args = [a for a in typing.get_args(current) if a is not type(None)]
            current = args[0]
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


MAX_SUGGESTIONS = 100  # "did you mean" for this many unknown fields of a file; more are not typos


def _pydantic_issue(
    doc: Document,
    err: ErrorDetails,
    model: type[BaseModel],
    levels: tuple[str, ...] | None,
    suggest: bool = True,
) -> Issue:
    loc: Loc = tuple(p for p in err["loc"] if p != "[key]")
    on_key = "[key]" in err["loc"]
    kind = err["type"]
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    code = f"schema.{kind}"
    if kind == "missing":
        return error(doc.locate(loc[:-1]), code, f"missing required field '{field}'", key_path(loc))
    if kind == "extra_forbidden":
        message = f"unknown field '{field}'"
        close = difflib.get_close_matches(field, _allowed_fields(model, loc[:-1]), n=1) if suggest else []
        if close:
            message += f"; did you mean '{close[0]}'?"
        return error(doc.locate(loc, at_key=True), code, message, key_path(loc))
    where = doc.locate(loc, at_key=on_key)
    found = describe(
        err.get("input"), doc.raw_text(loc), text_expected=kind in ("string_type", "literal_error")
    )
    statusish = ("string_type", "unknown_status", "string_pattern_mismatch")
    if field in _STATUS_FIELDS and levels is not None and kind in statusish:
        code = code if kind == "string_type" else "ref.unknown-status"
        message = f"{field} must be one of {', '.join(levels)}; got {found}"
        value = err.get("input")
        guess = {False: "not_met", True: "met"}.get(value) if isinstance(value, bool) else None
        if guess in levels:
            message += f"; did you mean {guess}?"
    elif kind in _TYPE_WORDS:
        message = f"expected {_TYPE_WORDS[kind]}; got {found}"
        if kind in ("int_type", "float_type") and isinstance(err.get("input"), str):
            message += " (YAML reads this as text; write the number in full, like 1000)"
    elif kind == "literal_error" and field == "state":
        message = f"must be a USPS state code in capitals, such as CO or IL; got {found}"
    elif kind == "literal_error":
        message = f"must be one of {err.get('ctx', {}).get('expected', '')}; got {found}"
    elif kind == "string_pattern_mismatch":
        if field == "url":
            code = "source.url-scheme"
        words = _PATTERN_WORDS.get(field, f"text matching {err.get('ctx', {}).get('pattern', '')}")
        message = f"must be {words}; got {found}"
    elif kind == "too_short" and isinstance(err.get("input"), list):
        message = "must list at least one item"
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind == "value_error":
        message = err["msg"].removeprefix("Value error, ")
    else:
        message = err["msg"].replace("Input should be", "must be")
        if kind in ("date_format", "date_with_time", "unknown_status") or "got" not in message:
            message += f"; got {found}"
    return error(where, code, message, key_path(loc))


_SHAPES: dict[type, str] = {str: "text", list: "a list"}


def validate_document(
    doc: Document, model: type[ModelT], levels: tuple[str, ...] | None = None
) -> tuple[ModelT | None, list[Issue]]:
    """Validate parsed data against a model; every error located in the file."""
    if doc.issues and doc.data is None:
        return None, list(doc.issues)
    issues = list(doc.issues)
    if not isinstance(doc.data, dict):
        # Named by its shape only: a file that isn't a mapping may not be a data file at all (a link to
        # /etc/passwd reads as one line of text), and its content must not reach a public CI log.
        found = "an empty file" if doc.data is None else _SHAPES.get(type(doc.data), "a single value")
        issues.append(
            error(
                doc.locate(()),
                "schema.not-a-mapping",
                f"expected a mapping of fields (key: value lines) at the top level; got {found}",
            )
        )
        return None, issues
    try:
        value = model.model_validate(doc.data, context={"levels": levels})
    except ValidationError as exc:
        issues.extend(
            _pydantic_issue(doc, err, model, levels, suggest=index < MAX_SUGGESTIONS)
            for index, err in enumerate(exc.errors())
        )
        return None, issues
    return (value if not issues else None), issues


def load_rubric(path: Path) -> Rubric:
    """Load a rubric file; any problem is fatal (nothing can be scored without it)."""
    doc = read_document(path, display_path(path))
    rubric, issues = validate_document(doc, Rubric)
    if rubric is None:
        raise ScorecardError(f"the rubric {doc.path} is invalid", tuple(issues), ExitCode.DATA)
    return rubric


def load_jurisdiction_document(
    path: Path, rubric: Rubric, raw: bytes | None = None, display: str | None = None
) -> tuple[Document, Jurisdiction | None, list[Issue]]:
    """Read (unless `raw` is given) and validate one jurisdiction file (cross-file checks come later)."""
    shown = display if display is not None else display_path(path)
    doc = read_document(path, shown) if raw is None else parse_document(raw, shown)
    model, issues = validate_document(doc, Jurisdiction, rubric.level_ids)
    return doc, model, issues


def load_state_document(path: Path, rubric: Rubric) -> tuple[Document, StateFile | None, list[Issue]]:
    """Read and validate one state-law file."""
    doc = read_document(path, display_path(path))
    model, issues = validate_document(doc, StateFile, rubric.level_ids)
    return doc, model, issues
