"""Hardening (issue 12): each class of attack closed everywhere, each with the test that failed before.

The data-folder cases live in tests/data/hostile/ (run by test_hostile.py); these are the ones
that need a process, a git repository, an output target or a cache.
"""

from __future__ import annotations

import ast
import json
import math
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.checking import pool
from scorecard.input.reading import MAX_FILE_BYTES, read_bytes
from scorecard.render.text import escaped_line, inert, markdown_text
from scorecard.render.to_json import dumps
from scorecard.scoring.sensitivity import MAX_WEIGHTINGS, weightings_for

from .conftest import REPO, VALID, Run, plant
from .test_hostile import AS_OF, SECRET, UNSAFE, clean_env, peak_memory, prepare, scorecard_command

SRC = REPO / "src" / "scorecard"


def process(
    *args: str | Path, cwd: Path, timeout: float = 60, stdin: Any = subprocess.DEVNULL
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*scorecard_command(), *map(str, args)],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=stdin,
        check=False,
    )


# --- 1. one bounded reader -------------------------------------------------------------

# The only modules that may open files themselves, and why.
OPENERS = {
    "input/reading.py": "the one reader of data files",
    "checking/cachestore.py": "cache entries and the cache key, bounded and signed",
    "cli/files.py": "writes outputs",
    "i18n.py": "the packaged message catalogs",
    "input/revisions.py": "writes the files of a revision into a scratch folder",
    "cli/app.py": "opens /dev/null in place of a closed stdout",
    "checking/sources.py": "the packaged list of source hosts",
    "input/counties.py": "the packaged county list",
}


def test_every_file_read_goes_through_the_bounded_reader() -> None:
    """No module but the listed ones calls open/read_bytes/read_text (a cache that hashed a state file
    with path.read_bytes() read /dev/zero whole). Calls of `reading.read_bytes` itself are fine."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        if name in OPENERS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in ("read_bytes", "read_text", "fdopen", "open"):
                is_reader = isinstance(func, ast.Name) and called == "read_bytes"  # reading.read_bytes
                if not is_reader:
                    found.append(f"{name}:{node.lineno}: {called}")
    assert found == [], found


def test_the_reader_refuses_what_is_not_a_regular_file_in_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "cities"
    folder.mkdir()
    (folder / "ok.yaml").write_bytes(b"id: ok\n")
    (folder / "same.yaml").symlink_to("ok.yaml")  # a link inside its folder is followed
    (tmp_path / "secret.env").write_bytes(SECRET)
    (folder / "out.yaml").symlink_to("../secret.env")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(folder / "pipe.yaml")
    assert read_bytes(folder / "ok.yaml", "ok") == (b"id: ok\n", None)
    assert read_bytes(folder / "same.yaml", "same") == (b"id: ok\n", None)
    for name, code in [
        ("out", "file.outside-folder"),
        ("zero", "file.outside-folder"),
        ("pipe", "file.not-a-file"),
    ]:
        raw, problem = read_bytes(folder / f"{name}.yaml", name)
        assert raw is None
        assert problem is not None
        assert problem.code == code
        assert "SECRET" not in problem.message


@pytest.mark.parametrize("command", ["validate", "rank", "list", "assess"])
def test_a_link_out_of_the_folder_is_never_quoted(run: Run, tmp_path: Path, command: str) -> None:
    folder = prepare("symlink-out-of-folder", tmp_path)
    args = [command] + (["x"] if command == "assess" else []) + (["-f", "json"] if command != "list" else [])
    result = process(*args, cwd=folder)
    assert result.returncode == 1, result.stderr
    assert "SECRET" not in result.stdout + result.stderr
    assert "root:" not in result.stdout + result.stderr


@pytest.mark.cache  # the caches hashed files before any size check
@pytest.mark.parametrize(
    ("link", "args"),
    [("states/zz.yaml", ["rank", AS_OF]), ("cities/zz.yaml", ["assess", "zz", AS_OF])],
    ids=["state-rank", "city-assess"],
)
def test_a_link_to_dev_zero_keeps_memory_bounded(tmp_path: Path, link: str, args: list[str]) -> None:
    """Before: the output cache hashed every state file (and the card's city) whole, before any size
    check, and read /dev/zero until memory ran out."""
    folder = prepare("valid-baseline", tmp_path)
    (folder / link).symlink_to("/dev/zero")
    code, peak, text = peak_memory(args, folder)
    assert code == 1, text
    assert "Traceback" not in text
    assert "file.outside-folder" in text
    assert peak < 200 * 1024 * 1024, f"peak memory {peak / 2**20:.0f} MiB"


@pytest.mark.parametrize("args", [["validate"], ["rank", AS_OF], ["list"], ["assess", "x", AS_OF]])
def test_a_fifo_in_cities_does_not_hang(tmp_path: Path, args: list[str]) -> None:
    folder = prepare("valid-baseline", tmp_path)
    os.mkfifo(folder / "cities" / "y.yaml")
    result = process(*args, cwd=folder, timeout=30)
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1)  # list names files only; the others report the FIFO
    if args[0] in ("validate", "rank"):
        assert "cities/y.yaml: error[file.not-a-file]: is a FIFO" in result.stdout + result.stderr


def test_a_link_to_dev_stdin_does_not_block_on_an_open_stdin(tmp_path: Path) -> None:
    folder = prepare("symlink-to-dev-stdin", tmp_path)
    read_end, write_end = os.pipe()  # stdin stays open and empty for the whole run
    try:
        result = process("validate", cwd=folder, timeout=30, stdin=read_end)
    finally:
        os.close(read_end)
        os.close(write_end)
    assert result.returncode == 1
    assert "file.outside-folder" in result.stdout


# --- 2. -o targets ---------------------------------------------------------------------


def test_output_to_dev_null_writes_to_the_device(run: Run) -> None:
    """Before, as root, the atomic rename turned /dev/null into a regular file holding the report."""
    result = run("list", "-f", "csv", "-o", "/dev/null", "--data-dir", VALID)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


@pytest.mark.parametrize("target", ["/dev/stdout", "-"])
def test_output_to_stdout_prints_the_report(tmp_path: Path, target: str) -> None:
    """Before, `-o /dev/stdout` replaced the link and printed nothing."""
    result = process("list", "-f", "csv", "-o", target, "--data-dir", VALID, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("jurisdiction_id,")
    assert Path("/dev/stdout").is_symlink()


def test_output_to_a_fifo_writes_into_it(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run("list", "-f", "csv", "-o", fifo, "--data-dir", VALID)
    reader.join(timeout=30)
    assert (result.exit_code, result.stderr) == (0, "")
    assert received[0].startswith(b"jurisdiction_id,")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_output_onto_a_symlink_is_refused_and_its_target_kept(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_bytes(b"keep\n")
    link = tmp_path / "report.csv"
    link.symlink_to(target)
    result = run("list", "-f", "csv", "-o", link, "--data-dir", VALID)
    assert (result.exit_code, result.stdout) == (1, "")
    assert "is a symbolic link, which -o never follows" in result.stderr
    assert link.is_symlink()
    assert target.read_bytes() == b"keep\n"


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o000])
def test_output_onto_a_file_without_write_bits_is_refused_even_as_root(
    run: Run, tmp_path: Path, mode: int
) -> None:
    """Runs as whoever runs the tests, root included (root could write it; the command must not)."""
    target = tmp_path / "locked.csv"
    target.write_bytes(b"previous\n")
    target.chmod(mode)
    result = run("list", "-f", "csv", "-o", target, "--data-dir", VALID)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"scorecard: error: cannot write {target}: the file is read-only\n",
    )
    assert stat.S_IMODE(target.stat().st_mode) == mode
    target.chmod(0o600)
    assert target.read_bytes() == b"previous\n"


# --- 3. crashes become located errors --------------------------------------------------


def test_a_markup_grade_shows_in_rank_and_rubric(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: `[/]` as a grade passed validate, then rank and rubric crashed in rich's markup parser."""
    folder = prepare("rubric-grade-markup", tmp_path)
    monkeypatch.chdir(folder)
    for args in (["rank", AS_OF], ["rubric"], ["assess", "x", AS_OF], ["compare", "x", "x", AS_OF]):
        result = run(*args)
        assert (result.exit_code, result.stderr) == (0, ""), args
        assert "[/]" in result.stdout, args


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "core.autocrlf=false", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository of the fixture data, one commit."""
    folder = tmp_path / "repo"
    shutil.copytree(VALID, folder)
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "first")
    return folder


def test_diff_with_a_committed_absolute_symlink_is_no_crash(
    run: Run, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: `git archive` + tarfile's data filter raised on the link (exit 3)."""
    (repo / "cities" / "evil.yaml").symlink_to("/etc/passwd")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "link")
    monkeypatch.chdir(repo)
    result = run("diff", "HEAD~1", "HEAD", "-f", "json")
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    assert json.loads(result.stdout)["changes"] == []  # the link is not a data file at the revision
    assert "root:" not in result.stdout


# --- 4. terminal injection from the rubric ------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json", "html"])
@pytest.mark.parametrize(
    "args",
    [["rank", AS_OF], ["assess", "x", AS_OF], ["compare", "x", "x", AS_OF], ["rubric"], ["history", "x"]],
)
def test_an_escape_sequence_in_a_grade_never_reaches_the_output(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], fmt: str
) -> None:
    """A grade of ESC [A moved the cursor, even piped. Every format, every command that shows grades."""
    folder = prepare("rubric-grade-escape", tmp_path)
    monkeypatch.chdir(folder)
    result = run(*args, "-f", fmt)
    if result.exit_code == 2:  # this command has no such format
        assert "output is" in result.stderr
        return
    assert (result.exit_code, result.stderr) == (0, ""), (args, fmt, result.stderr)
    assert not UNSAFE.findall(result.stdout), UNSAFE.findall(result.stdout)


def test_a_terminal_with_colors_gets_styles_but_no_data_escape(tmp_path: Path) -> None:
    """Rich's own styles are escape sequences; the data's are shown escaped (\\x1b[A), on a terminal too."""
    from scorecard.cli.output import render_text
    from scorecard.input.loader import load_rubric
    from scorecard.scoring.card import describe_rubric

    folder = prepare("rubric-grade-escape", tmp_path)
    report = describe_rubric(load_rubric(folder / "policies" / "sanctuary.yaml"))
    text = render_text(report, "table", ("stdout", True, 100, "truecolor", False))
    assert "\x1b[1m" in text  # rich's bold: styles still work
    assert "\x1b[A" not in text
    assert "\\x1b[A" in text


# --- 5. diff trusts the repository less -------------------------------------------------


def test_diff_ignores_export_ignore(run: Run, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: a city added next to a .gitattributes with export-ignore gave "No changes"."""
    text = (repo / "cities" / "prairie-city.yaml").read_text(encoding="utf-8")
    added = text.replace("id: prairie-city", "id: new-city").replace('"1799990"', '"1799991"')
    (repo / "cities" / "new-city.yaml").write_text(
        added.replace("Prairie City", "New City"), encoding="utf-8"
    )
    (repo / ".gitattributes").write_text("cities/** export-ignore\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "add")
    monkeypatch.chdir(repo)
    result = run("diff", "HEAD~1", "HEAD", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "new-city" in {change["id"] for change in json.loads(result.stdout)["changes"]}


def test_diff_reads_committed_bytes_without_export_subst(repo: Path, tmp_path: Path) -> None:
    from scorecard.input.revisions import materialize

    plant(repo / "cities" / "prairie-city.yaml", "name: Prairie City", "name: Prairie City $Format:%H$")
    (repo / ".gitattributes").write_text("*.yaml export-subst\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "subst")
    folder = materialize("HEAD", repo, tmp_path / "scratch")
    committed = (repo / "cities" / "prairie-city.yaml").read_bytes()
    assert (folder / "cities" / "prairie-city.yaml").read_bytes() == committed


def test_diff_takes_only_the_data_folders_yaml_files(repo: Path, tmp_path: Path) -> None:
    from scorecard.input.revisions import materialize

    (repo / "cities" / "blob.bin").write_bytes(b"\0" * (3 * MAX_FILE_BYTES))
    (repo / "cities" / "nested").mkdir()
    (repo / "cities" / "nested" / "deep.yaml").write_text("id: deep\n", encoding="utf-8")
    (repo / "docs").mkdir()
    (repo / "docs" / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "junk")
    folder = materialize("HEAD", repo, tmp_path / "scratch")
    taken = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    expected = sorted(
        p.relative_to(repo).as_posix()
        for p in repo.glob("*/*.yaml")
        if p.parent.name in ("cities", "states", "policies")
    )
    assert taken == expected


def test_diff_refuses_an_oversized_file_before_reading_it(
    run: Run, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "cities" / "huge.yaml").write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "huge")
    monkeypatch.chdir(repo)
    result = run("diff", "HEAD~1", "HEAD")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "cities/huge.yaml is larger than the limit of 1,048,576 bytes" in result.stderr


def test_markdown_escapes_mentions_and_bare_urls() -> None:
    text = markdown_text("@octocat see https://evil.test/x and www.evil.test, mail a@b.org")
    assert "@" not in text
    assert "://" not in text
    assert "www." not in text
    assert text == ("&#64;octocat see https&#58;//evil.test/x and www&#46;evil.test, mail a&#64;b.org")


def test_diff_markdown_pings_nobody(run: Run, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plant(repo / "cities" / "prairie-city.yaml", "name: Prairie City", "name: '@octocat https://evil.test'")
    plant(repo / "cities" / "prairie-city.yaml", "status: partial", "status: met")
    git(repo, "commit", "-qam", "ping")
    monkeypatch.chdir(repo)
    result = run("diff", "HEAD~1", "HEAD", "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "&#64;octocat https&#58;//evil.test" in result.stdout
    assert "@octocat" not in result.stdout


# --- 6. numbers --------------------------------------------------------------------------


def test_json_never_holds_nan_or_infinity() -> None:
    with pytest.raises(ValueError, match="JSON compliant"):
        dumps({"score": math.nan})


def _strict(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"non-standard JSON constant {constant}")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "prairie-city", AS_OF],
        ["rank", AS_OF],
        ["compare", "prairie-city", "lone-star-city", AS_OF],
        ["history", "prairie-city", AS_OF],
        ["list"],
        ["rubric"],
        ["sensitivity", AS_OF, "--samples", "20"],
        ["rank", AS_OF, "--weights", "no-ice-holds=1000000,legal-defense-fund=1000000"],
        ["rank", AS_OF, "--weights", "no-ice-holds=1e-300"],
    ],
    ids=" ".join,
)
def test_every_json_output_parses_with_a_strict_parser(run: Run, data_copy: Path, args: list[str]) -> None:
    result = run(*args, "--data-dir", data_copy, "-f", "json")
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    _strict(result.stdout)


@pytest.mark.parametrize("weights", ["no-ice-holds=1e308,legal-defense-fund=1e308", "no-ice-holds=1e7"])
def test_weights_that_could_overflow_are_a_usage_error(run: Run, weights: str) -> None:
    result = run("rank", "--data-dir", VALID, AS_OF, "-f", "json", "--weights", weights)
    assert (result.exit_code, result.stdout) == (2, "")
    assert "must be a number from 0 to 1,000,000" in result.stderr


def test_a_large_grid_is_sampled_with_a_clear_bound() -> None:
    demands = [f"d{i}" for i in range(14)]
    weightings, method = weightings_for(demands, None, 7)
    assert len(weightings) == MAX_WEIGHTINGS
    assert "4,782,969" in method
    small, how = weightings_for(demands[:5], None, 7)
    assert (len(small), how) == (243, "every weighting with weights 1, 2 or 3 per demand")
    assert len(weightings_for(demands, 50, 7)[0]) == 50


def test_sensitivity_on_fourteen_demands_runs(run: Run, data_copy: Path) -> None:
    """Before: 4.8 million weightings were built up front and the run died with a raw traceback."""
    import yaml

    rubric = data_copy / "policies" / "sanctuary.yaml"
    document = yaml.safe_load(rubric.read_text(encoding="utf-8"))
    extra = [f"extra-{n}" for n in range(9)]
    document["demands"] += [{**document["demands"][0], "id": name} for name in extra]
    document.pop("translations", None)
    rubric.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    claims = "".join(f"  {name}:\n    status: unknown\n    summary: Not researched.\n" for name in extra)
    for city in (data_copy / "cities").glob("*.yaml"):
        plant(city, "demands:\n", "demands:\n" + claims)
    result = run("sensitivity", "--data-dir", data_copy, AS_OF, "-f", "json")
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    report = _strict(result.stdout)
    assert report["weightings"] == MAX_WEIGHTINGS
    assert "4,782,969" in report["method"]


# --- 7. the cache --------------------------------------------------------------------------


def _cache_root() -> Path:
    return Path(os.environ["XDG_CACHE_HOME"]) / "scorecard"


@pytest.mark.cache
def test_a_crafted_five_byte_cache_entry_is_ignored(data_copy: Path) -> None:
    """Before: marshal read a list of 2**31 items from 5 bytes; with address space limited (as in many
    CI runners) that is a MemoryError, exit 3. Now the entry's signature is checked before decoding."""
    import resource

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    def rank(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*scorecard_command(), "rank", AS_OF, "--data-dir", str(data_copy), *extra],
            env=clean_env(),
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=limited,  # set in the child only; no threads run here
            check=False,
        )

    expected = rank("-f", "json", "--no-cache").stdout
    assert rank().returncode == 0  # fills the file cache (table output: the JSON card is not cached)
    (entry,) = _cache_root().glob("*.marshal")
    entry.write_bytes(b"[\xff\xff\xff\x7f")
    result = rank("-f", "json")
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")


@pytest.mark.cache
def test_a_planted_card_is_not_served(run: Run, data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: a card planted under its predictable key was served verbatim, <script> included."""
    monkeypatch.setattr("scorecard.cli.cache.time.time_ns", lambda: 2**62)  # no file counts as racy
    first = run("assess", "prairie-city", "--data-dir", data_copy, AS_OF, "-f", "html")
    (card,) = (_cache_root() / "cards").glob("*.card")
    card.write_bytes(b"<script>alert(1)</script>")
    again = run("assess", "prairie-city", "--data-dir", data_copy, AS_OF, "-f", "html")
    assert (again.exit_code, again.stdout) == (0, first.stdout)
    assert "<script>alert" not in again.stdout


@pytest.mark.cache
def test_the_signing_key_is_private(run: Run, data_copy: Path) -> None:
    run("rank", "--data-dir", data_copy, AS_OF)
    key = _cache_root() / "key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    key.chmod(0o644)  # a key others can read signs nothing: the cache is off
    for entry in _cache_root().glob("*.marshal"):
        entry.unlink()
    run("rank", "--data-dir", data_copy, AS_OF)
    assert list(_cache_root().glob("*.marshal")) == []


@pytest.mark.cache
def test_a_cache_folder_inside_the_data_folder_is_not_used(
    run: Run, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(data_copy / ".cache"))
    result = run("rank", "--data-dir", data_copy, AS_OF)
    assert result.exit_code == 0
    assert not (data_copy / ".cache").exists()
    monkeypatch.setenv("XDG_CACHE_HOME", str(data_copy.parent / "outside"))  # the control: used there
    assert run("rank", "--data-dir", data_copy, AS_OF).exit_code == 0
    assert list((data_copy.parent / "outside" / "scorecard").glob("*.marshal"))


@pytest.mark.cache
def test_a_cache_folder_inside_the_checkout_is_not_used(
    run: Run, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inside = repo / "build" / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(inside))
    monkeypatch.chdir(repo)
    assert run("rank", AS_OF).exit_code == 0
    assert not inside.exists()
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo.parent / "outside"))  # the control: used there
    assert run("rank", AS_OF).exit_code == 0
    assert list((repo.parent / "outside" / "scorecard").glob("*.marshal"))


# --- 8. bulk isolation -------------------------------------------------------------------


@pytest.fixture
def sabotaged(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`oops.yaml` raises inside the check, `boom.yaml` kills the process checking it."""
    real = getattr(pool, "check_file")  # noqa: B009 (the name pool.py imported, replaced below)
    text = (data_copy / "cities" / "prairie-city.yaml").read_text(encoding="utf-8")
    for index, name in enumerate(["oops", "boom", "fine-a", "fine-b", "fine-c"]):
        body = text.replace("id: prairie-city", f"id: {name}").replace('"1799990"', f'"179998{index}"')
        (data_copy / "cities" / f"{name}.yaml").write_text(body, encoding="utf-8")
    plant(data_copy / "cities" / "fine-c.yaml", "status: partial", "status: nope")

    def check(path: Path, *args: Any) -> Any:
        if path.stem == "oops":
            raise RuntimeError("a bug")
        if path.stem == "boom":
            os._exit(9)
        return real(path, *args)

    monkeypatch.setattr(pool, "check_file", check)
    return data_copy


@pytest.mark.parametrize("jobs", ["1", "2", "3"])
def test_a_failing_file_is_an_internal_issue_and_the_rest_arrive(
    run: Run, sabotaged: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    if jobs == "1":
        (sabotaged / "cities" / "boom.yaml").unlink()  # in one process, a dying check is the run dying
    monkeypatch.setenv("SCORECARD_JOBS", jobs)
    monkeypatch.chdir(sabotaged)
    result = run("validate", "-f", "json")
    assert result.exit_code == 1, result.stderr
    issues = json.loads(result.stdout)
    codes = {(issue["path"], issue["code"]) for issue in issues}
    assert ("cities/oops.yaml", "internal") in codes
    if jobs != "1":
        assert ("cities/boom.yaml", "internal") in codes
    assert ("cities/fine-c.yaml", "ref.unknown-status") in codes  # the other files' results arrived
    ranked = run("rank", AS_OF)
    assert ranked.exit_code == 1
    assert "internal error while checking this file" in ranked.stderr


def test_the_pool_gives_results_in_order_after_a_death(monkeypatch: pytest.MonkeyPatch) -> None:
    from scorecard.checking.workers import run_isolated

    def work(item: str) -> str:
        if item == "5":
            os._exit(3)
        return item * 2

    items = [str(i) for i in range(20)]
    got = list(
        run_isolated(
            items,
            work,
            lambda item, why: f"dead {item} {why[:0]}".strip(),
            jobs=3,
            chunk=4,
            start=lambda: None,
        )
    )
    assert got == [("dead 5" if i == "5" else i * 2) for i in items]


def test_readme_states_the_new_rules() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    for phrase in ("Symbolic links", "Special files", "/dev/null", "Cache integrity", "`diff` at a revision"):
        assert phrase in text, phrase
    assert sys.version_info >= (3, 11)


@given(
    st.text(alphabet=st.characters(max_codepoint=0x2070))
    | st.sampled_from(["a\tb", "x\x1b[A", "\u202e", "a\r\nb"])
)
def test_a_clean_line_is_passed_through_and_any_other_escaped_as_before(text: str) -> None:
    """escaped_line skips the work for text with nothing to escape; the result is the simple one's."""
    simple = inert(text).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
    assert escaped_line(text) == simple
