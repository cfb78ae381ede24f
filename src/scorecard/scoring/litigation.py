"""The lawsuits a report card lists: the jurisdiction's own and its state's, as known on a date.

A suit changes no status: only a ruling does, and a ruling enters the data as
a status with its `history` or as a state law's `blocked` period. The card
lists suits so that readers see what is being contested.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from scorecard.input.models import Jurisdiction, Litigation, StateFile
from scorecard.input.rubric import Rubric
from scorecard.report import CaseRef, SourceRef


def _case_ref(rubric: Rubric, suit: Litigation, scope: str, scope_name: str, as_of: dt.date) -> CaseRef:
    """One suit as a card shows it on `as_of` (research notes are never copied)."""
    titles = {d.id: d.title for d in rubric.demands}
    later = suit.status_date > as_of  # the recorded status came after the card's date
    return CaseRef(
        case=suit.case,
        court=suit.court,
        docket=suit.docket,
        filed=suit.filed,
        status="pending" if later else suit.status,
        status_date=suit.filed if later else suit.status_date,
        challenges=suit.challenges,
        summary=None if later else suit.summary,
        demands=[(d.id, d.title) for d in rubric.demands if d.id in suit.demands]
        + [(d, d) for d in suit.demands if d not in titles],
        scope="state" if scope == "state" else "jurisdiction",
        scope_name=scope_name,
        sources=[SourceRef(title=s.title, url=s.url, accessed=s.accessed) for s in suit.sources],
    )


def _recorded(jurisdiction: Jurisdiction, state: StateFile | None) -> Iterator[tuple[str, str, Litigation]]:
    yield from (("jurisdiction", jurisdiction.name, suit) for suit in jurisdiction.litigation)
    if state is not None:
        yield from (("state", state.name, suit) for suit in state.litigation)


def _same_suit(one: Litigation, other: Litigation) -> bool:
    """Same case name and court, and no two different docket numbers."""
    return (
        one.case.casefold() == other.case.casefold()
        and one.court.casefold() == other.court.casefold()
        and (one.docket is None or other.docket is None or one.docket == other.docket)
    )


def litigation_on(
    rubric: Rubric, jurisdiction: Jurisdiction, state: StateFile | None, as_of: dt.date
) -> list[CaseRef]:
    """The suits filed by `as_of`, oldest first; a suit in both files is listed once, as the jurisdiction's.

    On a card dated before a suit's recorded status, the suit shows as pending
    since it was filed: the data keeps only the latest status.
    """
    return cases_on(rubric, _recorded(jurisdiction, state), as_of)


def state_litigation_on(rubric: Rubric, state: StateFile, as_of: dt.date) -> list[CaseRef]:
    """A state's own suits as its jurisdictions' cards show them on `as_of` (for `scorecard export`)."""
    return cases_on(rubric, (("state", state.name, suit) for suit in state.litigation), as_of)


def cases_on(
    rubric: Rubric, recorded: Iterable[tuple[str, str, Litigation]], as_of: dt.date
) -> list[CaseRef]:
    """The recorded suits (scope, scope name, suit) filed by `as_of`, each once, oldest first."""
    listed: list[Litigation] = []
    cases: list[CaseRef] = []
    for scope, name, suit in recorded:
        if suit.filed > as_of or any(_same_suit(suit, other) for other in listed):
            continue
        listed.append(suit)
        cases.append(_case_ref(rubric, suit, scope, name, as_of))
    return sorted(cases, key=lambda c: (c.filed, c.case, c.scope))
