"""Shared fixtures: the fixture data folder, a CLI runner, golden files."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis.configuration import set_hypothesis_home_dir
from typer.testing import CliRunner, Result

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from .browsing import Visit

from scorecard.cli import options as cli_options
from scorecard.cli.app import app as cli_app
from scorecard.cli.app import hoist_global_flags, only_the_command_named
from scorecard.input.locations import DataPaths
from scorecard.site.build import build_site
from scorecard.site.write import write_site
from scorecard.vocab import Basis

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
VALID = TESTS / "data" / "valid"
SAMPLE = TESTS / "data" / "sample"  # a frozen snapshot of real files (see its README)
LONGEST = TESTS / "data" / "longest"  # the shipped card with the most to print (see its README)
GOLDEN = TESTS / "golden"
TODAY = dt.date(2026, 12, 2)
# The shipped cities/ and states/ grow every day, with sources read today: tests that load
# them check dates against the real clock, so a source accessed today is never "in the future".
DATA_TODAY = max(TODAY, dt.date.today())

Run = Callable[..., Result]

# Hypothesis keeps what it stores (failing examples for the next run) outside the checkout, as
# every other test artifact (the session check below fails a run that leaves files in the checkout).
set_hypothesis_home_dir(str(Path(tempfile.gettempdir()) / "scorecard-hypothesis"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden from the current output"
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def golden(update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME byte for byte (or rewrite it with --update-golden).

    The test runs in the checkout's root, so the data folders a report names are the same paths
    wherever pytest was started.
    """
    monkeypatch.chdir(REPO)

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update_golden:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
        assert text == path.read_text(encoding="utf-8")

    return check


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "cache: the test is about a cache, so caches stay on for it")


@pytest.fixture(autouse=True)
def fixed_today(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> dt.date:
    """The CLI's clock, pinned so that staleness and future-date checks don't drift.

    Caches are off (SCORECARD_NO_CACHE) unless the test is marked `cache`; then
    they live in a private folder.
    """
    monkeypatch.setattr(cli_options, "today", lambda: TODAY)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    # fixture folders alone: tests about layering over the shipped data unset this
    monkeypatch.setenv("SCORECARD_NO_SHIPPED", "1")
    if request.node.get_closest_marker("cache") is None:
        monkeypatch.setenv("SCORECARD_NO_CACHE", "1")
    else:
        monkeypatch.delenv("SCORECARD_NO_CACHE", raising=False)
    monkeypatch.delenv("SCORECARD_JOBS", raising=False)
    monkeypatch.delenv("SCORECARD_DATA_DIR", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    return TODAY


@pytest.fixture
def data_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """For CLI runs on the shipped data: the clock is DATA_TODAY, so a source read today is not "in the future"."""
    monkeypatch.setattr(cli_options, "today", lambda: DATA_TODAY)
    return DATA_TODAY


@pytest.fixture
def run() -> Run:
    """Invoke the CLI in-process; stdout and stderr stay apart."""
    runner = CliRunner()

    def invoke(*args: str | Path, input: str | None = None) -> Result:
        argv = hoist_global_flags([str(a) for a in args])  # as the `scorecard` entry point does
        with only_the_command_named(argv):
            return runner.invoke(cli_app, argv, input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture data, with the shipped rubric."""
    target = tmp_path / "data"
    shutil.copytree(VALID, target)
    shutil.copytree(REPO / "policies", target / "policies")
    return target


def rubric_and_law_editions(root: Path) -> tuple[Path, Path]:
    """Two editions of the fixture data (with the shipped rubric) under `root`: the new one changes a
    demand's weight in the rubric and a Texas law's effective date."""
    old, new = root / "old", root / "new"
    for side in (old, new):
        shutil.copytree(VALID, side)
        shutil.copytree(REPO / "policies", side / "policies")
    plant(new / "policies" / "sanctuary.yaml", "    weight: 1\n", "    weight: 2\n")
    plant(new / "states" / "tx.yaml", "effective: 2017-09-01", "effective: 2017-09-25")
    return old, new


def plant(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of text in a file (to plant an error)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def lines_of(text: str) -> Sequence[str]:
    return [line for line in text.splitlines() if line.strip()]


def fixture_site(root: Path = VALID, on: dt.date = TODAY) -> dict[str, str]:
    """Every page of the site built from fixture data (tests/data/valid by default), as of `on`."""
    return dict(
        sorted(
            build_site(
                DataPaths.at(root),
                rubric=None,
                today=on,
                as_of=on,
                basis=Basis.policy,
                weights=None,
                lang="en",
            )
        )
    )


@pytest.fixture(scope="session")
def files() -> dict[str, str]:
    """The fixture site's pages by path (built once)."""
    return fixture_site()


@pytest.fixture(scope="session")
def site(files: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site written to a temporary folder, for the browser."""
    out = tmp_path_factory.mktemp("site") / "out"
    write_site(out, files.items(), force=False)
    return out


@pytest.fixture(scope="session")
def longest_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of tests/data/longest (the shipped card with the most to print), for the print check."""
    out = tmp_path_factory.mktemp("longest") / "out"
    write_site(out, fixture_site(LONGEST, DATA_TODAY).items(), force=False)
    return out


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's chromium driven by playwright (never a downloaded browser); see tests/browsing.py."""
    from playwright.sync_api import sync_playwright

    from .browsing import chromium

    executable = chromium()
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=executable, args=["--disable-gpu"])
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., Visit]]:
    """Open a URL in a fresh context (a viewport `width` px wide, JavaScript on or off)."""
    from .browsing import Visit

    contexts: list[Any] = []

    def opener(url: str, *, width: int = 1280, script: bool = True) -> Visit:
        context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=script)
        contexts.append(context)
        visit = Visit(context.new_page())
        visit.page.goto(url, wait_until="load")
        return visit

    yield opener
    for context in contexts:
        context.close()


def _checkout_state() -> str | None:
    """What git sees as changed or new in the checkout (None outside a git checkout)."""
    import subprocess

    try:
        done = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=all"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout


_BEFORE: dict[str, str | None] = {}


def pytest_sessionstart(session: pytest.Session) -> None:
    _BEFORE["state"] = _checkout_state()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Tests leave nothing behind in the checkout: a file a test wrote there fails the run."""
    before, after = _BEFORE.get("state"), _checkout_state()
    if before is None or after is None or before == after:
        return
    new = sorted(set(after.splitlines()) - set(before.splitlines()))
    if new:
        session.config.get_terminal_writer().line(
            "tests left these changes in the checkout:\n  " + "\n  ".join(new), red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
