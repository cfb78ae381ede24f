"""Checks across jurisdiction files: ids and aliases in one namespace, FIPS codes, names, state files."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scorecard.errors import Issue, Location, error
from scorecard.input.models import Jurisdiction
from scorecard.input.yamlio import Document


@dataclass(frozen=True)
class Identity:
    """What cross-file checks need of a valid jurisdiction file, with where each fact stands."""

    path: str
    id: str
    id_at: Location
    fips: str | None
    fips_at: Location
    state: str
    state_at: Location
    aliases: tuple[tuple[str, Location], ...] = ()
    name: str = ""
    kind: str = ""
    county_fips: tuple[tuple[str, Location], ...] = ()  # counties the place also governs

    @property
    def codes(self) -> tuple[str, ...]:
        """Every GEOID the file stands for: its own and its counties'."""
        own = () if self.fips is None else (self.fips,)
        return own + tuple(code for code, _ in self.county_fips)

    @classmethod
    def of(cls, doc: Document, model: Jurisdiction) -> Identity:
        """The identity of a validated jurisdiction document."""
        return cls(
            doc.path,
            model.id,
            doc.locate(("id",)),
            model.fips,
            doc.locate(("fips",)),
            model.state,
            doc.locate(("state",)),
            tuple((alias, doc.locate(("aliases", i))) for i, alias in enumerate(model.aliases)),
            model.name,
            model.kind,
            tuple((code, doc.locate(("county_fips", i))) for i, code in enumerate(model.county_fips)),
        )


def covered_codes(identities: Iterable[Identity]) -> set[str]:
    """The GEOIDs researched files stand for: a county among them has no baseline card."""
    return {code for identity in identities for code in identity.codes}


def check_national_id(doc: Document, model: Jurisdiction) -> list[Issue]:
    """A county named like a county of another state says its state in its id (`cook-county-il`)."""
    from scorecard.input.counties import states_with_county

    suffix = "-" + model.state.lower()
    if model.kind != "county" or model.id.endswith(suffix):
        return []
    others = sorted(states_with_county(model.name) - {model.state})
    if not others:
        return []
    return [
        error(
            doc.locate(("id",)),
            "id.ambiguous",
            f"'{model.name}' is also a county in {', '.join(others)}: the id must end with the state, "
            f"'{model.id}{suffix}' (rename the file, and list '{model.id}' in aliases so it still resolves)",
            "id",
        )
    ]


def _same_names(items: Sequence[Identity]) -> list[Issue]:
    """Files of the same name in different states must each end their id with the state code."""
    from scorecard.input.counties import slugify

    by_name: dict[str, list[Identity]] = {}
    for item in items:
        by_name.setdefault(slugify(item.name), []).append(item)
    issues = []
    for group in by_name.values():
        states = sorted({item.state for item in group})
        if len(states) < 2:
            continue
        for item in group:
            suffix = "-" + item.state.lower()
            if not item.id.endswith(suffix):
                issues.append(
                    error(
                        item.id_at,
                        "id.ambiguous",
                        f"'{item.name}' names places in {', '.join(states)}: the id must end with the "
                        f"state, '{item.id}{suffix}' (list '{item.id}' in aliases so it still resolves)",
                        "id",
                    )
                )
    return issues


def check_across(identities: Iterable[Identity], states: set[str]) -> list[Issue]:
    """Duplicate ids and FIPS codes across files, and state files that are needed but absent."""
    issues: list[Issue] = []
    seen_fips: dict[str, str] = {}
    items = list(identities)
    # ids, then aliases, share one namespace: both name a file on the command line; an alias gives way
    seen_ids: dict[str, str] = {}
    names = [(item, item.id, item.id_at, "id") for item in items]
    names += [(item, alias, at, "alias") for item in items for alias, at in item.aliases]
    for item, name, where, what in names:
        first = seen_ids.setdefault(name, item.path)
        if first != item.path or (what == "alias" and name == item.id):
            other = "this file's id" if first == item.path else f"an id or alias in {first}"
            key = "id" if what == "id" else "aliases"
            issues.append(error(where, "id.duplicate", f"{what} '{name}' is also {other}", key))
    issues += _same_names(items)
    for item in items:
        codes = [] if item.fips is None else [(item.fips, item.fips_at, "fips")]
        codes += [(code, at, "county_fips") for code, at in item.county_fips]
        for code, at, key in codes:
            first = seen_fips.setdefault(code, item.path)
            if first != item.path:
                issues.append(error(at, "fips.duplicate", f"GEOID {code} is also used by {first}", key))
        if item.state not in states:
            issues.append(
                error(
                    item.state_at,
                    "ref.missing-state",
                    f"no state file states/{item.state.lower()}.yaml for {item.state}; "
                    "add one (it may list no laws)",
                    "state",
                )
            )
    return issues
