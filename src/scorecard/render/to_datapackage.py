"""The data package's files: `datapackage.json` and one CSV per table (Frictionless Data, v1).

Each table's Table Schema is derived from its row model (`service/tables.py`):
`str` is a string, `int` an integer, `float` a number, `bool` a boolean
written `true`/`false`, `datetime.date` an ISO date; a `Literal` gives an
`enum` constraint (a status column: the rubric's levels), a `pattern` a
`pattern` one, and a field that can't be None is `required`. An empty cell
is a missing value. Text cells are written as they are (no
spreadsheet-formula guard, unlike `-f csv`): the package is for programs
that read it through its schema.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import types
import typing
from collections.abc import Sequence
from typing import Any, Literal

from pydantic.fields import FieldInfo

from scorecard.render.to_json import dumps
from scorecard.report import Out
from scorecard.service.export import DataPackage
from scorecard.service.tables import TABLES, Table

DESCRIPTOR = "datapackage.json"

_TYPES: dict[Any, str] = {str: "string", int: "integer", float: "number", bool: "boolean", dt.date: "date"}


def _unwrap(annotation: Any) -> tuple[Any, bool, list[Any]]:
    """The annotation without None and Annotated: (type, can be None, constraint metadata)."""
    metadata: list[Any] = []
    optional = False
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(members) < len(typing.get_args(annotation))
        assert len(members) == 1, f"one type per column: {annotation}"
        annotation = members[0]
    if typing.get_origin(annotation) is typing.Annotated:
        annotation, *extra = typing.get_args(annotation)
        for item in extra:
            metadata.extend(item.metadata if isinstance(item, FieldInfo) else [item])
    return annotation, optional, metadata


def field_schema(name: str, info: FieldInfo, key: Sequence[str]) -> dict[str, Any]:
    """A column's Table Schema field, from its row model's field."""
    annotation, optional, metadata = _unwrap(info.annotation)
    constraints: dict[str, Any] = {}
    if typing.get_origin(annotation) is Literal:
        constraints["enum"] = list(typing.get_args(annotation))
        annotation = str
    for item in [*info.metadata, *metadata]:
        if getattr(item, "pattern", None):
            constraints["pattern"] = item.pattern
    if not optional or name in key:
        constraints["required"] = True
    field: dict[str, Any] = {"name": name, "type": _TYPES[annotation]}
    if info.description:
        field["description"] = info.description
    if field["type"] == "boolean":
        field.update(trueValues=["true"], falseValues=["false"])
    if constraints:
        field["constraints"] = dict(sorted(constraints.items()))
    return field


def table_schema(table: Table, levels: Sequence[str] = ()) -> dict[str, Any]:
    """The Table Schema of one table: typed fields, missing values, primary and foreign keys.

    Columns that hold a status take the rubric's `levels` as their `enum`.
    """
    fields = [field_schema(name, info, table.primary_key) for name, info in table.row.model_fields.items()]
    for field in fields:
        if levels and field["name"] in table.level_columns:
            field["constraints"] = dict(
                sorted({**field.get("constraints", {}), "enum": list(levels)}.items())
            )
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(key.fields),
                "reference": {
                    "resource": "" if key.table == table.name else key.table,
                    "fields": list(key.refers_to),
                },
            }
            for key in table.foreign_keys
        ]
    return schema


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def table_csv(table: Table, rows: Sequence[Out]) -> str:
    """A table as CSV: a header of its fields in order, then one line per row."""
    names = list(table.row.model_fields)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(getattr(row, name)) for name in names])
    return out.getvalue()


def descriptor(package: DataPackage) -> dict[str, Any]:
    """The package's `datapackage.json`."""
    return {
        "profile": "tabular-data-package",
        "name": package.name,
        "title": package.title,
        "description": package.description,
        "scorecard": {
            "as_of": package.as_of.isoformat(),
            "rubric_id": package.rubric_id,
            "rubric_version": package.rubric_version,
        },
        "resources": [
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "title": table.title,
                "description": (table.row.__doc__ or "").strip(),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(table, package.levels),
            }
            for table in TABLES
        ],
    }


def render(package: DataPackage) -> dict[str, str]:
    """Every file of the package, keyed by its name: the descriptor and one CSV per table."""
    files = {DESCRIPTOR: dumps(descriptor(package))}
    for table in TABLES:
        files[f"{table.name}.csv"] = table_csv(table, package.tables[table.name])
    return files
