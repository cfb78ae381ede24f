"""The terminal output copies and reads well: whole URLs, no trailing spaces, no cut names or symbols."""

from __future__ import annotations

import io
import json
import re

import pytest
import yaml

from scorecard.cli.output import ProgressBar
from tests.conftest import SAMPLE, Run

SYMBOLS = "✔◐✘?"


def sample_urls(city: str) -> list[str]:
    """Every source URL written in a sample city file."""
    text = (SAMPLE / "cities" / f"{city}.yaml").read_text(encoding="utf-8")
    return sorted(set(re.findall(r"https?://[^\s'\"]+", text)))


@pytest.mark.parametrize("columns", ["60", "100"])
def test_source_urls_are_whole_on_their_own_line(
    run: Run, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    out = run("assess", "denver", "--data-dir", SAMPLE).stdout
    starts = [line.strip().split(" ")[0] for line in out.splitlines()]
    cited = [url for url in sample_urls("denver") if url in out]
    assert len(cited) >= 3
    for url in cited:
        assert url in starts, f"{url} is not whole at the start of a line"


def test_urls_are_hyperlinks_on_a_terminal_and_plain_when_piped(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    piped = run("assess", "denver", "--data-dir", SAMPLE).stdout
    assert "\x1b" not in piped
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich then treats stdout as a terminal
    shown = run("assess", "denver", "--data-dir", SAMPLE).stdout
    url = next(u for u in sample_urls("denver") if u in piped)
    assert re.search(r"\x1b\]8;[^;]*;" + re.escape(url), shown)


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "denver"],
        ["assess", "austin", "--lang", "es"],
        ["rank"],
        ["compare", "denver", "chicago"],
        ["compare", "--all"],
        ["list"],
        ["history", "chicago"],
        ["sensitivity"],
        ["rubric"],
    ],
    ids="-".join,
)
def test_piped_output_has_no_trailing_spaces(run: Run, args: list[str]) -> None:
    out = run(*args, "--data-dir", SAMPLE).stdout
    assert out.strip()
    assert [line for line in out.splitlines() if line != line.rstrip()] == []


def test_a_law_is_named_once_without_repeated_parentheses(run: Run) -> None:
    denver = run("assess", "denver", "--data-dir", SAMPLE).stdout
    assert "(2025) (SB25-276)" not in denver
    law_lines = [line for line in denver.splitlines() if "Protect Civil Rights Immigration Status" in line]
    assert law_lines
    assert all(line.count("SB25-276") == 1 for line in law_lines)
    austin = run("assess", "austin", "--data-dir", SAMPLE).stdout
    assert not re.search(r"\(\d{4}\) \(", austin)
    assert "(2017) (2017)" not in austin
    assert "enforcement (2017)" not in austin


def parenthesis_depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        deepest = max(deepest, depth)
    return deepest


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_the_card_header_has_no_nested_parentheses(run: Run, fmt: str) -> None:
    out = run("assess", "denver", "--data-dir", SAMPLE, "-f", fmt).stdout
    header = out.split("Denver meets")[0] if fmt == "table" else out.split("\n- **")[0]
    assert "Denver Sheriff Department" in header
    assert parenthesis_depth(header.replace("│", " ")) == 1


def sample_names() -> list[str]:
    return [
        yaml.safe_load(path.read_text(encoding="utf-8"))["name"]
        for path in sorted((SAMPLE / "cities").glob("*.yaml"))
    ]


@pytest.mark.parametrize("columns", ["45", "60", "80", "120"])
def test_list_never_breaks_a_word_in_a_name(run: Run, monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    out = run("list", "--data-dir", SAMPLE).stdout
    tokens = set(re.findall(r"[^\s│┃]+", out))
    for name in sample_names():
        for word in name.split():
            assert word in tokens, f"{word!r} of {name!r} is broken at {columns} columns"
    assert "…" not in out


@pytest.mark.parametrize("columns", ["40", "50", "60"])
def test_rank_on_a_narrow_terminal_keeps_every_status_symbol(
    run: Run, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    rows = json.loads(run("rank", "--data-dir", SAMPLE, "-f", "json").stdout)["rows"]
    out = run("rank", "--data-dir", SAMPLE).stdout
    table = [line for line in out.splitlines() if line.startswith("│")]
    shown = sum(char in SYMBOLS for line in table for char in line)
    assert shown == 5 * len(rows)
    assert "…" not in out
    assert any(re.search(r"\b80–100\b", line) for line in table)  # a score range is never cut in two


def test_compare_all_turns_into_rows_when_the_jurisdictions_do_not_fit(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    out = run("compare", "--all", "--data-dir", SAMPLE).stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 100
    for name in sample_names():
        assert any(name in line for line in lines), name
    assert "Statuses, in order: 1. No ICE holds" in " ".join(lines)
    few = run("compare", "denver", "chicago", "--data-dir", SAMPLE).stdout
    assert "Denver, CO" in few
    assert "Chicago, IL" in few


def test_sensitivity_progress_bar_only_on_a_terminal(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("sensitivity", "--samples", "1200", "--seed", "3", "--data-dir", SAMPLE)
    assert result.exit_code == 0
    assert result.stderr == ""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    bar = ProgressBar("sensitivity")
    for done in (500, 1000, 1200):
        bar.step(done, 1200)
    bar.close()
    assert "sensitivity" in terminal.getvalue()

    piped = io.StringIO()
    monkeypatch.setattr("sys.stderr", piped)
    silent = ProgressBar("sensitivity")
    silent.step(500, 1200)
    silent.close()
    assert piped.getvalue() == ""
