"""Researchers' tools: compare, rank (filters, wide CSV), weights, another rubric, sensitivity, diff."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from scorecard.scoring.sensitivity import grid_weightings, random_weightings, spearman

from .conftest import REPO, SAMPLE, VALID, Run, plant, rubric_and_law_editions

AS_OF = "--as-of=2026-02-01"


def test_compare_matrix_and_tidy_csv(run: Run) -> None:
    table = run("compare", "denver", "chicago", "austin", "--data-dir", SAMPLE)
    assert table.exit_code == 0
    for text in ("Denver, CO", "Chicago, IL", "Austin, TX", "Score", "Grade", "Legend"):
        assert text in table.stdout
    out = run("compare", "denver", "chicago", "austin", "--data-dir", SAMPLE, "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 15
    assert {(r["jurisdiction_id"], r["demand_id"]) for r in rows} == {
        (j, d)
        for j in ("denver", "chicago", "austin")
        for d in (
            "no-ice-holds",
            "no-ice-notifications",
            "no-proactive-communication",
            "sensitive-areas",
            "legal-defense-fund",
        )
    }
    wide = list(
        csv.DictReader(
            io.StringIO(
                run("compare", "denver", "chicago", "--data-dir", SAMPLE, "-f", "csv", "--wide").stdout
            )
        )
    )
    assert [r["jurisdiction_id"] for r in wide] == ["denver", "chicago"]
    assert wide[0]["no-ice-holds"] == "met"


def test_compare_by_state_all_and_errors(run: Run) -> None:
    by_state = json.loads(run("compare", "--state", "TX", "--data-dir", VALID, AS_OF, "-f", "json").stdout)
    assert [c["id"] for c in by_state["rows"]] == ["lone-star-city"]
    every = json.loads(run("compare", "--all", "--data-dir", VALID, AS_OF, "-f", "json").stdout)
    assert len(every["rows"]) == 3
    assert run("compare", "--data-dir", VALID).exit_code == 2
    unknown = run("compare", "prairie-city", "nowhere", "--data-dir", VALID)
    assert unknown.exit_code == 1
    assert "no jurisdiction 'nowhere'" in unknown.stderr


def test_rank_filters_top_and_wide(run: Run) -> None:
    rows = json.loads(run("rank", "--data-dir", SAMPLE, "-f", "json", "--state", "CO").stdout)["rows"]
    assert {r["state"] for r in rows} == {"CO"}
    ranges = [(r["score_range"][0], r["score_range"][1]) for r in rows]
    assert ranges == sorted(ranges, reverse=True)  # by low, then high
    counties = json.loads(run("rank", "--data-dir", SAMPLE, "-f", "json", "--kind", "county").stdout)["rows"]
    assert counties
    assert all(r["kind"] == "county" for r in counties)
    top = json.loads(run("rank", "--data-dir", SAMPLE, "-f", "json", "--top", "3").stdout)["rows"]
    assert all(r["rank"] <= 3 for r in top)
    every = json.loads(run("rank", "--data-dir", SAMPLE, "-f", "json").stdout)["rows"]
    ranks = [r["rank"] for r in every]
    for index, row in enumerate(every):  # equal ranges share a rank; the next rank skips
        if index and row["score_range"] == every[index - 1]["score_range"]:
            assert ranks[index] == ranks[index - 1]
        else:
            assert ranks[index] == index + 1
    tidy = run("rank", "--data-dir", SAMPLE, "-f", "csv").stdout.splitlines()
    assert (
        tidy[0]
        == "rank,jurisdiction_id,jurisdiction_name,state,kind,fips,as_of,rubric_id,score,grade,coverage,"
        "score_low,score_high,provisional,settled_by_local,settled_by_state,demand_id,status,settled,weight"
    )
    assert len(tidy) == 1 + 5 * len(every)
    wide = run("rank", "--data-dir", SAMPLE, "-f", "csv", "--wide").stdout.splitlines()
    assert len(wide) == 1 + len(every)


def test_rank_weights_change_scores_by_the_formula(run: Run) -> None:
    credit = {"met": 1.0, "partial": 0.5, "not_met": 0.0, "unknown": 0.0}
    weighted = json.loads(
        run("rank", "--data-dir", SAMPLE, "-f", "json", "--weights", "legal-defense-fund=5").stdout
    )["rows"]
    weights = {
        "no-ice-holds": 1,
        "no-ice-notifications": 1,
        "no-proactive-communication": 1,
        "sensitive-areas": 1,
        "legal-defense-fund": 5,
    }
    for row in weighted:
        expected = (
            100 * sum(weights[d] * credit[s] for d, s in row["statuses"].items()) / sum(weights.values())
        )
        assert row["score"] == pytest.approx(expected, abs=0.05)
    plain = {
        r["id"]: r["score"]
        for r in json.loads(run("rank", "--data-dir", SAMPLE, "-f", "json").stdout)["rows"]
    }
    assert any(plain[r["id"]] != r["score"] for r in weighted)


def test_second_rubric_is_shipped_and_used(run: Run) -> None:
    rubric = json.loads(run("rubric", "-r", "jail-pipeline", "-f", "json").stdout)
    assert [d["weight"] for d in rubric["demands"]] == [3, 3, 2, 1, 1]
    assert rubric["levels"][1] == {"id": "partial", "label": "Partial", "credit": 0.25, "known": True}
    card = json.loads(
        run("assess", "newark", "-r", "jail-pipeline", "--data-dir", SAMPLE, "-f", "json").stdout
    )
    assert card["rubric"]["id"] == "jail-pipeline"
    by_file = run(
        "assess",
        "newark",
        "-r",
        str(REPO / "policies" / "jail-pipeline.yaml"),
        "--data-dir",
        SAMPLE,
        "-f",
        "json",
    )
    assert json.loads(by_file.stdout)["score"] == card["score"]


def test_sensitivity_reports_min_max_ranks_and_correlations(run: Run) -> None:
    report = json.loads(run("sensitivity", "--data-dir", VALID, AS_OF, "-f", "json").stdout)
    assert report["weightings"] == 243
    assert len(report["correlations"]) == 243
    rows = {r["id"]: r for r in report["rows"]}
    dominant = rows["mountain-town"]  # meets every demand: first under every weighting
    assert (dominant["best_rank"], dominant["worst_rank"]) == (1, 1)
    assert all(r["best_rank"] <= r["default_rank"] <= r["worst_rank"] for r in rows.values())
    assert -1 <= report["min_spearman"] <= report["median_spearman"] <= 1
    sampled = json.loads(
        run("sensitivity", "--data-dir", VALID, AS_OF, "-f", "json", "--samples", "50", "--seed", "3").stdout
    )
    assert sampled["weightings"] == 50
    again = json.loads(
        run("sensitivity", "--data-dir", VALID, AS_OF, "-f", "json", "--samples", "50", "--seed", "3").stdout
    )
    assert again == sampled


def test_sensitivity_helpers() -> None:
    assert len(grid_weightings(["a", "b"])) == 9
    drawn = random_weightings(["a", "b", "c"], 4, seed=1)
    assert all(abs(sum(w.values()) - 1) < 1e-4 for w in drawn)
    assert spearman([1, 2, 3], [1, 2, 3]) == 1.0
    assert spearman([1, 2, 3], [3, 2, 1]) == -1.0
    assert spearman([1, 1, 1], [1, 2, 3]) == 1.0


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def test_diff_labels_a_policy_and_an_evidence_change(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(VALID, repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first")
    plant(repo / "cities" / "prairie-city.yaml", "status: partial", "status: met")
    plant(
        repo / "cities" / "lone-star-city.yaml",
        "https://example.org/lonestar/fund",
        "https://example.org/lonestar/fund-2026",
    )
    git(repo, "commit", "-qam", "second")
    monkeypatch.chdir(repo)
    result = run("diff", "HEAD~1", "HEAD", "-f", "json")
    assert result.exit_code == 0, result.stderr
    changes = json.loads(result.stdout)["changes"]
    assert [(c["id"], c["demand"], c["change_kind"]) for c in changes] == [
        ("lone-star-city", "legal-defense-fund", "evidence change"),
        ("prairie-city", "no-ice-notifications", "policy change"),
    ]
    markdown = run("diff", "HEAD~1", "HEAD").stdout
    assert (
        "| policy change | Prairie City (prairie-city) | no-ice-notifications | partial → met |" in markdown
    )
    assert "1 evidence change, 1 policy change." in markdown


def test_diff_of_folders_reports_rubric_and_law_changes(run: Run, tmp_path: Path) -> None:
    old, new = rubric_and_law_editions(tmp_path)
    changes = json.loads(run("diff", old, new, "-f", "json").stdout)["changes"]
    labels = {(c["subject"], c["change_kind"]) for c in changes}
    assert ("rubric", "rubric change") in labels
    assert ("state", "policy change") in labels
    assert not any(c["change_kind"] == "evidence change" for c in changes)


def test_diff_refuses_what_is_neither_folder_nor_revision(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("diff", "nope", "alsonope")
    assert result.exit_code == 1
    assert "is not a folder" in result.stderr


@pytest.fixture
def added_and_removed(tmp_path: Path) -> tuple[Path, Path]:
    """Two editions: the new one drops lone-star-city and adds a copy of mountain-town under a new id."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(VALID, old)
    shutil.copytree(VALID, new)
    (new / "cities" / "lone-star-city.yaml").unlink()
    text = (new / "cities" / "mountain-town.yaml").read_text(encoding="utf-8")
    text = text.replace("id: mountain-town", "id: valley-town").replace('fips: "08999"', 'fips: "08998"')
    (new / "cities" / "valley-town.yaml").write_text(
        text.replace("Mountain Town", "Valley Town"), encoding="utf-8"
    )
    return old, new


def test_diff_shows_the_scores_of_added_and_removed_places(
    run: Run, added_and_removed: tuple[Path, Path]
) -> None:
    old, new = added_and_removed
    result = run("diff", old, new, "-f", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    town = json.loads(run("assess", "mountain-town", "--data-dir", VALID, "-f", "json").stdout)
    lone = json.loads(run("assess", "lone-star-city", "--data-dir", VALID, "-f", "json").stdout)
    scores = {
        s["id"]: (s["old_score"], s["new_score"], s["old_grade"], s["new_grade"]) for s in report["scores"]
    }
    assert scores == {
        "lone-star-city": (lone["score"], None, lone["grade"], None),
        "valley-town": (None, town["score"], None, town["grade"]),
    }
    labels = {c["id"]: (c["change_kind"], c["detail"]) for c in report["changes"]}
    assert labels == {
        "lone-star-city": ("removed", f"score {lone['score']:g} ({lone['grade']})"),
        "valley-town": ("added", f"score {town['score']:g} ({town['grade']})"),
    }
    markdown = run("diff", old, new).stdout  # the default: Markdown, for a pull request
    assert f"| Valley Town County | — | {town['score']:g} ({town['grade']}) | added |" in markdown
    assert f"| Lone Star City | {lone['score']:g} ({lone['grade']}) | — | removed |" in markdown
    assert "1 added, 1 removed." in markdown


def test_diff_as_a_table_has_no_markdown_escapes_and_keeps_ids_whole(
    run: Run, added_and_removed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = added_and_removed
    plant(new / "cities" / "prairie-city.yaml", "status: partial", "status: not_met")
    monkeypatch.setenv("COLUMNS", "60")
    table = run("diff", old, new, "-f", "table").stdout
    assert "not_met" in table
    assert "\\_" not in table
    assert "|" not in table
    for whole in ("(valley-town)", "(lone-star-city)", "no-ice-notifications"):
        assert whole in table
    assert "added" in table
    assert "removed" in table
