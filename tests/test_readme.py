"""The README tells the truth: its commands run, its sample is real output, CI runs its test command."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from .conftest import REPO, SAMPLE, Run

README = (REPO / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


def test_quick_start_gives_two_commands_and_ci_runs_the_test_one() -> None:
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", quick, flags=re.DOTALL)
    assert len(commands) == 2
    assert commands[0].endswith("scorecard assess denver")
    assert commands[1].endswith("pytest")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].removesuffix("pytest") in ci


EXAMPLES = [line for block in blocks("sh") for line in block.splitlines() if line.startswith("scorecard ")]


@pytest.mark.parametrize("command", EXAMPLES)
def test_every_example_command_runs(
    command: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)  # `new` writes into the data folder: never into the checkout
    monkeypatch.chdir(tmp_path)  # -o files land in a scratch folder
    args = shlex.split(command, comments=True)[1:]
    result = run(*args, "--data-dir", data)
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_examples_were_found() -> None:
    assert len(EXAMPLES) >= 8
