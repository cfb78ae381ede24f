"""Every command through the CLI: exit codes, stdout and stderr kept apart."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from scorecard import __version__

from .conftest import SAMPLE, VALID, Run, plant

AS_OF = "--as-of=2026-02-01"


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"scorecard {__version__}\n"


def test_assess_table_shows_the_report_card(run: Run) -> None:
    result = run("assess", "prairie-city", "--data-dir", VALID, AS_OF)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    for text in (
        "Prairie City, IL",
        "Score 70/100",
        "Grade",
        "Coverage 100%",
        "Next steps",
        "Fixture TRUST Act (2017)",
    ):
        assert text in out
    assert "https://example.org/prairie/ordinance" in out
    assert "Data last reviewed 2026-01-15" in out
    assert result.stderr == ""
    assert "\x1b[" not in out  # plain text when not a terminal


def test_assess_json_has_the_contract_fields(run: Run) -> None:
    result = run("assess", "prairie-city", "--data-dir", VALID, AS_OF, "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (
        data["jurisdiction"].items()
        >= {
            "id": "prairie-city",
            "name": "Prairie City",
            "state": "IL",
            "kind": "city",
            "fips": "1799990",
        }.items()
    )
    assert data["rubric"]["id"] == "sanctuary"
    assert data["rubric"]["version"] == "1.1.0"
    assert data["as_of"] == "2026-02-01"
    assert (data["score"], data["grade"], data["coverage"]) == (70.0, "C", 1.0)
    demand = data["demands"][0]
    for key in (
        "id",
        "title",
        "status",
        "local_status",
        "credit",
        "points",
        "max_points",
        "summary",
        "since",
        "confidence",
        "sources",
        "law",
        "practice",
    ):
        assert key in demand
    assert (demand["local_status"], demand["status"], demand["law"]["id"]) == (
        "unknown",
        "met",
        "fixture-trust-act",
    )
    credits = {"met": 1.0, "partial": 0.5, "not_met": 0.0, "unknown": 0.0}
    expected = 100 * sum(credits[d["status"]] for d in data["demands"]) / 5
    assert data["score"] == round(expected, 1)
    assert data["demands"][4]["practice"]["status"] == "partial"
    assert [s["demand"] for s in data["next_steps"]][:1] == ["sensitive-areas"]


def test_assess_markdown_renders_a_table_and_writes_files_whole(run: Run, tmp_path: Path) -> None:
    result = run("assess", "prairie-city", "--data-dir", VALID, AS_OF, "-f", "markdown")
    assert result.exit_code == 0
    assert "| Demand | Status | Points | Local policy | State law |" in result.stdout
    assert "| --- | --- | ---: | --- | --- |" in result.stdout
    target = tmp_path / "report.md"
    written = run("assess", "prairie-city", "--data-dir", VALID, AS_OF, "-f", "markdown", "-o", target)
    assert written.exit_code == 0
    assert written.stdout == ""
    assert target.read_text(encoding="utf-8") == result.stdout
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temporary file left


def test_assess_table_to_file_is_plain_text(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "card.txt"
    assert run("assess", "prairie-city", "--data-dir", VALID, AS_OF, "-o", target).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "Prairie City, IL" in text
    assert "\x1b" not in text


def test_assess_csv_is_tidy(run: Run) -> None:
    result = run("assess", "lone-star-city", "--data-dir", VALID, AS_OF, "-f", "csv")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("jurisdiction_id,jurisdiction_name,state,kind,fips,as_of")
    assert len(lines) == 6


def test_assess_unknown_city_suggests_close_ids(run: Run) -> None:
    result = run("assess", "prairie-cty", "--data-dir", VALID)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no jurisdiction 'prairie-cty' in " in result.stderr
    assert "data/valid; did you mean prairie-city?" in result.stderr


def test_assess_denvr_suggests_denver(run: Run) -> None:
    result = run("assess", "denvr", "--data-dir", SAMPLE)
    assert result.exit_code == 1
    assert "did you mean denver?" in result.stderr


@pytest.mark.parametrize(
    "bad", ["../../etc/passwd", "/etc/passwd", "denver;rm", "d\u0435nver", "denver\u2010"]
)
def test_ids_that_are_not_slugs_are_refused(run: Run, bad: str) -> None:
    result = run("assess", bad, "--data-dir", VALID)
    assert result.exit_code == 1
    assert "is not a jurisdiction id" in result.stderr


def test_as_of_and_weights_are_checked(run: Run) -> None:
    assert run("assess", "prairie-city", "--data-dir", VALID, "--as-of", "yesterday").exit_code == 2
    bad = run("assess", "prairie-city", "--data-dir", VALID, "--weights", "no-such=2")
    assert bad.exit_code == 2
    assert "is not DEMAND=WEIGHT" in bad.stderr
    ok = run(
        "assess", "prairie-city", "--data-dir", VALID, AS_OF, "--weights", "sensitive-areas=0", "-f", "json"
    )
    assert json.loads(ok.stdout)["score"] == 87.5


def test_basis_practice(run: Run) -> None:
    result = run("assess", "prairie-city", "--data-dir", VALID, AS_OF, "--basis", "practice", "-f", "json")
    assert json.loads(result.stdout)["score"] == 60.0


def test_list_shows_every_jurisdiction(run: Run) -> None:
    result = run("list", "--data-dir", VALID, "-f", "json")
    assert [row["id"] for row in json.loads(result.stdout)["rows"]] == [
        "lone-star-city",
        "mountain-town",
        "prairie-city",
    ]
    table = run("list", "--data-dir", VALID)
    assert "3 jurisdictions" in table.stdout


def test_rubric_shows_demands_weights_criteria_and_grades(run: Run) -> None:
    result = run("rubric")
    assert result.exit_code == 0
    for text in (
        "No ICE holds",
        "No proactive communication",
        "Weight",
        "Grades",
        "Status levels",
        "Criteria",
    ):
        assert text in result.stdout
    data = json.loads(run("rubric", "-f", "json").stdout)
    assert [d["share"] for d in data["demands"]] == [20.0] * 5
    assert data["grades"][0] == ["A", 90.0]
    assert run("rubric", "-f", "csv").exit_code == 2


def test_rank_json_sorted_with_shared_ranks(run: Run) -> None:
    result = run("rank", "--data-dir", VALID, AS_OF, "-f", "json")
    rows = json.loads(result.stdout)["rows"]
    assert [(r["rank"], r["id"], r["score"]) for r in rows] == [
        (1, "mountain-town", 100.0),
        (2, "prairie-city", 70.0),
        (3, "lone-star-city", 10.0),
    ]
    only = json.loads(run("rank", "--data-dir", VALID, AS_OF, "-f", "json", "--state", "TX").stdout)
    assert [r["id"] for r in only["rows"]] == ["lone-star-city"]


def test_validate_passes_on_the_fixture_data(run: Run) -> None:
    result = run("validate", "--data-dir", VALID)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "All 6 files valid.\n"


def test_validate_reports_errors_in_two_files_with_locations(
    run: Run, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(data_copy)
    plant(data_copy / "cities" / "prairie-city.yaml", "status: partial", "status: no")
    plant(data_copy / "cities" / "lone-star-city.yaml", "kind: city", "kind: city\nkind: county")
    plant(data_copy / "states" / "tx.yaml", "ceiling: partial", "ceiling: best")
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "cities/lone-star-city.yaml:6:1: error[yaml.duplicate-key]: kind: duplicate key 'kind' (first defined at line 5); each key may appear once",
        "cities/prairie-city.yaml:15:13: error[schema.string_type]: demands.no-ice-notifications.status: status must be one of met, partial, not_met, unknown; got no (a bare no is a YAML true/false value; put text in quotes); did you mean not_met?",
        "states/tx.yaml:21:18: error[ref.unknown-status]: laws[0].effects.no-proactive-communication.ceiling: ceiling must be one of met, partial, not_met, unknown; got 'best'",
        "3 errors, 0 warnings in 8 files.",
    ]
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_json_and_github_formats(run: Run, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data_copy)
    plant(data_copy / "cities" / "prairie-city.yaml", "status: partial", "status: no")
    found = json.loads(run("validate", "-f", "json").stdout)
    assert found == [
        {
            "path": "cities/prairie-city.yaml",
            "line": 15,
            "column": 13,
            "severity": "error",
            "code": "schema.string_type",
            "key": "demands.no-ice-notifications.status",
            "message": "status must be one of met, partial, not_met, unknown; got no (a bare no is a YAML true/false value; put text in quotes); did you mean not_met?",
        }
    ]
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    github = run("validate").stdout.splitlines()
    assert github[0].startswith(
        "::error file=cities/prairie-city.yaml,line=15,col=13,title=schema.string_type::"
    )


def test_validate_strict_fails_on_warnings(
    run: Run, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(data_copy)
    plant(data_copy / "cities" / "mountain-town.yaml", 'fips: "08999"\n', "")
    relaxed = run("validate")
    assert relaxed.exit_code == 0
    assert "warning[jurisdiction.missing-fips]" in relaxed.stdout
    assert run("validate", "--strict").exit_code == 1


def test_validate_single_file(run: Run, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data_copy)
    plant(data_copy / "cities" / "lone-star-city.yaml", "status: met", "status: excellent")
    result = run("validate", "cities/prairie-city.yaml")
    assert (result.exit_code, result.stdout) == (0, "All 1 file valid.\n")
    assert run("validate", "cities/lone-star-city.yaml").exit_code == 1


def test_output_errors_leave_previous_file_untouched(run: Run, tmp_path: Path) -> None:
    locked = tmp_path / "locked.md"
    locked.write_text("previous\n", encoding="utf-8")
    locked.chmod(stat.S_IRUSR)
    missing = run("assess", "prairie-city", "--data-dir", VALID, "-o", tmp_path / "no" / "such" / "r.md")
    assert missing.exit_code == 1
    assert "does not exist" in missing.stderr
    onto_dir = run("assess", "prairie-city", "--data-dir", VALID, "-o", tmp_path)
    assert onto_dir.exit_code == 1
    assert "is a directory" in onto_dir.stderr
    assert locked.read_text(encoding="utf-8") == "previous\n"  # read-only targets: see test_hostile


def test_internal_errors_exit_3_without_traceback(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("scorecard.service.card.assess_one", broken)
    result = run("assess", "prairie-city", "--data-dir", VALID)
    assert result.exit_code == 3
    assert "internal error (RuntimeError); this is a bug, please report it" in result.stderr
    assert "Traceback" not in result.stderr
    debug = run("--debug", "assess", "prairie-city", "--data-dir", VALID)
    assert "Traceback" in debug.stderr


def test_data_dir_from_environment(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCORECARD_DATA_DIR", str(VALID))
    assert json.loads(run("list", "-f", "json").stdout)["rows"][0]["id"] == "lone-star-city"
    monkeypatch.setenv("SCORECARD_DATA_DIR", "/no/such/folder")
    result = run("list")
    assert result.exit_code == 1
    assert "does not exist" in result.stderr


def test_chicago_2016_differs_from_today_and_history_shows_the_change(run: Run) -> None:
    then = json.loads(
        run("assess", "chicago", "--data-dir", SAMPLE, "--as-of", "2016-01-01", "-f", "json").stdout
    )
    now = json.loads(run("assess", "chicago", "--data-dir", SAMPLE, "-f", "json").stdout)
    assert then["score"] < now["score"]
    assert then["demands"][0]["status"] != now["demands"][0]["status"]
    history = json.loads(run("history", "chicago", "--data-dir", SAMPLE, "-f", "json").stdout)
    dates = [p["date"] for p in history["rows"]]
    assert dates == sorted(dates)
    assert any(
        c["cause"] == "law" and "TRUST Act" in c["law_label"] for p in history["rows"] for c in p["changes"]
    )
    assert history["rows"][-1]["score"] == now["score"]
    table = run("history", "chicago", "--data-dir", SAMPLE).stdout
    assert "score over time" in table


def test_history_csv_has_one_row_per_date_and_demand(run: Run) -> None:
    out = run("history", "denver", "--data-dir", SAMPLE, "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    dates = {row["date"] for row in rows}
    assert len(rows) == len(dates) * 5
    assert len({(row["date"], row["demand_id"]) for row in rows}) == len(rows)


def test_history_of_fixture_city(run: Run) -> None:
    data = json.loads(run("history", "prairie-city", "--data-dir", VALID, AS_OF, "-f", "json").stdout)
    assert [(p["date"], p["score"]) for p in data["rows"]] == [
        ("2010", 0.0),  # known to the year: it stays a year
        ("2015-06-01", 20.0),
        ("2017-08-28", 40.0),
        ("2018-07-01", 60.0),
        ("2019-03-01", 70.0),
    ]
    assert data["rows"][2]["changes"][0]["law_label"] == "Fixture TRUST Act (2017)"


@pytest.mark.parametrize(
    ("command", "fmt"),
    [
        (["list"], "html"),
        (["history", "prairie-city"], "html"),
        (["compare", "prairie-city", "lone-star-city"], "html"),
        (["sensitivity"], "html"),
        (["rubric"], "csv"),
    ],
)
def test_an_unsupported_format_is_a_usage_error_before_any_data_is_read(
    run: Run, tmp_path: Path, command: list[str], fmt: str
) -> None:
    # The data folder does not exist: had the command loaded anything, it would exit 1 saying so.
    result = run(*command, "-f", fmt, "--data-dir", tmp_path / "missing")
    assert result.exit_code == 2
    assert f"got '{fmt}'" in " ".join(result.stderr.replace("│", " ").split())
    assert "Report" not in result.stderr  # no class names
    assert result.stdout == ""


def test_help_offers_only_the_formats_a_command_has(run: Run) -> None:
    assert "[table|json|csv|markdown]" in run("list", "--help").stdout
    assert "[table|json|markdown|html]" in run("rubric", "--help").stdout
    assert "[table|json|csv|markdown|html]" in run("assess", "--help").stdout


def test_assess_without_its_state_file_is_the_same_error_as_rank(run: Run, data_copy: Path) -> None:
    """One loading pipeline: a missing state file is an error for every command, not only for rank."""
    (data_copy / "states" / "tx.yaml").unlink()
    assessed = run("assess", "lone-star-city", "--data-dir", data_copy, "--no-cache")
    ranked = run("rank", "--data-dir", data_copy, "--no-cache")
    history = run("history", "lone-star-city", "--data-dir", data_copy)
    assert assessed.exit_code == ranked.exit_code == history.exit_code == 1
    missing = [line for line in assessed.stderr.splitlines() if "ref.missing-state" in line]
    assert len(missing) == 1
    assert "no state file states/tx.yaml for TX" in missing[0]
    assert missing[0] in ranked.stderr.splitlines()
    assert missing[0] in history.stderr.splitlines()
    assert assessed.stdout == ranked.stdout == ""


@pytest.mark.cache
def test_validate_shows_paths_from_the_working_directory_whatever_the_cache_holds(
    run: Run, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plant(data_copy / "cities" / "prairie-city.yaml", "status: met", "status: mett")
    monkeypatch.chdir(data_copy)
    inside = run("validate")
    monkeypatch.chdir(data_copy.parent)
    outside = run("validate", "--data-dir", "data")
    fresh = run("validate", "--data-dir", "data", "--no-cache")
    assert inside.exit_code == outside.exit_code == 1
    assert inside.stdout.startswith("cities/prairie-city.yaml:")
    assert outside.stdout.startswith("data/cities/prairie-city.yaml:")
    assert outside.stdout == fresh.stdout


def test_caches_key_on_the_installed_code(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A changed renderer installed under the same version string must not be served old output."""
    from scorecard.checking import filecache
    from scorecard.cli import cache

    source = tmp_path / "denver.yaml"
    source.write_text("id: denver\n", encoding="utf-8")
    before = cache.card_key(("assess", "denver"), [source])
    file_header = filecache.FileCache(tmp_path / "c", tmp_path, ()).header
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another build")
    monkeypatch.setattr(filecache, "code_fingerprint", lambda: "another build")
    assert cache.card_key(("assess", "denver"), [source]) != before
    assert filecache.FileCache(tmp_path / "c", tmp_path, ()).header != file_header


def test_the_code_fingerprint_follows_the_package_files(tmp_path: Path) -> None:
    from scorecard.checking.filecache import fingerprint_of

    (tmp_path / "render").mkdir()
    (tmp_path / "render" / "to_html.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "card.html.j2").write_text("<p>", encoding="utf-8")
    first = fingerprint_of(tmp_path)
    (tmp_path / "templates" / "card.html.j2").write_text("<p>changed</p>", encoding="utf-8")
    assert fingerprint_of(tmp_path) != first
    (tmp_path / "notes.txt").write_text("not code", encoding="utf-8")
    second = fingerprint_of(tmp_path)
    (tmp_path / "notes.txt").write_text("still not code", encoding="utf-8")
    assert fingerprint_of(tmp_path) == second


def test_the_code_fingerprint_is_the_plain_walks_hash(tmp_path: Path) -> None:
    """The scandir walk hashes what os.walk with a Path per file gives: same files, same order."""
    import hashlib
    import os

    from scorecard import __version__
    from scorecard.checking.filecache import fingerprint_of

    for name in ("a.py", "b.yaml", "z/y.py", "z/a/x.j2", "m/n.py", "m/__pycache__/n.py", "data/d.yaml",
                 "z/data/e.yaml", "k.txt", "m.py/inner.py", "a-b/c.py", "a_b/c.py", "A/c.py"):  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name, encoding="utf-8")
    parts = [__version__]
    for folder, dirs, names in os.walk(tmp_path):
        dirs[:] = sorted(d for d in dirs if d not in ("__pycache__", "data"))
        for name in sorted(names):
            if name.endswith((".py", ".j2", ".yaml")):
                path = Path(folder, name)
                stat = path.stat()
                parts.append(f"{path.relative_to(tmp_path)}:{stat.st_size}:{stat.st_mtime_ns}")
    assert len(parts) == 10  # the version and nine code files
    assert fingerprint_of(tmp_path) == hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


@pytest.mark.parametrize("command", [["rank"], ["assess", "prairie-city"], ["rubric"]])
def test_weights_too_large_for_the_arithmetic_are_a_usage_error(run: Run, command: list[str]) -> None:
    result = run(*command, "--weights", "no-ice-holds=1e308", "--data-dir", VALID)
    assert result.exit_code == 2
    assert "must be a number from 0 to 1,000,000; got '1e308'" in result.stderr
    assert "internal error" not in result.stderr


# Runs `scorecard` in a fresh interpreter and reports which heavy modules a command imported.
_IMPORTS_OF = """
import sys
from scorecard.entry import main
sys.argv = ["scorecard", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in sys.modules if m in ("pydantic", "scorecard.service.many", "scorecard.checking.pipeline"))
print("IMPORTED", heavy, file=sys.stderr)
"""


@pytest.mark.parametrize("command", [["rank"], ["compare", "--all"], ["list"], ["sensitivity"]])
def test_a_reused_output_loads_no_data_code(command: list[str], tmp_path: Path) -> None:
    """A cache hit prints the finished output without importing the loading pipeline or the models."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("SCORECARD_NO_CACHE", None)
    argv = [sys.executable, "-c", _IMPORTS_OF, *command, "--data-dir", str(VALID)]
    miss = subprocess.run(argv, env=env, capture_output=True, text=True, check=True, cwd=tmp_path)
    hit = subprocess.run(argv, env=env, capture_output=True, text=True, check=True, cwd=tmp_path)
    assert "'scorecard.checking.pipeline'" in miss.stderr
    assert "IMPORTED []" in hit.stderr
    assert hit.stdout == miss.stdout != ""
