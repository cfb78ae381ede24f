"""`validate` for CI: one fixture folder per check, many errors at once, schema, `new`."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, SAMPLE, TESTS, Run, plant
from .fixtures import build_case

INVALID = TESTS / "data" / "invalid"
HOSTILE = TESTS / "data" / "hostile"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir() and not p.name.startswith("_"))
SOURCE = REPO / "src" / "scorecard"


@pytest.mark.parametrize("case", CASES)
def test_each_check_reports_its_exact_lines(
    case: str, run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = INVALID / case
    monkeypatch.chdir(build_case(folder, tmp_path / case))
    result = run("validate")
    assert result.stdout == (folder / "expected.txt").read_text(encoding="utf-8")
    assert result.exit_code == int((folder / "exit_code").read_text())
    assert result.stderr == ""


def codes_in_source() -> set[str]:
    """Every issue code the checks can emit, read from the source: `"area.name"` passed to error/warning."""
    codes: set[str] = set()
    for path in (SOURCE / "checking").glob("*.py"):
        codes |= set(re.findall(r'"((?:[a-z]+)\.[a-z][a-z0-9-]*)"', path.read_text(encoding="utf-8")))
    for path in (SOURCE / "input").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'"((?:yaml|file|schema)\.[a-z][a-z0-9-]*)"', text))
    return {code for code in codes if not code.endswith((".py", ".yaml"))}


def codes_in(folder: Path) -> set[str]:
    return {
        match
        for expected in folder.glob("*/expected*.txt")
        for match in re.findall(r"(?:error|warning)\[([a-z_.-]+)\]", expected.read_text(encoding="utf-8"))
    }


def test_every_check_code_in_the_source_has_a_case() -> None:
    """A fixture per code: invalid/ for data problems, hostile/ for unreadable or malicious files."""
    missing = codes_in_source() - codes_in(INVALID) - codes_in(HOSTILE)
    assert codes_in_source() >= {"id.duplicate", "law.floor-above-ceiling", "fips.duplicate"}
    assert not missing, f"no fixture shows {sorted(missing)}"


def test_every_case_is_a_small_change_of_the_base() -> None:
    """No case keeps a whole copy of a base file: it says what it changes in changes.yaml."""
    base = {p.relative_to(INVALID / "_base") for p in (INVALID / "_base").rglob("*.yaml")}
    for case in CASES:
        own = {p.relative_to(INVALID / case) for p in (INVALID / case).rglob("*.yaml")} - {
            Path("changes.yaml")
        }
        assert not own & base, f"{case} copies {sorted(map(str, own & base))}; list its edits in changes.yaml"


def test_ten_planted_errors_across_five_files_in_one_run(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE / "cities", data / "cities")
    shutil.copytree(SAMPLE / "states", data / "states")
    monkeypatch.chdir(data)
    cities = data / "cities"
    plant(cities / "denver.yaml", "kind: consolidated-city-county", "kind: metropolis")  # 1
    reviewed = next(
        line
        for line in (cities / "denver.yaml").read_text(encoding="utf-8").splitlines()
        if line.startswith("last_reviewed:")
    )
    plant(cities / "denver.yaml", reviewed, f"{reviewed}\nlast_reviewed: 2026-11-28")  # 2
    plant(cities / "chicago.yaml", "id: chicago", "id: chicag0")  # 3
    plant(cities / "chicago.yaml", "status: met", "status: yes")  # 4
    plant(cities / "austin.yaml", "https://", "ftp://")  # 5
    plant(cities / "austin.yaml", "name: Austin", "name: Austin\nmayor: unknown")  # 6
    plant(cities / "nashville.yaml", 'fips: "4752006"', 'fips: "0852006"')  # 7
    plant(
        cities / "nashville.yaml", "  legal-defense-fund:", "  legal-defence-fund:"
    )  # 8 and 9 (unknown + missing demand)
    plant(data / "states" / "tx.yaml", "confidence: high", "confidence: certain")  # 10
    result = run("validate", "-f", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    where = {(f["path"], f["line"], f["column"], f["code"]) for f in found if f["severity"] == "error"}

    def line_of(path: Path, text: str, nth: int = 1) -> int:
        lines = path.read_text(encoding="utf-8").splitlines()
        hits = [i + 1 for i, line in enumerate(lines) if text in line]
        return hits[nth - 1]

    expected = {
        (
            "cities/denver.yaml",
            line_of(cities / "denver.yaml", "kind: metropolis"),
            7,
            "schema.literal_error",
        ),
        ("cities/denver.yaml", line_of(cities / "denver.yaml", "last_reviewed:", 2), 1, "yaml.duplicate-key"),
        ("cities/chicago.yaml", line_of(cities / "chicago.yaml", "id: chicag0"), 5, "id.stem-mismatch"),
        ("cities/chicago.yaml", line_of(cities / "chicago.yaml", "status: yes"), 13, "schema.string_type"),
        ("cities/austin.yaml", line_of(cities / "austin.yaml", "ftp://"), 14, "source.url-scheme"),
        (
            "cities/austin.yaml",
            line_of(cities / "austin.yaml", "mayor: unknown"),
            1,
            "schema.extra_forbidden",
        ),
        (
            "cities/nashville.yaml",
            line_of(cities / "nashville.yaml", 'fips: "0852006"'),
            7,
            "fips.state-mismatch",
        ),
        (
            "cities/nashville.yaml",
            line_of(cities / "nashville.yaml", "legal-defence-fund:"),
            3,
            "ref.unknown-demand",
        ),
        ("cities/nashville.yaml", line_of(cities / "nashville.yaml", "demands:"), 1, "ref.missing-demand"),
        (
            "states/tx.yaml",
            line_of(data / "states" / "tx.yaml", "confidence: certain"),
            17,
            "schema.literal_error",
        ),
    }
    assert expected <= where
    assert len({(p, c) for p, _, _, c in where}) >= 10


def test_schema_is_json_schema_2020_12_with_rubric_levels(run: Run) -> None:
    result = run("schema")
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$defs"]["DemandClaim"]["properties"]["status"]["enum"] == [
        "met",
        "partial",
        "not_met",
        "unknown",
    ]
    assert schema["properties"]["demands"]["required"][0] == "no-ice-holds"
    assert schema["properties"]["last_reviewed"]["description"]
    state = json.loads(run("schema", "--kind", "state").stdout)
    assert state["$defs"]["LawEffect"]["properties"]["floor"]["enum"] == ["met", "partial", "not_met"]


def test_shipped_schema_files_are_current(run: Run) -> None:
    assert (REPO / "schema" / "jurisdiction.schema.json").read_text(encoding="utf-8") == run("schema").stdout
    assert (REPO / "schema" / "state.schema.json").read_text(encoding="utf-8") == run(
        "schema", "--kind", "state"
    ).stdout


def check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    tool = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run(
        [str(tool), "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_jsonschema_accepts_shipped_files_and_rejects_bad_ones(tmp_path: Path) -> None:
    schema = REPO / "schema" / "jurisdiction.schema.json"
    ok = check_jsonschema(schema, *sorted((SAMPLE / "cities").glob("*.yaml")))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    states = check_jsonschema(
        REPO / "schema" / "state.schema.json", *sorted((SAMPLE / "states").glob("*.yaml"))
    )
    assert states.returncode == 0, states.stdout + states.stderr
    unknown_field = tmp_path / "a.yaml"
    unknown_field.write_text(
        (SAMPLE / "cities" / "denver.yaml").read_text(encoding="utf-8") + "wieght: 3\n", encoding="utf-8"
    )
    wrong_status = tmp_path / "b.yaml"
    wrong_status.write_text(
        (SAMPLE / "cities" / "denver.yaml")
        .read_text(encoding="utf-8")
        .replace("status: met", "status: great", 1),
        encoding="utf-8",
    )
    for bad in (unknown_field, wrong_status):
        result = check_jsonschema(schema, bad)
        assert result.returncode == 1, bad
    assert "wieght" in check_jsonschema(schema, unknown_field).stdout
    assert "great" in check_jsonschema(schema, wrong_status).stdout


def test_new_writes_a_valid_file_and_never_overwrites(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SAMPLE / "states", tmp_path / "states")  # not the shipped states, which keep changing
    created = run("new", "springfield", "--state", "IL")
    assert created.exit_code == 0, created.stderr
    path = tmp_path / "cities" / "springfield.yaml"
    text = path.read_text(encoding="utf-8")
    assert "id: springfield" in text
    assert text.count("status: unknown") == 5
    checked = run("validate")
    assert checked.exit_code == 0
    assert (
        " 0 errors" in checked.stdout
        or checked.stdout.startswith("0 errors")
        or "error[" not in checked.stdout
    )
    again = run("new", "springfield", "--state", "IL", "--name", "Other")
    assert again.exit_code == 1
    assert "already exists; refusing to overwrite it" in again.stderr
    assert path.read_text(encoding="utf-8") == text
    assessed = json.loads(run("assess", "springfield", "-f", "json").stdout)
    assert {d["local_status"] for d in assessed["demands"]} == {"unknown"}
    assert 0 < assessed["coverage"] < 1  # only what Illinois law decides is known


def test_new_refuses_bad_input_and_writes_nothing(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    bad_state = run("new", "shelbyville", "--state", "ZZ")
    assert bad_state.exit_code == 2  # a usage error, found while parsing
    assert "is not a state's USPS code" in bad_state.stderr
    bad_id = run("new", "../escape", "--state", "IL")
    assert bad_id.exit_code == 1
    assert not list(tmp_path.rglob("*.yaml"))


# Problems that have no key to name: the file as a whole, text YAML could not read as keys and values,
# a key that is itself a list or a mapping (`yaml.key`).
KEYLESS = {
    "yaml.syntax",
    "yaml.depth",
    "yaml.alias-limit",
    "yaml.key",
    "schema.not-a-mapping",
    "internal",
}


def keyless(code: str) -> bool:
    """Whether an issue with this code has no key to name (every `file.*` problem is the whole file)."""
    return code in KEYLESS or code.startswith("file.")


def test_the_json_of_a_duplicate_key_names_the_key(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(build_case(INVALID / "yaml-duplicate-key", tmp_path / "case"))
    result = run("validate", "-f", "json")
    assert result.exit_code == 1
    (issue,) = json.loads(result.stdout)
    assert issue["code"] == "yaml.duplicate-key"
    assert issue["key"] == "demands.no-ice-notifications.confidence"
    assert (issue["line"], issue["column"]) == (22, 5)


@pytest.mark.parametrize("case", CASES)
def test_every_issue_in_json_carries_its_key(
    case: str, run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(build_case(INVALID / case, tmp_path / case))
    issues = json.loads(run("validate", "-f", "json").stdout)
    assert issues
    for issue in issues:
        assert set(issue) == {"path", "line", "column", "severity", "code", "key", "message"}
        assert issue["path"]
        assert issue["line"] > 0
        assert issue["column"] > 0
        assert issue["key"] or keyless(issue["code"]), issue
