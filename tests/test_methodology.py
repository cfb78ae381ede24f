"""docs/methodology.md and the shipped state files agree: every effect follows a written rule.

The rules table in the methodology is read as written; the table of every
modelled law is generated from the state files (`pytest --update-golden`
rewrites it) and must match them.
"""

from __future__ import annotations

import re
from pathlib import Path

from scorecard.input.loader import load_rubric
from scorecard.input.models import StateFile
from scorecard.input.yamlio import read_document
from scorecard.vocab import STATES

from .conftest import REPO

METHODOLOGY = REPO / "docs" / "methodology.md"
BEGIN, END = "<!-- BEGIN LAWS TABLE -->", "<!-- END LAWS TABLE -->"
RUBRIC = load_rubric(REPO / "policies" / "sanctuary.yaml")


def rules() -> dict[str, tuple[str, str, str]]:
    """rule id -> (demand, bound, level), from the methodology's rule table."""
    found = {}
    for line in METHODOLOGY.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if (
            len(cells) >= 5
            and cells[2] in ("floor", "ceiling")
            and cells[1] in {d.id for d in RUBRIC.demands}
        ):
            found[cells[0]] = (cells[1], cells[2], cells[3])
    return found


def state_files() -> list[StateFile]:
    files = []
    for path in sorted((REPO / "states").glob("*.yaml")):
        doc = read_document(path)
        files.append(StateFile.model_validate(doc.data, context={"levels": RUBRIC.level_ids}))
    return files


def first_sentence(text: str | None) -> str:
    if not text:
        return ""
    flat = " ".join(text.split())
    match = re.match(r"(.+?[.;])(\s|$)", flat)
    return (match.group(1) if match else flat).replace("|", "\\|")


def laws_table() -> str:
    """The table of every modelled law: one row per law and demand it bounds."""
    lines = [
        "| state | law | in force | demand | bound | rule | reason |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for state in state_files():
        name = STATES[state.state].name
        if not state.laws:
            lines.append(f"| {name} | (no law bearing on the demands found) | | | | | |")
        for law in state.laws:
            span = law.in_force_from.isoformat() + (f" to {law.repealed.isoformat()}" if law.repealed else "")
            blocked = "; blocked " + ", ".join(
                f"{b.start.isoformat()} to {b.end.isoformat() if b.end else 'now'}" for b in law.blocked
            )
            span += blocked if law.blocked else ""
            title = f"{law.title} (`{law.id}`)".replace("|", "\\|")
            if not law.effects:
                lines.append(f"| {name} | {title} | {span} | — | — | — | recorded without effect |")
            for demand_id, effect in law.effects.items():
                bound = ", ".join(
                    f"{kind} {level}"
                    for kind, level in (("floor", effect.floor), ("ceiling", effect.ceiling))
                    if level is not None
                )
                reason = first_sentence(effect.note)
                lines.append(
                    f"| {name} | {title} | {span} | {demand_id} | {bound} | {effect.rule} | {reason} |"
                )
    return "\n".join(lines)


def test_every_effect_follows_a_written_rule() -> None:
    written = rules()
    assert len(written) >= 12, "the methodology's rule table was not found"
    problems = []
    for state in state_files():
        for law in state.laws:
            for demand_id, effect in law.effects.items():
                where = f"states/{state.state.lower()}.yaml {law.id} {demand_id}"
                if effect.rule not in written:
                    problems.append(f"{where}: rule {effect.rule!r} is not in docs/methodology.md")
                    continue
                demand, bound, level = written[effect.rule]
                actual = {"floor": effect.floor, "ceiling": effect.ceiling}
                if demand != demand_id:
                    problems.append(f"{where}: rule {effect.rule} is for {demand}")
                if actual[bound] != level or any(v for k, v in actual.items() if k != bound):
                    problems.append(
                        f"{where}: rule {effect.rule} sets {bound} {level}; the file has {actual}"
                    )
    assert problems == []


def test_the_laws_table_matches_the_state_files(update_golden: bool) -> None:
    text = METHODOLOGY.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    table = "\n" + laws_table() + "\n"
    if update_golden:
        METHODOLOGY.write_text(text[:start] + table + text[end:], encoding="utf-8")
        text = METHODOLOGY.read_text(encoding="utf-8")
    assert text[start : text.index(END)] == table, "run pytest --update-golden to regenerate the laws table"


def test_every_state_and_dc_has_a_file() -> None:
    codes = {path.stem.upper() for path in Path(REPO / "states").glob("*.yaml")}
    fifty_and_dc = {code for code, state in STATES.items() if state.fips <= "56"}
    assert fifty_and_dc <= codes
    for state in state_files():
        assert state.summary, (
            f"{state.state}: every state file says what its law does (or that none was found)"
        )
