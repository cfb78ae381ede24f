"""The fast path: same bytes with and without the cache, with one or two processes; stale entries ignored."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.errors import Issue, Location, Severity, merge_issues, sort_issues

from .conftest import REPO, SAMPLE, Run, plant

pytestmark = pytest.mark.cache  # every test here is about the caches of many files

COMMANDS = [
    ("validate",),
    ("rank", "-f", "json"),
    ("rank", "-f", "csv"),
    ("compare", "--all", "-f", "csv"),
    ("list", "-f", "json"),
    ("sensitivity", "-f", "json", "--samples", "20"),
]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(SAMPLE / "cities", target / "cities")
    shutil.copytree(SAMPLE / "states", target / "states")
    return target


def outputs(run: Run, data: Path, *extra: str) -> list[str]:
    results = []
    for command in COMMANDS:
        result = run(*command, "--data-dir", data, *extra)
        assert result.exit_code == 0, result.stderr
        results.append(result.stdout)
    return results


def cache_files() -> list[Path]:
    return sorted((Path(os.environ["XDG_CACHE_HOME"]) / "scorecard").glob("*.marshal"))


def test_same_bytes_with_and_without_cache_and_with_two_processes(
    run: Run, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = outputs(run, data, "--no-cache")
    assert cache_files() == []  # --no-cache writes nothing
    cold = outputs(run, data)
    assert len(cache_files()) == 1
    warm = outputs(run, data)
    monkeypatch.setenv("SCORECARD_JOBS", "2")
    parallel = outputs(run, data, "--no-cache")
    assert plain == cold == warm == parallel


def test_a_changed_file_is_never_served_from_the_cache(run: Run, data: Path) -> None:
    before = run("rank", "-f", "json", "--data-dir", data).stdout
    path = data / "cities" / "denver.yaml"
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    changed = text.replace("status: not_met", "status: met", 1)
    assert len(changed) == len(text) - 4
    path.write_text(changed.replace("status: met", "status: met    ", 1), encoding="utf-8")  # same size
    assert path.stat().st_size == stat.st_size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same mtime: ctime tells
    after = run("rank", "-f", "json", "--data-dir", data).stdout
    assert after != before
    assert after == run("rank", "-f", "json", "--data-dir", data, "--no-cache").stdout


def test_an_invalid_file_is_reported_warm_as_cold(run: Run, data: Path) -> None:
    plant(data / "cities" / "austin.yaml", "kind: city", "kind: town")
    cold = run("validate", "--data-dir", data)
    warm = run("validate", "--data-dir", data)
    assert cold.exit_code == warm.exit_code == 1
    assert cold.stdout == warm.stdout
    assert "kind: must be one of" in warm.stdout


@pytest.mark.parametrize("damage", [b"", b"not marshal at all", b"\x00" * 64])
def test_a_corrupt_cache_is_ignored(run: Run, data: Path, damage: bytes) -> None:
    expected = run("rank", "-f", "json", "--data-dir", data, "--no-cache").stdout
    run("rank", "-f", "json", "--data-dir", data)
    (cache,) = cache_files()
    cache.write_bytes(damage)
    assert run("rank", "-f", "json", "--data-dir", data).stdout == expected
    assert cache.read_bytes() != damage  # rewritten whole


def test_a_foreign_cache_is_ignored(run: Run, data: Path) -> None:
    """Even a correctly signed cache (our own key) is ignored when its header is not this tool's."""
    import marshal

    from scorecard.checking.cachestore import read_entry, secret, write_entry

    run("rank", "--data-dir", data)
    (cache,) = cache_files()
    key = secret(cache.parent)
    assert key is not None
    payload = read_entry(cache, key)
    assert payload is not None
    header, written, entries = marshal.loads(payload)
    forged = {name: (key, content, ((), None, None)) for name, (key, content, _) in entries.items()}
    write_entry(cache, key, marshal.dumps((("another-tool", *header[1:]), written, forged)))
    expected = run("rank", "-f", "json", "--data-dir", data, "--no-cache").stdout
    assert run("rank", "-f", "json", "--data-dir", data).stdout == expected


def test_removed_files_leave_the_cache(run: Run, data: Path) -> None:
    run("list", "--data-dir", data)
    (data / "cities" / "austin.yaml").unlink()
    ids = run("list", "-f", "json", "--data-dir", data).stdout
    assert '"austin"' not in ids


def test_report_cards_come_back_identical_from_the_card_cache(run: Run, data: Path) -> None:
    formats = ("table", "json", "markdown", "csv", "html")
    cold = [run("assess", "denver", "--data-dir", data, "-f", fmt).stdout for fmt in formats]
    cards = Path(os.environ["XDG_CACHE_HOME"]) / "scorecard" / "cards"
    assert len(list(cards.glob("*.card"))) == len(formats)
    warm = [run("assess", "denver", "--data-dir", data, "-f", fmt).stdout for fmt in formats]
    plain = [run("assess", "denver", "--data-dir", data, "-f", fmt, "--no-cache").stdout for fmt in formats]
    assert cold == warm == plain


def test_a_changed_city_or_state_file_changes_the_card(run: Run, data: Path) -> None:
    before = run("assess", "denver", "--data-dir", data, "-f", "json").stdout
    text = (data / "states" / "co.yaml").read_text(encoding="utf-8")  # SB25-276's floor on sensitive areas
    head, _, tail = text.rpartition("      sensitive-areas:\n        floor: met")
    (data / "states" / "co.yaml").write_text(
        head + "      sensitive-areas:\n        floor: partial" + tail, encoding="utf-8"
    )
    after_state = run("assess", "denver", "--data-dir", data, "-f", "json").stdout
    assert after_state != before
    plant(data / "cities" / "denver.yaml", "status: not_met", "status: met")
    after_city = run("assess", "denver", "--data-dir", data, "-f", "json").stdout
    assert after_city != after_state
    fresh = run("assess", "denver", "--data-dir", data, "-f", "json", "--no-cache").stdout

    assert after_city == fresh


def test_a_failing_card_is_not_cached(run: Run, data: Path) -> None:
    plant(data / "cities" / "denver.yaml", "kind: consolidated-city-county", "kind: metropolis")
    assert run("assess", "denver", "--data-dir", data).exit_code == 1
    assert run("assess", "denver", "--data-dir", data).exit_code == 1
    assert not list((Path(os.environ["XDG_CACHE_HOME"]) / "scorecard" / "cards").glob("*.card"))


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend every file was written long ago, so outputs may be cached (no file counts as racy)."""
    import time

    later = time.time_ns() + 10_000_000_000
    monkeypatch.setattr("scorecard.cli.cache.time.time_ns", lambda: later)


def test_collection_outputs_are_reused_until_a_file_changes(run: Run, data: Path, settled: None) -> None:
    commands = [
        ("rank", "-f", "csv"),
        ("list",),
        ("compare", "--state", "CO"),
        ("sensitivity", "--samples", "5"),
    ]
    first = [run(*c, "--data-dir", data).stdout for c in commands]
    cards = Path(os.environ["XDG_CACHE_HOME"]) / "scorecard" / "cards"
    assert len(list(cards.glob("*.card"))) == len(commands)
    assert [run(*c, "--data-dir", data).stdout for c in commands] == first
    plant(data / "cities" / "denver.yaml", "name: Denver", "name: Denver City")
    changed = [run(*c, "--data-dir", data).stdout for c in commands]
    assert ["Denver City" in text for text in changed[:3]] == [True, True, True]
    assert changed == [run(*c, "--data-dir", data, "--no-cache").stdout for c in commands]


def test_recently_changed_files_are_never_cached_as_output(run: Run, data: Path) -> None:
    plant(data / "cities" / "denver.yaml", "name: Denver", "name: Denver City")  # changed just now
    run("rank", "--data-dir", data)
    cards = Path(os.environ["XDG_CACHE_HOME"]) / "scorecard" / "cards"
    assert not list(cards.glob("*.card"))


_ISSUES = st.lists(
    st.builds(
        Issue,
        st.builds(Location, st.sampled_from(["a.yaml", "b.yaml"]), st.integers(0, 3), st.integers(0, 2)),
        st.sampled_from(list(Severity)),
        st.sampled_from(["x.one", "x.two"]),
        st.sampled_from(["m", "n"]),
        st.sampled_from(["", "k", "j"]),
    ),
    max_size=30,
)


@given(_ISSUES, _ISSUES)
def test_merged_issues_are_the_sorted_issues(others: list[Issue], pooled: list[Issue]) -> None:
    """DataSet.issues merges its two sorted runs; the result is what sorting both together gives."""
    from scorecard.checking.pipeline import DataSet
    from scorecard.checking.pool import issue_of, issue_row
    from scorecard.input.loader import load_rubric

    rubric = load_rubric(REPO / "policies" / "sanctuary.yaml")
    rows = tuple(issue_row(issue) for issue in pooled)
    loaded = DataSet(rubric, {}, issue_rows=rows, other_issues=tuple(sort_issues(others)))
    simple = sort_issues([*sort_issues(others), *(issue_of(row) for row in sorted(rows))])
    assert loaded.issues == simple
    assert [i.key for i in loaded.issues] == [i.key for i in simple]  # `==` ignores the key
    assert merge_issues(sort_issues(pooled), sort_issues(others)) == sort_issues([*pooled, *others])


def test_validate_fills_and_uses_the_file_cache(
    run: Run, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A re-run of `validate`, and a `rank` after it, check no file again (CI often runs both)."""
    from scorecard.checking import pool

    first = run("validate", "--data-dir", data)
    checked: list[int] = []
    compute = pool._compute

    def counting(paths: list[Path], *args: object) -> object:
        checked.append(len(paths))
        return compute(paths, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pool, "_compute", counting)
    again = run("validate", "--data-dir", data)
    ranked = run("rank", "-f", "json", "--data-dir", data)
    assert checked == [0, 0]
    assert again.stdout == first.stdout == run("validate", "--data-dir", data, "--no-cache").stdout
    assert ranked.stdout == run("rank", "-f", "json", "--data-dir", data, "--no-cache").stdout
