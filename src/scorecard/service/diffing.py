"""What changed between two editions of the data, each change labelled policy, evidence or rubric.

- **policy change**: a demand's status changed (locally, or through a state
  law), or a state law's dates or effects changed;
- **evidence change**: the status is the same but its sources, summary,
  confidence, dates or history changed (or other facts of the file);
- **rubric change**: the rubric's weights, levels or grades changed, which
  moves scores without any status changing.

Pure functions over two loaded data sets; reading folders and git lives in
`service.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from collections.abc import Set as AbstractSet

from pydantic import BaseModel

from scorecard.checking.pipeline import DataSet
from scorecard.i18n import translate
from scorecard.input.models import DemandClaim, Jurisdiction, StateLaw
from scorecard.input.rubric import Rubric
from scorecard.report import AssessReport, DiffEntry, DiffReport, ScoreChange
from scorecard.scoring.card import assess

POLICY = "policy change"
EVIDENCE = "evidence change"
RUBRIC = "rubric change"
ADDED = "added"
REMOVED = "removed"


def _fields_changed(old: BaseModel, new: BaseModel, skip: AbstractSet[str] = frozenset()) -> list[str]:
    return [
        name
        for name in type(old).model_fields
        if name not in skip and getattr(old, name) != getattr(new, name)
    ]


def _source_urls(claim: DemandClaim) -> set[str]:
    return {source.url for source in claim.sources}


def _evidence_detail(old: DemandClaim, new: DemandClaim, lang: str) -> str:
    parts = []
    added = sorted(_source_urls(new) - _source_urls(old))
    removed = sorted(_source_urls(old) - _source_urls(new))
    if added:
        parts.append(translate(lang, "source added: {urls}", urls=", ".join(added)))
    if removed:
        parts.append(translate(lang, "source removed: {urls}", urls=", ".join(removed)))
    others = [f for f in _fields_changed(old, new, {"status"}) if f != "sources" or not (added or removed)]
    if others:
        parts.append(translate(lang, "changed: {fields}", fields=", ".join(others)))
    return "; ".join(parts)


def _rubric_changes(old: Rubric, new: Rubric, lang: str) -> Iterator[DiffEntry]:
    if old == new:
        return
    fields = _fields_changed(old, new)
    weights_old = {d.id: d.weight for d in old.demands}
    weights_new = {d.id: d.weight for d in new.demands}
    detail = [f"{name}" for name in fields if name not in ("demands",)]
    if weights_old != weights_new:
        changed = ", ".join(
            f"{d} {weights_old.get(d, '-')} → {weights_new.get(d, '-')}"
            for d in sorted(set(weights_old) | set(weights_new))
            if weights_old.get(d) != weights_new.get(d)
        )
        detail.append(translate(lang, "weights: {changes}", changes=changed))
    elif "demands" in fields:
        detail.append(translate(lang, "demand texts"))
    yield DiffEntry(
        subject="rubric",
        id=new.id,
        name=new.title,
        change_kind=RUBRIC,
        demand=None,
        old_value=old.version,
        new_value=new.version,
        detail="; ".join(detail),
    )


def _law_changes(state: str, old: list[StateLaw], new: list[StateLaw], lang: str) -> Iterator[DiffEntry]:
    before = {law.id: law for law in old}
    after = {law.id: law for law in new}
    for law_id in sorted(set(before) | set(after)):
        a, b = before.get(law_id), after.get(law_id)
        if a == b:
            continue
        if a is None or b is None:
            present = b or a
            assert present is not None
            yield DiffEntry(
                subject="state",
                id=state,
                name=present.title,
                change_kind=POLICY if present.effects else EVIDENCE,
                demand=None,
                old_value=None if a is None else "law",
                new_value=None if b is None else "law",
                detail=translate(lang, "law added: {law}", law=law_id)
                if a is None
                else translate(lang, "law removed: {law}", law=law_id),
            )
            continue
        changed = _fields_changed(a, b)
        binding = {"effects", "enacted", "effective", "repealed"} & set(changed)
        yield DiffEntry(
            subject="state",
            id=state,
            name=b.title,
            change_kind=POLICY if binding else EVIDENCE,
            demand=None,
            old_value=None,
            new_value=None,
            detail=translate(lang, "{law}: changed {fields}", law=law_id, fields=", ".join(changed)),
        )


def _demand_entry(
    jurisdiction: Jurisdiction, label: str, before: str, after: str, demand: str, detail: str
) -> DiffEntry:
    return DiffEntry(
        subject="jurisdiction",
        id=jurisdiction.id,
        name=jurisdiction.name,
        change_kind=label,
        demand=demand,
        old_value=before,
        new_value=after,
        detail=detail,
    )


def _card(data: DataSet, jurisdiction: Jurisdiction, as_of: dt.date) -> AssessReport:
    return assess(data.rubric, jurisdiction, data.states.get(jurisdiction.state), as_of)


def _score_change(
    jurisdiction: Jurisdiction, old: AssessReport | None, new: AssessReport | None
) -> ScoreChange:
    return ScoreChange(
        id=jurisdiction.id,
        name=jurisdiction.name,
        old_score=old.score if old else None,
        new_score=new.score if new else None,
        old_grade=old.grade if old else None,
        new_grade=new.grade if new else None,
    )


def _jurisdiction_changes(
    old_data: DataSet, new_data: DataSet, old: Jurisdiction, new: Jurisdiction, as_of: dt.date, lang: str
) -> tuple[list[DiffEntry], ScoreChange | None]:
    old_report = _card(old_data, old, as_of)
    new_report = _card(new_data, new, as_of)
    entries: list[DiffEntry] = []
    for before, after in zip(old_report.demands, new_report.demands, strict=False):
        if before.id != after.id:
            continue
        if before.status != after.status or before.local_status != after.local_status:
            via = " (" + translate(lang, "by {law}", law=after.law.label) + ")" if after.law else ""
            detail = (
                translate(lang, "local status") + f" {before.local_status} → {after.local_status}{via}"
                if before.local_status != after.local_status
                else translate(lang, "effective status changed")
                + (via or " (" + translate(lang, "state law") + ")")
            )
            entries.append(_demand_entry(new, POLICY, before.status, after.status, after.id, detail))
            continue
        old_claim, new_claim = old.demands.get(after.id), new.demands.get(after.id)
        if old_claim is not None and new_claim is not None and old_claim != new_claim:
            detail = _evidence_detail(old_claim, new_claim, lang)
            entries.append(_demand_entry(new, EVIDENCE, before.status, after.status, after.id, detail))
    facts = _fields_changed(old, new, {"demands"})
    if facts:
        entries.append(
            DiffEntry(
                subject="jurisdiction",
                id=new.id,
                name=new.name,
                change_kind=EVIDENCE,
                demand=None,
                old_value=None,
                new_value=None,
                detail=translate(lang, "changed: {fields}", fields=", ".join(facts)),
            )
        )
    score = _score_change(new, old_report, new_report) if old_report.score != new_report.score else None
    return entries, score


def diff(
    old_data: DataSet, new_data: DataSet, *, old_label: str, new_label: str, as_of: dt.date, lang: str = "en"
) -> DiffReport:
    """Every change between two data sets, in a stable order; details in `lang` (codes stay as they are)."""
    entries: list[DiffEntry] = list(_rubric_changes(old_data.rubric, new_data.rubric, lang))
    for state in sorted(set(old_data.states) | set(new_data.states)):
        old_laws = old_data.states[state].laws if state in old_data.states else []
        new_laws = new_data.states[state].laws if state in new_data.states else []
        entries.extend(_law_changes(state, old_laws, new_laws, lang))
    before = {j.id: j for j in old_data.jurisdictions}
    after = {j.id: j for j in new_data.jurisdictions}
    scores: list[ScoreChange] = []
    for jurisdiction_id in sorted(set(before) | set(after)):
        a, b = before.get(jurisdiction_id), after.get(jurisdiction_id)
        if a is None or b is None:  # added or removed: its score on the side where it is
            present, data = (b, new_data) if a is None else (a, old_data)
            assert present is not None
            card = _card(data, present, as_of)
            entries.append(
                DiffEntry(
                    subject="jurisdiction",
                    id=present.id,
                    name=present.name,
                    change_kind=ADDED if a is None else REMOVED,
                    demand=None,
                    old_value=None,
                    new_value=None,
                    detail=translate(
                        lang, "score {score} ({grade})", score=f"{card.score:g}", grade=card.grade
                    ),
                )
            )
            scores.append(_score_change(present, None if a is None else card, card if a is None else None))
            continue
        found, score = _jurisdiction_changes(old_data, new_data, a, b, as_of, lang)
        entries.extend(found)
        if score is not None:
            scores.append(score)
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.change_kind] = counts.get(entry.change_kind, 0) + 1
    return DiffReport(
        lang=lang,
        old=old_label,
        new=new_label,
        as_of=as_of,
        changes=entries,
        scores=scores,
        counts=counts,
    )
