"""Helpers of the browser tests (test_browser.py, test_layout.py); their fixtures are in conftest.py.

playwright is pointed at the system browser (`executable_path`); it never
downloads one (CI sets PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 and never runs
`playwright install`). Without `chromium` the browser tests fail on CI
(CI=true) and are skipped elsewhere.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

WIDTHS = (320, 390, 1280)
LANGS = ("", "es/")
# One page of each type; the state page and card are those with the most to show in the fixture.
PAGE_TYPES = {
    "ranking": "index.html",
    "sorted-ranking": "ranking/score-desc.html",
    "compare": "compare.html",
    "map": "map.html",
    "methodology": "methodology.html",
    "card": "jurisdictions/prairie-city.html",
    "card-ceiling": "jurisdictions/lone-star-city.html",
    "state": "states/il.html",
    "state-without-laws": "states/co.html",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def chromium() -> str:
    """The system browser; on CI its absence is a failure, elsewhere a skip."""
    found = shutil.which("chromium")
    if found:
        return found
    message = (
        "chromium is not installed (CI installs Debian's `chromium` package: apt-get install -y chromium)"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class Visit:
    """A page opened in a fresh context, with what went wrong while it loaded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        self.failed: list[str] = []
        self.requested: list[str] = []
        page.on("console", lambda m: self.console.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: self.console.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        page.on("request", lambda r: self.requested.append(r.url))

    def clean(self) -> None:
        assert self.console == [], self.page.url
        assert self.failed == [], self.page.url
        assert [u for u in self.requested if not u.startswith(("file://", "data:"))] == [], self.page.url


def url(site: Path, path: str) -> str:
    return (site / path).as_uri()
