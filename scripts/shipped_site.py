"""The site of the shipped data, built and written into a folder: what scripts/screenshots.py and
scripts/print_pages.py look at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from scorecard.input.locations import DataPaths
from scorecard.site.build import build_site, write_site
from scorecard.vocab import Basis

REPO = Path(__file__).resolve().parents[1]


def write_shipped_site(target: Path, data: Path = REPO) -> dict[str, str]:
    """Build the site of `data` (the checkout's cities/ and states/ by default) into `target`; its files."""
    today = dt.date.today()  # the data's sources are checked against today, as `scorecard site` does
    files = dict(
        build_site(
            DataPaths.at(data),
            rubric=None,
            today=today,
            as_of=today,
            basis=Basis.policy,
            weights=None,
            lang="en",
        )
    )
    write_site(target, files.items(), force=False)
    return files
