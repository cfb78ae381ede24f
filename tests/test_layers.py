"""A user's data folder layers over the shipped data; `--no-shipped` reads it alone.

These tests compare runs with each other (layered, alone, the shipped data by
itself), so they hold whatever the shipped files say.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scorecard.cli import options as cli_options
from scorecard.cli.app import hoist_global_flags
from scorecard.input.locations import embedded_data_dir

from .conftest import DATA_TODAY, VALID, Run


@pytest.fixture
def layered(monkeypatch: pytest.MonkeyPatch) -> None:
    """Layering on, and the real clock: the shipped data's sources may have been read today."""
    monkeypatch.delenv("SCORECARD_NO_SHIPPED", raising=False)
    monkeypatch.setattr(cli_options, "today", lambda: DATA_TODAY)


def ids(run: Run, *args: str | Path) -> list[str]:
    result = run("list", "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)["rows"]]


def card(run: Run, place: str, *args: str | Path) -> dict[str, object]:
    result = run("assess", place, "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    found: dict[str, object] = json.loads(result.stdout)
    found.pop("data_folders")  # the card as scored; which folders it came from differs by design
    return found


def test_a_user_folder_with_one_city_and_one_state_layers_over_the_shipped_data(
    run: Run, tmp_path: Path, layered: None
) -> None:
    user = tmp_path / "mine"
    (user / "cities").mkdir(parents=True)
    (user / "states").mkdir()
    shutil.copy(VALID / "cities" / "mountain-town.yaml", user / "cities")
    shutil.copy(VALID / "states" / "co.yaml", user / "states")  # a Colorado with no state laws
    shipped = embedded_data_dir()
    shipped_ids = ids(run, "--data-dir", shipped)
    assert ids(run, "--data-dir", user) == sorted([*shipped_ids, "mountain-town"])
    assert ids(run, "--data-dir", user, "--no-shipped") == ["mountain-town"]
    states = {
        row["state"]: row["id"]
        for row in json.loads(run("list", "-f", "json", "--data-dir", shipped).stdout)["rows"]
    }
    colorado, elsewhere = states["CO"], next(i for s, i in states.items() if s != "CO")
    # a shipped place in a state the user did not override scores exactly as shipped
    assert card(run, elsewhere, "--data-dir", user) == card(run, elsewhere, "--data-dir", shipped)
    # in the overridden state, only the user's (empty) state file applies: no state law sets a status
    ours = card(run, colorado, "--data-dir", user)
    assert ours["state_laws"] == []
    assert all(d["law"] is None for d in ours["demands"])  # type: ignore[attr-defined]
    # validate checks the user's files only, against the layered rubric and states
    checked = run("validate", "--data-dir", user)
    assert checked.exit_code == 0, checked.stdout
    assert checked.stdout.endswith("2 files valid.\n") or "in 2 files" in checked.stdout


def test_a_new_file_in_a_fresh_folder_keeps_the_shipped_cities(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layered: None
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("new", "fort-collins", "--state", "CO").exit_code == 0
    shipped_ids = ids(run, "--data-dir", embedded_data_dir())
    assert ids(run) == sorted([*shipped_ids, "fort-collins"])
    assert run("assess", shipped_ids[0], "-f", "json").exit_code == 0


def test_not_found_names_the_folders_read(run: Run, tmp_path: Path, layered: None) -> None:
    (tmp_path / "cities").mkdir()
    result = run("assess", "nowhere-at-all", "--data-dir", tmp_path)
    assert result.exit_code == 1
    assert f"in {tmp_path}, over the shipped data in" in result.stderr


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["rank", "--debug"], ["--debug", "rank"]),
        (["list", "--no-shipped", "-f", "json"], ["--no-shipped", "list", "-f", "json"]),
        (["assess", "--", "--debug"], ["assess", "--", "--debug"]),
    ],
)
def test_global_flags_work_after_the_command(argv: list[str], expected: list[str]) -> None:
    assert hoist_global_flags(argv) == expected


FOOTED = {
    "assess": ("assess", "mountain-town"),
    "rank": ("rank",),
    "compare": ("compare", "--all"),
    "history": ("history", "mountain-town"),
    "sensitivity": ("sensitivity",),
    "list": ("list",),
    "rubric": ("rubric",),
}


@pytest.mark.parametrize("command", sorted(FOOTED))
def test_every_report_names_the_data_folders_it_read(
    run: Run, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Terminal and Markdown end with a line naming the folders; JSON has `data_folders`; HTML its footer."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(VALID, tmp_path / "mine")
    alone = ("--data-dir", "mine")
    table = run(*FOOTED[command], *alone, "-f", "table")
    assert table.exit_code == 0, table.stderr
    assert table.stdout.rstrip().splitlines()[-1] == "Data: mine"
    markdown = run(*FOOTED[command], *alone, "-f", "markdown").stdout
    assert markdown.endswith("\n\n_Data: mine_\n")
    assert json.loads(run(*FOOTED[command], *alone, "-f", "json").stdout)["data_folders"] == ["mine"]
    if command in ("assess", "rank", "rubric"):
        page = run(*FOOTED[command], *alone, "-f", "html").stdout
        assert "<p>Data: mine</p>" in page.split("<footer>")[1].split("</footer>")[0]
    spanish = run(*FOOTED[command], *alone, "--lang", "es").stdout
    assert spanish.rstrip().splitlines()[-1] == "Datos: mine"


def test_a_layered_folder_is_named_over_the_shipped_data(
    run: Run, layered: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(VALID / "cities", tmp_path / "mine" / "cities")
    result = run("assess", "mountain-town", "--data-dir", "mine", "-f", "json")
    assert result.exit_code == 0, result.stderr
    folders = json.loads(result.stdout)["data_folders"]
    assert folders[0] == "mine"
    assert Path(folders[1]) == embedded_data_dir()
    table = run("assess", "mountain-town", "--data-dir", "mine").stdout
    assert " ".join(table.split()[-8:]).startswith("Data: mine, over the shipped data in")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("assess", "nowhere-town"), "no jurisdiction 'nowhere-town' in mine"),
        (("compare", "nowhere-town"), "no jurisdiction 'nowhere-town' in mine"),
        (("history", "nowhere-town"), "no jurisdiction 'nowhere-town' in mine"),
        (("rank", "--state", "WY"), "no jurisdiction in mine matches --state WY"),
        (("rank", "--rubric", "nope"), "no rubric 'nope' in mine"),
    ],
)
def test_every_not_found_names_the_data_folders(
    run: Run, args: tuple[str, ...], says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(VALID, tmp_path / "mine")
    result = run(*args, "--data-dir", "mine")
    assert result.exit_code == 1
    assert says in result.stderr
