"""Every US county and county-equivalent (name, state, FIPS code), for baseline cards.

Read from the package's `data/counties.csv` (see `data/README.md` for the
source) the first time it is needed, so commands that don't use it pay nothing.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class County:
    """A county or county-equivalent, as the Census Bureau lists it."""

    fips: str  # 5 digits
    state: str  # USPS code
    name: str

    @property
    def id(self) -> str:
        """The baseline id: the name as a slug, then the state code (`ada-county-id`)."""
        return f"{slugify(self.name)}-{self.state.lower()}"

    @property
    def label(self) -> str:
        """`Ada County, ID`."""
        return f"{self.name}, {self.state}"


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by hyphens: `Doña Ana County` -> `dona-ana-county`."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower().replace("'", "").replace(".", "")).strip("-")


@cache
def all_counties() -> tuple[County, ...]:
    """The shipped county list, in FIPS order."""
    text = resources.files("scorecard").joinpath("data", "counties.csv").read_text(encoding="utf-8")
    return tuple(County(row["fips"], row["state"], row["name"]) for row in csv.DictReader(io.StringIO(text)))


@cache
def _by_fips() -> dict[str, County]:
    return {county.fips: county for county in all_counties()}


@cache
def _by_id() -> dict[str, County]:
    return {county.id: county for county in all_counties()}


@cache
def _states_by_name() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for county in all_counties():
        found.setdefault(slugify(county.name), set()).add(county.state)
    return {name: frozenset(states) for name, states in found.items()}


def states_with_county(name: str) -> frozenset[str]:
    """The states that have a county of this name (`Cook County`: GA, IL, MN)."""
    return _states_by_name().get(slugify(name), frozenset())


def county_by_fips(fips: str) -> County | None:
    """The county with this 5-digit code, if any."""
    return _by_fips().get(fips)


def county_by_id(baseline_id: str) -> County | None:
    """The county whose baseline id this is (`ada-county-id`), if any."""
    return _by_id().get(baseline_id)
