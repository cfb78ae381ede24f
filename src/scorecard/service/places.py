"""Finding a place from what a person types: an id, an alias, a name, `Name, ST`, or a FIPS code.

The order, first match wins:

1. an id with a file (`denver`): no other file is read;
2. an alias of a file (`nyc`), with a note naming the file;
3. a FIPS code (`0820000`, `16001`): the file with that code, else the county's baseline;
4. a baseline id (`ada-county-id`): the researched file with that county's code, else the baseline;
5. a name, any case, optionally `, ST` (`"cook county, il"`): the files and counties of that name.

Several matches list the choices; none suggests the closest ids and names. The
text is checked before anything is read: Latin letters, digits, spaces and
`,.'()&-` only, so no path, shell syntax or look-alike character gets through,
and a file is opened by name only for an id that is a slug.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scorecard.checking.pipeline import Loading, load_data
from scorecard.errors import ExitCode, ScorecardError
from scorecard.input.counties import (
    County,
    all_counties,
    county_by_fips,
    county_by_id,
    slugify,
    states_with_county,
)
from scorecard.input.locations import SLUG_PATTERN, DataPaths, check_query
from scorecard.vocab import STATES

if TYPE_CHECKING:
    from scorecard.checking.across import Identity
    from scorecard.checking.checks import CheckContext

_SLUG = re.compile(SLUG_PATTERN)
_NAME_STATE = re.compile(r"(?P<name>.+?),\s*(?P<state>[A-Za-z]{2})")


@dataclass(frozen=True)
class Place:
    """What a query names: a researched file's id, or a county with no researched file (a baseline)."""

    id: str
    county: County | None = None
    note: str | None = None  # for stderr: how the query was read, when not as a plain id


def find_place(paths: DataPaths, ctx: CheckContext, query: str, loading: Loading = Loading()) -> Place:
    """The place a query names (see the module's docstring for the order)."""
    text = check_query(query)
    if _SLUG.fullmatch(text) and paths.jurisdiction_file(text) is not None:
        return Place(text)  # loading it reports a directory or a broken link as such
    identities = load_data(paths, ctx, want="briefs", loading=loading).identities
    return _match(text, identities) or _refuse(text, identities, paths.folders())


def _baseline(county: County, identities: tuple[Identity, ...], note: str | None = None) -> Place:
    """The county's researched file if one has its code (it replaces the baseline), else the baseline."""
    for identity in identities:
        if county.fips in identity.codes:
            return Place(identity.id, note=f"{county.label} is researched in the file '{identity.id}'")
    return Place(county.id, county, note)


def _match(text: str, identities: tuple[Identity, ...]) -> Place | None:
    by_alias = {alias: identity for identity in identities for alias, _ in identity.aliases}
    if text in by_alias:
        target = by_alias[text]
        note = f"'{text}' is an alias of '{target.id}' ({target.name}, {target.state})"
        others = sorted(states_with_county(target.name) - {target.state}) if target.kind == "county" else []
        if others:
            ids = ", ".join(f"{slugify(target.name)}-{state.lower()}" for state in others)
            note += f"; other counties of that name: {ids}"
        return Place(target.id, note=note)
    if text.isdigit() and len(text) in (5, 7):
        for identity in identities:
            if identity.fips == text:
                return Place(identity.id)
        county = county_by_fips(text) if len(text) == 5 else None
        return None if county is None else _baseline(county, identities)
    county = county_by_id(text)
    if county is not None:
        return _baseline(county, identities)
    return _by_name(text, identities)


def _by_name(text: str, identities: tuple[Identity, ...]) -> Place | None:
    parsed = _NAME_STATE.fullmatch(text)
    name, state = (parsed["name"], parsed["state"].upper()) if parsed else (text, None)
    if state is not None and state not in STATES:
        return None
    wanted = slugify(name)
    files = [i for i in identities if slugify(i.name) == wanted and state in (None, i.state)]
    by_code = {code: identity for identity in identities for code in identity.codes}
    named = [c for c in all_counties() if slugify(c.name) == wanted and state in (None, c.state)]
    # a county a researched file stands for (Kings County, NY: new-york-city) is that file
    labels = {i.id: f"{i.name}, {i.state}" for i in files}
    for c in named:
        if c.fips in by_code and by_code[c.fips] not in files:
            files.append(by_code[c.fips])
            labels[by_code[c.fips].id] = f"{c.label} (in {by_code[c.fips].name})"
    counties = [c for c in named if c.fips not in by_code]
    choices = [(i.id, labels[i.id]) for i in files] + [(c.id, f"{c.label} (baseline)") for c in counties]
    if len(choices) == 1:
        if counties:
            return _baseline(counties[0], identities)
        county = next((c for c in named if c.fips in files[0].codes), None)
        return _baseline(county, identities) if county else Place(files[0].id)
    if choices:
        listed = "; ".join(f"{label}: {place_id}" for place_id, label in choices[:12])
        more = f"; and {len(choices) - 12} more" if len(choices) > 12 else ""
        raise ScorecardError(
            f"'{text}' names {len(choices)} places; say which by id or as \"Name, ST\": {listed}{more}",
            exit_code=ExitCode.DATA,
        )
    return None


def _refuse(text: str, identities: tuple[Identity, ...], folders: str) -> Place:
    """The error for a query that names nothing, with the closest ids and names."""
    wanted = slugify(text)
    names = {i.id: i.id for i in identities}
    names |= {alias: i.id for i in identities for alias, _ in i.aliases}
    names |= {slugify(i.name): i.id for i in identities}
    close = [names[n] for n in difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.6)]
    close += [i.id for i in identities if wanted and i.id.startswith(wanted)]
    picks = list(dict.fromkeys(close))[:3]
    hint = f"; did you mean {', '.join(picks)}?" if picks else "; `scorecard list` shows them all"
    raise ScorecardError(f"no jurisdiction '{text}' in {folders}{hint}", exit_code=ExitCode.DATA)
