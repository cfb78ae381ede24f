"""Screenshots of the generated site for the README: python scripts/screenshots.py [OUT]

Builds the site from the shipped data into a temporary folder, opens it in
Debian's chromium through playwright (the system browser, never a download)
and writes PNGs of the ranking, a report card, the comparison, the state-law
map and a state page at 390 and 1280 px into docs/screenshots/ (or OUT).
Each shot is the top of the page, at most MAX_HEIGHT px tall.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright
from shipped_site import REPO, write_shipped_site

PAGES = {
    "index": "index.html",
    "card": "jurisdictions/denver.html",
    "compare": "compare.html",
    "map": "map.html",
    "state": "states/ca.html",
}
WIDTHS = (390, 1280)
MAX_HEIGHT = 2000


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else REPO / "docs" / "screenshots"
    browser_path = shutil.which("chromium")
    if browser_path is None:
        print("screenshots: chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        write_shipped_site(site)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=browser_path)
            for width in WIDTHS:
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto((site / path).as_uri(), wait_until="load")
                    height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
                    target = out / f"{name}-{width}.png"
                    page.screenshot(
                        path=str(target),
                        clip={"x": 0, "y": 0, "width": width, "height": height},
                        full_page=True,
                    )
                    print(target.relative_to(REPO) if target.is_relative_to(REPO) else target)
                context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
