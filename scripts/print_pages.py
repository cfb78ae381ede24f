"""How many pages each shipped card prints on: python scripts/print_pages.py [--limit N] [--data-dir DIR]

Builds the site from the shipped data (or DIR) into a temporary folder, prints
every card in every language to PDF with Debian's chromium through playwright
(the system browser, never a download; US Letter, as the browser test does),
counts the pages with pypdf, and prints each card over the limit, the
distribution of page counts, the maximum, and the tallest cards as laid out
for print (the candidates for tests/data/longest). Exits 1 when a card prints
on more than --limit pages (2 by default, issue #17's bar).
"""

from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from playwright.sync_api import sync_playwright
from pypdf import PdfReader
from shipped_site import REPO, write_shipped_site

PRINT_WIDTH = 763  # CSS px inside a US Letter page's margins (8.5 in less 2 x 7 mm, the stylesheet's)
PAGE_HEIGHT = 1018  # CSS px inside its height (11 in less 2 x 5 mm)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=2, help="most pages a card may print on")
    parser.add_argument("--data-dir", type=Path, default=REPO, help="data folder (cities/, states/)")
    args = parser.parse_args(argv[1:])
    browser_path = shutil.which("chromium")
    if browser_path is None:
        print("print_pages: chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    counts: dict[str, int] = {}
    heights: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        started = time.perf_counter()
        files = write_shipped_site(site, args.data_dir)
        print(f"site built in {time.perf_counter() - started:.1f} s ({len(files)} files)")
        cards = sorted(p for p in files if p.endswith(".html") and "jurisdictions/" in p)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=browser_path, args=["--disable-gpu"])
            page = browser.new_context(viewport={"width": PRINT_WIDTH, "height": PAGE_HEIGHT}).new_page()
            page.emulate_media(media="print")
            for card in cards:
                page.goto((site / card).as_uri(), wait_until="load")
                heights[card] = page.evaluate("document.documentElement.scrollHeight")
                counts[card] = len(PdfReader(io.BytesIO(page.pdf(format="Letter"))).pages)
            browser.close()
    over = {card: n for card, n in counts.items() if n > args.limit}
    for card, n in sorted(over.items(), key=lambda item: (-item[1], item[0])):
        print(f"{n} pages: {card}")
    for card, height in sorted(heights.items(), key=lambda item: -item[1])[:3]:
        share = height / (2 * PAGE_HEIGHT)
        print(f"tallest: {card}, {height} px laid out for print ({share:.0%} of two pages)")
    spread = Counter(counts.values())
    print("pages per card: " + ", ".join(f"{n}: {spread[n]} cards" for n in sorted(spread)))
    print(f"{len(counts)} cards; at most {max(counts.values())} pages; {len(over)} over {args.limit}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
