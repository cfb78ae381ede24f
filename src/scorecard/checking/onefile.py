"""One jurisdiction file, loaded and checked on its own (what the pool runs per file)."""

from __future__ import annotations

from pathlib import Path

from scorecard.checking.across import Identity, check_national_id
from scorecard.checking.checks import (
    CheckContext,
    JurisdictionParts,
    check_demand_keys,
    check_jurisdiction,
)
from scorecard.errors import Issue
from scorecard.input.loader import load_jurisdiction_document
from scorecard.input.models import Jurisdiction


def check_file(
    path: Path, ctx: CheckContext, raw: bytes | None = None, display: str | None = None
) -> tuple[Jurisdiction | None, Identity | None, list[Issue]]:
    """Load (from `raw` when given) and check one jurisdiction file on its own."""
    doc, model, issues = load_jurisdiction_document(path, ctx.rubric, raw, display)
    issues.extend(check_demand_keys(doc, ctx.rubric))
    if model is None:
        if isinstance(doc.data, dict):
            parts = JurisdictionParts.of_raw(doc.data, ctx.rubric.level_ids)
            issues.extend(check_jurisdiction(doc, parts, path, ctx))
        return None, None, issues
    issues.extend(check_jurisdiction(doc, JurisdictionParts.of_model(model), path, ctx))
    issues.extend(check_national_id(doc, model))
    if any(issue.is_error for issue in issues):
        return None, None, issues
    return model, Identity.of(doc, model), issues
