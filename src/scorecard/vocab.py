"""The project's vocabulary: one definition of each shared concept.

Output formats, the scoring basis, kinds of jurisdiction, states (name, FIPS
prefix, tile on the map) and default ages. The CLI, the models, the
renderers and the site import them from here. Light on purpose: no pydantic.
"""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, NamedTuple

from scorecard.i18n import mark

DEFAULT_MAX_AGE_DAYS = 365  # a file reviewed longer ago than this is stale
# The largest weight of a demand (in a rubric or --weights): larger weights add nothing a ratio can't
# say, and a sum of many near the float limit would overflow to inf and make every score NaN.
MAX_WEIGHT = 1_000_000.0


class OutputFormat(StrEnum):
    """Output formats of the reporting commands."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    html = "html"


Precision = Literal["day", "month", "year"]  # how much of a date is known: 2017-08-31, 2017-08 or 2017
PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # such a date written as precisely as it is known


class Basis(StrEnum):
    """What a status is scored on: written policy, or observed practice where it is recorded."""

    policy = "policy"
    practice = "practice"


JurisdictionKind = Literal["city", "county", "consolidated-city-county"]
KINDS: tuple[str, ...] = typing.get_args(JurisdictionKind)
KIND_LABELS = {
    "city": mark("City"),
    "county": mark("County"),
    "consolidated-city-county": mark("Consolidated city-county"),
}


class Kind(StrEnum):
    """Kinds of jurisdiction, as the CLI takes them (the same values as `JurisdictionKind`)."""

    city = "city"
    county = "county"
    consolidated = "consolidated-city-county"


JailOperator = Literal["city", "county", "state", "none"]
JAIL_LABELS = {
    "city": mark("jail run by the city"),
    "county": mark("jail run by the county"),
    "state": mark("jail run by the state"),
    "none": mark("no local jail"),
}


class State(NamedTuple):
    """A state or territory: its name, its 2-digit FIPS code, and its tile (column, row) on the map."""

    name: str
    fips: str
    tile: tuple[int, int] | None


StateCode = Literal[
    "AK", "AL", "AR", "AS", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "GU", "HI", "IA",
    "ID", "IL", "IN", "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MP", "MS", "MT",
    "NC", "ND", "NE", "NH", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "PR", "RI", "SC",
    "SD", "TN", "TX", "UT", "VA", "VI", "VT", "WA", "WI", "WV", "WY",
]  # fmt: skip

STATES: dict[str, State] = {
    "AL": State(mark("Alabama"), "01", (6, 6)),
    "AK": State(mark("Alaska"), "02", (0, 0)),
    "AZ": State(mark("Arizona"), "04", (1, 5)),
    "AR": State(mark("Arkansas"), "05", (4, 5)),
    "CA": State(mark("California"), "06", (0, 4)),
    "CO": State(mark("Colorado"), "08", (2, 4)),
    "CT": State(mark("Connecticut"), "09", (9, 3)),
    "DE": State(mark("Delaware"), "10", (9, 4)),
    "DC": State(mark("District of Columbia"), "11", (8, 5)),
    "FL": State(mark("Florida"), "12", (8, 7)),
    "GA": State(mark("Georgia"), "13", (7, 6)),
    "HI": State(mark("Hawaii"), "15", (0, 7)),
    "ID": State(mark("Idaho"), "16", (1, 2)),
    "IL": State(mark("Illinois"), "17", (5, 2)),
    "IN": State(mark("Indiana"), "18", (5, 3)),
    "IA": State(mark("Iowa"), "19", (4, 3)),
    "KS": State(mark("Kansas"), "20", (3, 5)),
    "KY": State(mark("Kentucky"), "21", (5, 4)),
    "LA": State(mark("Louisiana"), "22", (4, 6)),
    "ME": State(mark("Maine"), "23", (10, 0)),
    "MD": State(mark("Maryland"), "24", (8, 4)),
    "MA": State(mark("Massachusetts"), "25", (10, 2)),
    "MI": State(mark("Michigan"), "26", (7, 2)),
    "MN": State(mark("Minnesota"), "27", (4, 2)),
    "MS": State(mark("Mississippi"), "28", (5, 6)),
    "MO": State(mark("Missouri"), "29", (4, 4)),
    "MT": State(mark("Montana"), "30", (2, 2)),
    "NE": State(mark("Nebraska"), "31", (3, 4)),
    "NV": State(mark("Nevada"), "32", (1, 3)),
    "NH": State(mark("New Hampshire"), "33", (10, 1)),
    "NJ": State(mark("New Jersey"), "34", (8, 3)),
    "NM": State(mark("New Mexico"), "35", (2, 5)),
    "NY": State(mark("New York"), "36", (8, 2)),
    "NC": State(mark("North Carolina"), "37", (6, 5)),
    "ND": State(mark("North Dakota"), "38", (3, 2)),
    "OH": State(mark("Ohio"), "39", (6, 3)),
    "OK": State(mark("Oklahoma"), "40", (3, 6)),
    "OR": State(mark("Oregon"), "41", (0, 3)),
    "PA": State(mark("Pennsylvania"), "42", (7, 3)),
    "RI": State(mark("Rhode Island"), "44", (9, 2)),
    "SC": State(mark("South Carolina"), "45", (7, 5)),
    "SD": State(mark("South Dakota"), "46", (3, 3)),
    "TN": State(mark("Tennessee"), "47", (5, 5)),
    "TX": State(mark("Texas"), "48", (3, 7)),
    "UT": State(mark("Utah"), "49", (1, 4)),
    "VT": State(mark("Vermont"), "50", (9, 1)),
    "VA": State(mark("Virginia"), "51", (7, 4)),
    "WA": State(mark("Washington"), "53", (0, 2)),
    "WV": State(mark("West Virginia"), "54", (6, 4)),
    "WI": State(mark("Wisconsin"), "55", (6, 2)),
    "WY": State(mark("Wyoming"), "56", (2, 3)),
    "AS": State(mark("American Samoa"), "60", None),
    "GU": State(mark("Guam"), "66", None),
    "MP": State(mark("Northern Mariana Islands"), "69", None),
    "PR": State(mark("Puerto Rico"), "72", (10, 7)),
    "VI": State(mark("U.S. Virgin Islands"), "78", None),
}
USPS_CODES: tuple[str, ...] = typing.get_args(StateCode)

# The Literals above are what pydantic validates (strict mode takes no enum for a YAML string);
# these checks keep each pair of spellings one definition.
assert {kind.value for kind in Kind} == set(KINDS) == set(KIND_LABELS)
assert set(USPS_CODES) == set(STATES)


@dataclass(frozen=True)
class Scoring:
    """How to score: the as-of date, the basis, weight overrides (as typed) and the language."""

    as_of: dt.date
    basis: Basis = Basis.policy
    weights: str | None = None
    lang: str = "en"
