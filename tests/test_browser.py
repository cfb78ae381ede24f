"""The generated pages in a real browser: headless Chromium, driven over the DevTools protocol.

Each page must load from the file system with no console error, no uncaught
exception, no failed request and no request at all outside the page's own
file (or `data:`). A screenshot of a report card is kept in tests/artifacts/.

Chromium is talked to over `--remote-debugging-pipe` (NUL-separated JSON on
file descriptors 3 and 4), so no port is opened and no extra package is
needed. CI installs Debian's `chromium`; without it this test fails on CI
(CI=true) and is skipped elsewhere.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import fcntl
import json
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from scorecard.input.locations import DataPaths
from scorecard.site.build import build_site, write_site
from scorecard.vocab import Basis

from .conftest import SAMPLE, TESTS, TODAY, Run

ARTIFACTS = TESTS / "artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-quic",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-dev-shm-usage",
    "--mute-audio",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
]
TIMEOUT = 30.0


def chromium_path() -> str:
    """The browser to drive; on CI its absence is a failure, elsewhere a skip."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    message = (
        "chromium is not installed (CI installs Debian's `chromium` package: apt-get install -y chromium)"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class PageLoad:
    """What happened while a page loaded."""

    url: str
    console: list[str] = field(default_factory=list)  # console errors and warnings, exceptions
    failed: list[str] = field(default_factory=list)  # failed requests, with the reason
    requested: list[str] = field(default_factory=list)  # every URL the page asked for


class Chromium:
    """A headless Chromium and one tab, driven with the DevTools protocol over a pipe."""

    def __init__(self, executable: str, profile: Path, log: Path) -> None:
        to_browser_read, to_browser_write = os.pipe()
        from_browser_read, from_browser_write = os.pipe()
        # Move the child's ends above 4 so that placing them on 3 and 4 can't clobber one another.
        child_read = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD_CLOEXEC, 10)
        child_write = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD_CLOEXEC, 10)
        for fd in (to_browser_read, from_browser_write):
            os.close(fd)

        def place_pipes() -> None:
            os.dup2(child_read, 3)
            os.dup2(child_write, 4)

        self._log = log.open("wb")
        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
            pass_fds=(3, 4),
            preexec_fn=place_pipes,  # noqa: PLW1509 (the test process starts no threads before this)
        )
        os.close(child_read)
        os.close(child_write)
        self._writer = os.fdopen(to_browser_write, "wb")
        self._reader = os.fdopen(from_browser_read, "rb")
        self._messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._events: list[dict[str, Any]] = []
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)

    def _read(self) -> None:
        buffer = b""
        while chunk := self._reader.read1(65536):
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for message in messages:
                self._messages.put(json.loads(message))
        self._messages.put(None)

    def _receive(self, deadline: float) -> dict[str, Any]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("chromium did not answer in time")
        try:
            message = self._messages.get(timeout=remaining)
        except queue.Empty:
            raise TimeoutError("chromium did not answer in time") from None
        if message is None:
            raise RuntimeError("chromium closed the DevTools pipe")
        return message

    def call(self, method: str, params: dict[str, Any] | None = None, *, session: bool = False) -> Any:
        """Send a command and wait for its result (events that arrive meanwhile are kept)."""
        self._next_id += 1
        command: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            command["sessionId"] = self.session
        self._writer.write(json.dumps(command).encode() + b"\0")
        self._writer.flush()
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._receive(deadline)
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._events.append(message)

    def _settle(self, quiet: float = 0.3) -> None:
        """Collect events until none has arrived for `quiet` seconds."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                message = self._messages.get(timeout=quiet)
            except queue.Empty:
                return
            if message is None or time.monotonic() > deadline:
                return
            self._events.append(message)

    def load(self, url: str) -> PageLoad:
        """Open a page, wait for it to load and settle, and report what went wrong."""
        self._events.clear()
        self.call("Page.navigate", {"url": url}, session=True)
        deadline = time.monotonic() + TIMEOUT
        while not any(e.get("method") == "Page.loadEventFired" for e in self._events):
            self._events.append(self._receive(deadline))
        self._settle()
        result = PageLoad(url)
        for event in self._events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning", "assert"):
                result.console.append(
                    " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
                )
            elif method == "Runtime.exceptionThrown":
                result.console.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                entry = params["entry"]
                result.console.append(f"{entry['source']}: {entry['text']} ({entry.get('url', '')})")
            elif method == "Network.requestWillBeSent":
                result.requested.append(params["request"]["url"])
            elif method == "Network.loadingFailed":
                result.failed.append(f"{params.get('type', '')} {params['errorText']}")
            elif method == "Network.responseReceived" and params["response"].get("status", 200) >= 400:
                result.failed.append(f"{params['response']['url']}: HTTP {params['response']['status']}")
        return result

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        answer = self.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True
        )
        if "exceptionDetails" in answer:
            raise RuntimeError(answer["exceptionDetails"])
        return answer["result"].get("value")

    def screenshot(self, path: Path, width: int = 1100) -> bytes:
        """A full-page PNG screenshot, saved to `path`."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
            session=True,
        )
        size = self.call("Page.getLayoutMetrics", session=True)["cssContentSize"]
        shot = self.call(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": size["height"], "scale": 1},
            },
            session=True,
        )
        data = base64.b64decode(shot["data"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return data

    def pdf(self) -> bytes:
        """The page printed to PDF (US Letter, the print stylesheet applied)."""
        printed = self.call(
            "Page.printToPDF",
            {"paperWidth": 8.5, "paperHeight": 11, "printBackground": True, "preferCSSPageSize": True},
            session=True,
        )
        return base64.b64decode(printed["data"])

    def close(self) -> None:
        """Close the browser and wait for it."""
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._writer.close()
        self._reader.close()
        self._log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    executable = chromium_path()
    work = tmp_path_factory.mktemp("chromium")
    profile = Path(tempfile.mkdtemp(dir=work, prefix="profile-"))  # a new, empty profile
    chrome = Chromium(executable, profile, work / "chromium.log")
    try:
        yield chrome
    finally:
        chrome.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    files = build_site(
        DataPaths.at(SAMPLE),
        rubric=None,
        today=TODAY,
        as_of=TODAY,
        basis=Basis.policy,
        weights=None,
        lang="en",
    )
    write_site(out, files, force=False)
    return out


def assert_clean(page: PageLoad) -> None:
    assert page.console == [], page.url
    assert page.failed == [], page.url
    outside = [u for u in page.requested if not u.startswith(("file://", "data:"))]
    assert outside == [], page.url


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_report_card_opens_offline_with_no_errors_and_is_screenshotted(
    browser: Chromium, run: Run, tmp_path: Path, data_today: dt.date
) -> None:
    target = tmp_path / "denver.html"
    result = run(
        "assess", "denver", "-f", "html", "-o", target, "--data-dir", SAMPLE, "--as-of", "2026-11-27"
    )
    assert result.exit_code == 0, result.stderr
    page = browser.load(target.as_uri())
    assert_clean(page)
    assert page.requested == [target.as_uri()]
    assert browser.evaluate("document.documentElement.lang") == "en"
    assert browser.evaluate("document.querySelector('.grade-letter').textContent") == "B"
    visible = browser.evaluate("document.body.innerText")
    for text in ("Denver, CO: report card", "Next steps", "Data freshness", "✔ Met", "✘ Not met"):
        assert text in visible
    links = browser.evaluate("[...document.querySelectorAll('a[href^=\"http\"]')].map(a => a.href)")
    assert len(links) >= 10
    shot = browser.screenshot(ARTIFACTS / "report-card-denver.png")
    assert shot.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(shot[16:20], "big"), int.from_bytes(shot[20:24], "big")
    assert width == 1100
    assert height > 1500  # the whole card, not just the first screen


@pytest.mark.parametrize(
    "card", ["denver", "nashville", "los-angeles", "suffolk-county-ma", "es/denver", "es/nashville"]
)
def test_report_card_prints_on_one_or_two_pages(browser: Chromium, site: Path, card: str) -> None:
    lang, _, name = card.rpartition("/")
    assert_clean(browser.load((site / lang / "jurisdictions" / f"{name}.html").as_uri()))
    pdf = browser.pdf()
    assert pdf.startswith(b"%PDF-")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"report-card-{card.replace('/', '-')}.pdf").write_bytes(pdf)
    assert 1 <= pdf_pages(pdf) <= 2


def test_every_page_of_the_site_renders_cleanly(browser: Chromium, site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50  # the sample: 12 jurisdictions, 7 states, two languages
    for path in pages:
        page = browser.load(path.as_uri())
        assert_clean(page)
        assert page.requested == [path.as_uri()]
        lang = "es" if path.relative_to(site).parts[0] == "es" else "en"
        assert browser.evaluate("document.documentElement.lang") == lang
        assert browser.evaluate("document.title")
    browser.load((site / "es" / "jurisdictions" / "denver.html").as_uri())
    browser.screenshot(ARTIFACTS / "report-card-denver-es.png")
    browser.load((site / "map.html").as_uri())
    browser.screenshot(ARTIFACTS / "map.png")


def test_ranking_sorts_in_place_with_javascript(browser: Chromium, site: Path) -> None:
    index = (site / "index.html").as_uri()
    assert_clean(browser.load(index))
    names = "[...document.querySelectorAll('tbody th')].map(th => th.textContent.trim())"
    by_rank = browser.evaluate(names)
    browser.evaluate(
        "[...document.querySelectorAll('thead th')].find(th => th.dataset.label === 'Jurisdiction')"
        ".querySelector('a').click()"
    )
    by_name = browser.evaluate(names)
    assert by_name == sorted(by_rank, key=str.casefold)
    assert by_name != by_rank
    assert browser.evaluate("location.href") == index  # sorted in place: no navigation
    sorted_header = "document.querySelector('thead th[aria-sort]').dataset.label"
    assert browser.evaluate(sorted_header) == "Jurisdiction"
    browser.evaluate("document.querySelector('thead th[aria-sort] a').click()")
    assert browser.evaluate(names) == list(reversed(by_name))


def test_ranking_without_javascript_links_to_a_sorted_page(browser: Chromium, site: Path) -> None:
    browser.call("Emulation.setScriptExecutionDisabled", {"value": True}, session=True)
    try:
        assert_clean(browser.load((site / "index.html").as_uri()))
        href = browser.evaluate(
            "[...document.querySelectorAll('thead th')].find(th => th.dataset.label === 'Score')"
            ".querySelector('a').href"
        )
        assert href.endswith("/ranking/score-desc.html")
        assert_clean(browser.load(href))
        score = "[...document.querySelectorAll('tbody tr')].map(r => +r.cells[3].dataset.v)"
        assert browser.evaluate(score) == sorted(browser.evaluate(score), reverse=True)
        reverse = browser.evaluate("document.querySelector('thead th[aria-sort] a').href")
        assert reverse.endswith("/ranking/score-asc.html")  # the sorted column's link reverses it
        assert_clean(browser.load(reverse))
        assert browser.evaluate(score) == sorted(browser.evaluate(score))
    finally:
        browser.call("Emulation.setScriptExecutionDisabled", {"value": False}, session=True)
