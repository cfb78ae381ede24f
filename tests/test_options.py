"""Options behave the same everywhere: filters, the format from -o's suffix, notes for options that do nothing."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scorecard.cli import output
from scorecard.cli.examples import EXAMPLES

from .conftest import SAMPLE, VALID, Run


def plain(text: str) -> str:
    """Usage errors come in a box: its borders and line breaks removed, words single-spaced."""
    return " ".join(re.sub("[│╭╮╰╯─]", " ", text).split())


@pytest.mark.parametrize("command", ["rank", "compare", "sensitivity", "list"])
@pytest.mark.parametrize("bad", ["ZZ", "California"])
def test_an_unknown_state_code_is_a_usage_error_listing_the_codes(run: Run, command: str, bad: str) -> None:
    result = run(command, "--state", bad, "--data-dir", VALID)
    assert result.exit_code == 2
    assert f"'{bad}' is not a state's USPS code" in plain(result.stderr)
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["rank", "compare", "sensitivity", "list"])
def test_a_valid_filter_with_no_match_says_so_and_exits_1(run: Run, command: str) -> None:
    result = run(command, "--state", "WY", "--data-dir", VALID)
    assert result.exit_code == 1
    assert re.search(r"no jurisdiction in \S*valid matches --state WY", result.stderr), result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["rank", "compare", "sensitivity", "list"])
def test_every_listing_command_takes_the_same_filters(run: Run, command: str) -> None:
    result = run(command, "--state", "co", "--kind", "county", "--data-dir", VALID, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "mountain-town" in result.stdout
    assert "prairie-city" not in result.stdout


@pytest.mark.parametrize(
    ("suffix", "starts"),
    [(".html", "<!DOCTYPE html>"), (".json", "{"), (".csv", "jurisdiction_id,"), (".md", "# ")],
)
def test_the_format_follows_the_output_suffix(run: Run, tmp_path: Path, suffix: str, starts: str) -> None:
    target = tmp_path / f"card{suffix}"
    result = run("assess", "prairie-city", "--data-dir", VALID, "-o", target)
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith(starts)


def test_a_suffix_that_contradicts_the_format_is_refused_before_reading(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "card.json"
    result = run("assess", "prairie-city", "--data-dir", VALID, "-f", "csv", "-o", target)
    assert result.exit_code == 2
    assert "card.json is a json file, but -f asks for csv" in plain(result.stderr)
    assert not target.exists()


def test_a_suffix_the_command_cannot_write_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    result = run("list", "--data-dir", VALID, "-o", tmp_path / "list.html")
    assert result.exit_code == 2
    assert "this command's output is table, json, csv, markdown; got 'html'" in plain(result.stderr)


def test_an_unknown_suffix_keeps_the_table(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "card.txt"
    assert run("assess", "prairie-city", "--data-dir", VALID, "-o", target).exit_code == 0
    assert "Prairie City" in target.read_text(encoding="utf-8")


def test_seed_without_samples_gets_a_note(run: Run) -> None:
    result = run("sensitivity", "--seed", "3", "--data-dir", VALID, "-f", "json")
    assert result.exit_code == 0
    assert "--seed has no effect without --samples" in result.stderr
    assert json.loads(result.stdout)  # the report itself is unchanged on stdout


def test_an_as_of_date_in_the_future_gets_a_note(run: Run) -> None:
    result = run("assess", "prairie-city", "--data-dir", VALID, "--as-of", "2099-01-01", "-f", "json")
    assert result.exit_code == 0
    assert "--as-of 2099-01-01 is in the future" in result.stderr


COMMANDS = [
    "assess",
    "rank",
    "compare",
    "sensitivity",
    "history",
    "list",
    "rubric",
    "validate",
    "schema",
    "new",
]


@pytest.mark.parametrize("command", [*COMMANDS, "site", "diff", "export"])
def test_every_help_ends_with_examples_and_has_no_stray_marks(run: Run, command: str) -> None:
    text = run(command, "--help").stdout
    assert 2 <= len(EXAMPLES[command]) <= 3
    tail = text[text.index("Examples:") :]
    for example in EXAMPLES[command]:
        assert example in tail
    assert not re.search(r"\w \.", plain(text)), "a help text lost its [bracketed] words to rich markup"


@pytest.mark.parametrize(
    "example",
    [example for command in COMMANDS for example in EXAMPLES[command]],
)
def test_every_help_example_runs(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example: str
) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    monkeypatch.chdir(data)
    result = run(*shlex.split(example)[1:])
    assert result.exit_code in (0, 1), result.stderr  # validate --strict may find the sample's warnings
    assert "Traceback" not in result.stderr


def test_new_checks_the_state_and_the_fips_before_naming_any_path(run: Run, tmp_path: Path) -> None:
    bad_state = run("new", "somewhere", "--state", "XX", "--data-dir", tmp_path)
    assert bad_state.exit_code == 2
    assert "'XX' is not a state's USPS code" in plain(bad_state.stderr)
    bad_fips = run("new", "somewhere", "--state", "CO", "--fips", "123", "--data-dir", tmp_path)
    assert bad_fips.exit_code == 2
    assert "5 for a county (08031) or 7 for a place (0820000); got '123'" in plain(bad_fips.stderr)
    assert "somewhere.yaml" not in bad_state.stderr + bad_fips.stderr
    assert not (tmp_path / "cities").exists()


def test_validate_takes_folders(run: Run) -> None:
    result = run("validate", VALID / "cities", VALID / "states", "--data-dir", VALID)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "All 6 files valid.\n"


PRACTICE_NOTE = "--basis practice: no file in the selected data records observed practice"
BASIS_COMMANDS = {
    "assess": ("assess", "denver", "-f", "json"),
    "history": ("history", "chicago", "-f", "json"),
    "rank": ("rank", "-f", "json"),
    "compare": ("compare", "--all", "-f", "json"),
    "sensitivity": ("sensitivity", "-f", "json"),
    "export": ("export", "OUT"),
    "site": ("site", "OUT"),
}


@pytest.mark.parametrize("command", sorted(BASIS_COMMANDS))
def test_basis_practice_where_no_file_records_practice_gets_a_note(
    run: Run, tmp_path: Path, command: str
) -> None:
    args = [tmp_path / "out" if arg == "OUT" else arg for arg in BASIS_COMMANDS[command]]
    result = run(*args, "--basis", "practice", "--data-dir", SAMPLE)
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if PRACTICE_NOTE in line]
    assert len(notes) == 1, result.stderr
    assert notes[0].startswith("scorecard: note: ")
    assert PRACTICE_NOTE not in run(*args, "--data-dir", SAMPLE).stderr  # the default basis: no note


@pytest.mark.parametrize("command", sorted(BASIS_COMMANDS))
def test_basis_practice_where_a_file_records_practice_gets_no_note(
    run: Run, tmp_path: Path, command: str
) -> None:
    args = [
        tmp_path / "out" if arg == "OUT" else "prairie-city" if arg in ("denver", "chicago") else arg
        for arg in BASIS_COMMANDS[command]
    ]
    result = run(*args, "--basis", "practice", "--data-dir", VALID)
    assert result.exit_code == 0, result.stderr
    assert PRACTICE_NOTE not in result.stderr


def test_the_note_follows_the_selection(run: Run) -> None:
    """Only the files the filter selects count: Colorado's county records no practice."""
    result = run("rank", "--state", "CO", "--kind", "county", "--basis", "practice", "--data-dir", VALID)
    assert result.exit_code == 0, result.stderr
    assert PRACTICE_NOTE in result.stderr


@pytest.mark.cache
def test_a_cached_output_repeats_its_notes(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scorecard.cli.cache.time.time_ns", lambda: 2**62)  # no file counts as racy
    produced: list[str] = []
    real = output.render_text

    def counted(*args: Any) -> str:
        produced.append("run")
        return real(*args)

    monkeypatch.setattr(output, "render_text", counted)
    first = run("rank", "--basis", "practice", "--data-dir", SAMPLE)
    second = run("rank", "--basis", "practice", "--data-dir", SAMPLE)
    assert produced == ["run"]  # the second output came from the cache
    assert first.stdout == second.stdout
    assert PRACTICE_NOTE in first.stderr
    assert first.stderr == second.stderr


@pytest.mark.parametrize("command", ["assess prairie-city", "rank", "compare --all", "sensitivity", "rubric"])
@pytest.mark.parametrize(
    ("weights", "says"),
    [
        ("no-ice-holds=1,no-ice-holds=2", "--weights: no-ice-holds is given twice"),
        ("no-ice-holds=1e308", "the weight of no-ice-holds must be a number from 0 to 1,000,000"),
    ],
)
def test_duplicate_or_huge_weights_are_usage_errors(run: Run, command: str, weights: str, says: str) -> None:
    result = run(*command.split(), "--weights", weights, "--data-dir", VALID)
    assert result.exit_code == 2
    assert says in result.stderr
    assert result.stdout == ""


def test_history_takes_no_cache_like_the_others(run: Run) -> None:
    result = run("history", "prairie-city", "--no-cache", "--data-dir", VALID, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "--no-cache" in run("history", "--help").stdout


def test_commands_and_option_callbacks_carry_real_annotations_not_text() -> None:
    """typer evaluates text annotations on every run; the CLI modules give it objects (see cli/app.py)."""
    import inspect

    import typer.main

    from scorecard.cli.app import app

    group = typer.main.get_command(app)
    functions = [app.registered_callback.callback] if app.registered_callback else []
    functions += [info.callback for info in app.registered_commands]
    for command in group.commands.values():  # type: ignore[attr-defined]
        functions += [p.callback for p in command.params if p.callback is not None]
    unwrapped: list[Callable[..., Any]] = [getattr(f, "__wrapped__", f) for f in functions if f is not None]
    assert len(unwrapped) > 20
    texts = {
        f"{f.__qualname__}: {name}"
        for f in unwrapped
        for name, annotation in inspect.get_annotations(f).items()
        if isinstance(annotation, str)
    }
    assert texts == set()


def test_running_only_the_named_command_changes_no_output() -> None:
    """The entry point builds only the command its first argument names; help and errors are the same."""
    from typer.testing import CliRunner

    from scorecard.cli.app import app, command_name, only_the_command_named

    runner = CliRunner()
    names = [command_name(info) for info in app.registered_commands]
    assert len(names) >= 13
    cases = [[name, "--help"] for name in names] + [
        ["--debug", "list", "--kind", "town"],
        ["rank", "-f", "pdf"],
    ]
    for argv in cases:
        whole = runner.invoke(app, argv)
        with only_the_command_named(argv):
            assert len(app.registered_commands) == 1
            alone = runner.invoke(app, argv)
        assert (alone.exit_code, alone.stdout, alone.stderr) == (
            whole.exit_code,
            whole.stdout,
            whole.stderr,
        ), argv
        assert alone.stdout or alone.stderr
    for argv in (["--help"], ["asess", "denver"], []):
        with only_the_command_named(argv):
            assert [command_name(info) for info in app.registered_commands] == names
    assert [command_name(info) for info in app.registered_commands] == names  # restored
