"""JSON Schema (draft 2020-12) of the data files, generated from the models and the rubric.

The models give types, patterns and descriptions; the rubric adds what only
it knows: the status levels (an enum) and the demand ids (required keys of
`demands`). Editors use it for completion (`# yaml-language-server:
$schema=...`) and other validators (check-jsonschema) for a second opinion.
"""

from __future__ import annotations

from typing import Any

from scorecard.input.models import Jurisdiction, StateFile
from scorecard.input.rubric import Rubric

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_CLAIMS = ("DemandClaim", "HistoryEntry", "Practice")


def _status_enum(rubric: Rubric) -> dict[str, Any]:
    levels = ", ".join(rubric.level_ids)
    return {"enum": list(rubric.level_ids), "description": f"One of the rubric's levels: {levels}."}


def _require_sources_when_known(rubric: Rubric) -> dict[str, Any]:
    return {
        "if": {"properties": {"status": {"not": {"const": rubric.unknown_level}}}, "required": ["status"]},
        "then": {"required": ["sources"], "properties": {"sources": {"minItems": 1}}},
    }


def jurisdiction_schema(rubric: Rubric) -> dict[str, Any]:
    """The schema of `cities/<id>.yaml` for this rubric."""
    schema = Jurisdiction.model_json_schema()
    defs = schema["$defs"]
    for name in _CLAIMS:
        defs[name]["properties"]["status"] = _status_enum(rubric)
        defs[name]["allOf"] = [_require_sources_when_known(rubric)]
    defs["DemandClaim"]["allOf"].append(
        {
            "if": {
                "properties": {"status": {"not": {"const": rubric.unknown_level}}},
                "required": ["status"],
            },
            "then": {"required": ["confidence"]},
        }
    )
    schema["properties"]["demands"] = {
        "type": "object",
        "description": f"One entry per demand of the rubric '{rubric.id}' (v{rubric.version}).",
        "properties": {
            demand.id: {"$ref": "#/$defs/DemandClaim", "description": demand.title}
            for demand in rubric.demands
        },
        "required": [demand.id for demand in rubric.demands],
        "additionalProperties": False,
    }
    return {
        "$schema": DRAFT,
        "title": "scorecard jurisdiction file",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def state_schema(rubric: Rubric) -> dict[str, Any]:
    """The schema of `states/<usps>.yaml` for this rubric."""
    schema = StateFile.model_json_schema()
    effect = schema["$defs"]["LawEffect"]
    bound = {"enum": [level for level in rubric.level_ids if level != rubric.unknown_level]}
    effect["properties"]["floor"] = bound | {"description": "The state guarantees at least this level."}
    effect["properties"]["ceiling"] = bound | {"description": "The state forbids doing better than this."}
    effect["anyOf"] = [{"required": ["floor"]}, {"required": ["ceiling"]}]
    law = schema["$defs"]["StateLaw"]
    law["properties"]["effects"] = {
        "type": "object",
        "properties": {demand.id: {"$ref": "#/$defs/LawEffect"} for demand in rubric.demands},
        "additionalProperties": False,
    }
    law["anyOf"] = [{"required": ["effective"]}, {"required": ["enacted"]}]
    return {
        "$schema": DRAFT,
        "title": "scorecard state-law file",
        **{k: v for k, v in schema.items() if k != "title"},
    }
