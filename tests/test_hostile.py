"""Hostile input: bad files, command-line abuse, unwritable outputs, interrupts, injection, limits.

The corpus lives in tests/data/hostile/<case>/: the files of one self-contained
data folder (cities/x.yaml, states/il.yaml, sometimes policies/), plus

- `expected.txt`: the exact stdout of `scorecard validate` run in that folder;
- `expected.no-libyaml.txt` (optional): the same when PyYAML runs without libyaml;
- `exit_code`: the exit code it must end with.

Cases that need odd bytes, sizes, symlinks or permissions keep their ordinary
files in the folder; `BUILDERS` adds the odd file to a copy at test time.
"""

from __future__ import annotations

import builtins
import csv
import errno
import io
import json
import os
import pathlib
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from yaml.nodes import MappingNode

from scorecard.input import locations, yamlbuild
from scorecard.input.yamlio import HAS_LIBYAML, MAX_FILE_BYTES, parse_document

from .conftest import TESTS, VALID, Run, plant

HOSTILE = TESTS / "data" / "hostile"
CASES = sorted(p.name for p in HOSTILE.iterdir() if p.is_dir())
BASELINE = HOSTILE / "valid-baseline" / "cities" / "x.yaml"
AS_OF = "--as-of=2026-02-01"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
# Root reads and writes files whatever their permission bits. Under root (as in CI) the permission
# cases run the real command in a subprocess with the capabilities that bypass file permissions
# (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) dropped by util-linux's setpriv, so the bits apply.
UNPRIVILEGED = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if IS_ROOT else []
PINNED = "import datetime, scorecard.cli.options as c; c.today = lambda: datetime.date(2026, 12, 2); from scorecard.entry import main; main()"


class Outcome:
    """The parts of a finished command the tests read (like typer's Result)."""

    def __init__(self, done: subprocess.CompletedProcess[str]) -> None:
        self.exit_code = done.returncode
        self.stdout = done.stdout
        self.stderr = done.stderr


def run_unprivileged(*args: str | Path, cwd: Path | None = None) -> Outcome:
    """Run scorecard where file permissions bind (without root's bypass), with today pinned."""
    if IS_ROOT and shutil.which("setpriv") is None:
        pytest.fail("running as root needs util-linux's setpriv to test permission errors")
    env = dict(os.environ, NO_COLOR="1", COLUMNS="100")
    command = [*UNPRIVILEGED, sys.executable, "-c", PINNED, *map(str, args)]
    return Outcome(subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, check=False))


# Raw control characters that must never reach a terminal or a file: C0 (but tab and newline),
# DEL, C1, zero-width and bidirectional controls, BOM.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own empty cache folder: no state leaks in from the user's cache or out to it."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


# --- the corpus ---------------------------------------------------------------


def _baseline() -> bytes:
    return BASELINE.read_bytes()


def _city(folder: Path, raw: bytes) -> None:
    (folder / "cities").mkdir(exist_ok=True)
    (folder / "cities" / "x.yaml").write_bytes(raw)


def _replace(raw: bytes, old: bytes, new: bytes) -> bytes:
    assert old in raw, old
    return raw.replace(old, new, 1)


def _padded(size: int) -> bytes:
    """The baseline city followed by a comment, `size` bytes in all."""
    raw = _baseline() + b"# "
    return raw + b"x" * (size - len(raw) - 1) + b"\n"


def _deep_block(levels: int) -> bytes:
    return b"".join(b" " * i + b"k:\n" for i in range(levels)) + b" " * levels + b"v\n"


def _dangling(folder: Path) -> None:
    (folder / "cities").mkdir(exist_ok=True)
    (folder / "cities" / "x.yaml").symlink_to("gone.yaml")


def _symlink_loop(folder: Path) -> None:
    (folder / "cities").mkdir(exist_ok=True)
    (folder / "cities" / "x.yaml").symlink_to("x.yaml")


def _unreadable(folder: Path) -> None:
    _city(folder, _baseline())
    (folder / "cities" / "x.yaml").chmod(0)


def _rubric_is_a_directory(folder: Path) -> None:
    _city(folder, _baseline())
    (folder / "policies" / "sanctuary.yaml").mkdir(parents=True)


def _rubric_dangling(folder: Path) -> None:
    _city(folder, _baseline())
    (folder / "policies").mkdir()
    (folder / "policies" / "sanctuary.yaml").symlink_to("gone.yaml")


def _state_is_a_directory(folder: Path) -> None:
    _city(folder, _baseline())
    (folder / "states" / "il.yaml").unlink()
    (folder / "states" / "il.yaml").mkdir()


SECRET = b"root:x:0:0:SECRET-TOKEN-do-not-print:/root:/bin/bash\n"


def _link_city(folder: Path, target: str) -> None:
    _city(folder, b"")
    (folder / "cities" / "x.yaml").unlink()
    (folder / "cities" / "x.yaml").symlink_to(target)


def _out_of_folder(folder: Path) -> None:
    (folder / "secret.env").write_bytes(SECRET)  # inside the data folder's root, outside cities/
    _link_city(folder, "../secret.env")


def _fifo(folder: Path) -> None:
    (folder / "cities").mkdir(exist_ok=True)
    os.mkfifo(folder / "cities" / "x.yaml")


def _device(folder: Path) -> None:
    """A character device (the kernel's /dev/zero: 1, 5) made in cities/; needs CAP_MKNOD (root)."""
    (folder / "cities").mkdir(exist_ok=True)
    os.mknod(folder / "cities" / "x.yaml", stat.S_IFCHR | 0o644, os.makedev(1, 5))


def _state_to_dev_zero(folder: Path) -> None:
    _city(folder, _baseline())
    (folder / "states" / "il.yaml").unlink()
    (folder / "states" / "il.yaml").symlink_to("/dev/zero")


def _many_items_and_a_star_in_a_comment() -> bytes:
    items = b"".join(b"  - x\n" for _ in range(10_000))
    return (
        _replace(_baseline(), b"jail: county\n", b"jail: county\nextra:\n" + items)
        + b"# a * and a & in a comment\n"
    )


def _colliding_number_keys() -> bytes:
    """A megabyte of number keys that all share one hash value: quadratic to put in a dict."""
    modulus = sys.hash_info.modulus  # hash(n) == hash(n + k * modulus)
    keys = []
    size = len(_baseline()) + 20
    for k in range(1, 100_000):
        line = f"  {k * modulus}: a\n".encode()
        if size + len(line) > MAX_FILE_BYTES:
            break
        keys.append(line)
        size += len(line)
    return _replace(_baseline(), b"jail: county\n", b"jail: county\nextra:\n" + b"".join(keys))


BUILDERS: dict[str, Callable[[Path], None]] = {
    "alias-star-in-comment": lambda f: _city(f, _many_items_and_a_star_in_a_comment()),
    "colliding-number-keys": lambda f: _city(f, _colliding_number_keys()),
    "symlink-out-of-folder": _out_of_folder,
    "symlink-to-absolute-path": lambda f: _link_city(f, "/etc/passwd"),
    "symlink-to-dev-stdin": lambda f: _link_city(f, "/dev/stdin"),
    "fifo-instead-of-file": _fifo,
    "device-instead-of-file": _device,
    "state-file-links-to-dev-zero": _state_to_dev_zero,
    "crlf-line-endings": lambda f: _city(f, _baseline().replace(b"\n", b"\r\n")),
    "crlf-with-error": lambda f: _city(
        f, _replace(_baseline(), b"status: met", b"status: no").replace(b"\n", b"\r\n")
    ),
    "utf8-bom": lambda f: _city(f, b"\xef\xbb\xbf" + _baseline()),
    "utf8-bom-then-error": lambda f: _city(f, b"\xef\xbb\xbf" + _replace(_baseline(), b"id: x", b"id: X")),
    "latin1-byte": lambda f: _city(
        f, _replace(_baseline(), b"Example City", "Exampl\xe9 City".encode("latin-1"))
    ),
    "utf16-with-bom": lambda f: _city(f, _baseline().decode().encode("utf-16")),
    "utf16-le-without-bom": lambda f: _city(f, _baseline().decode().encode("utf-16-le")),
    "utf16-be-without-bom": lambda f: _city(f, _baseline().decode().encode("utf-16-be")),
    "control-character": lambda f: _city(f, _replace(_baseline(), b"Example City", b"Example\x1b[31mCity")),
    "nul-byte": lambda f: _city(f, _replace(_baseline(), b"Example City", b"Example\x00City")),
    "file-over-size-limit": lambda f: _city(f, _padded(MAX_FILE_BYTES + 1)),
    "file-at-size-limit": lambda f: _city(f, _padded(MAX_FILE_BYTES)),
    "directory-instead-of-file": lambda f: (f / "cities" / "x.yaml").mkdir(parents=True),
    "dangling-symlink": _dangling,
    "symlink-loop": _symlink_loop,
    "unreadable-file": _unreadable,
    "deep-flow-nesting": lambda f: _city(f, b"id: " + b"[" * 5000 + b"]" * 5000 + b"\n"),
    "deep-block-nesting": lambda f: _city(f, _deep_block(1100)),
    "huge-integer": lambda f: _city(
        f, _replace(_baseline(), b"jail: county\n", b"jail: county\npopulation: " + b"9" * 5000 + b"\n")
    ),
    "state-file-is-a-directory": _state_is_a_directory,
    "rubric-is-a-directory": _rubric_is_a_directory,
    "rubric-dangling-symlink": _rubric_dangling,
}
NEEDS_NON_ROOT = {"unreadable-file"}


def prepare(case: str, tmp_path: Path) -> Path:
    """A writable copy of a corpus folder, with its odd file built."""
    folder = tmp_path / case
    shutil.copytree(HOSTILE / case, folder, ignore=shutil.ignore_patterns("expected*.txt", "exit_code"))
    if case in BUILDERS:
        BUILDERS[case](folder)
    return folder


def expected_stdout(case: str) -> str:
    fallback = HOSTILE / case / "expected.no-libyaml.txt"
    path = fallback if not HAS_LIBYAML and fallback.exists() else HOSTILE / case / "expected.txt"
    return path.read_text(encoding="utf-8")


def expected_code(case: str) -> int:
    return int((HOSTILE / case / "exit_code").read_text(encoding="utf-8"))


def test_corpus_is_complete() -> None:
    assert len(CASES) >= 40
    for case in CASES:
        folder = HOSTILE / case
        assert (folder / "expected.txt").is_file(), case
        assert expected_code(case) in (0, 1), case
        assert (folder / "cities" / "x.yaml").is_file() or case in BUILDERS, case
    assert set(BUILDERS) <= set(CASES)


def test_the_bomb_is_about_one_kilobyte() -> None:
    size = (HOSTILE / "alias-bomb" / "cities" / "x.yaml").stat().st_size
    assert 900 <= size <= 1024


@pytest.mark.parametrize("case", CASES)
def test_corpus_case_gives_its_exact_lines(
    case: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = prepare(case, tmp_path)
    monkeypatch.chdir(folder)
    result = run_unprivileged("validate", cwd=folder) if case in NEEDS_NON_ROOT else run("validate")
    assert (result.exit_code, result.stdout, result.stderr) == (
        expected_code(case),
        expected_stdout(case),
        "",
    )
    assert not list(folder.rglob("pwned")), "a YAML tag ran code"


@pytest.mark.parametrize("case", sorted(set(CASES) - NEEDS_NON_ROOT))
def test_corpus_case_names_each_key_in_json(
    case: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every problem under a key names it in validate's JSON (a duplicate key, a tag, a value...)."""
    from .test_validate import keyless

    monkeypatch.chdir(prepare(case, tmp_path))
    for issue in json.loads(run("validate", "-f", "json").stdout):
        assert issue["key"] or keyless(issue["code"]), issue


@pytest.mark.parametrize("command", ["assess", "rank"])
@pytest.mark.parametrize("case", CASES)
def test_corpus_case_fails_the_same_way_in_every_command(
    case: str, command: str, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What validate reports, the reporting commands report too (same lines, same exit code).

    `assess` loads one city, its state and the rubric; `rank` loads everything.
    """
    folder = prepare(case, tmp_path)
    monkeypatch.chdir(folder)
    args = [command, AS_OF, "-f", "json"] + (["x"] if command != "rank" else [])
    result = run_unprivileged(*args, cwd=folder) if case in NEEDS_NON_ROOT else run(*args)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.exit_code == expected_code(case), output
    if expected_code(case) == 0:
        assert result.stderr == ""
        return
    assert result.stdout == ""
    assert result.stderr.startswith("scorecard: error: ")
    wanted = [line for line in expected_stdout(case).splitlines() if "error[" in line]
    missing = [line for line in wanted if line not in result.stderr.splitlines()]
    assert not missing, result.stderr


def test_a_kilobyte_alias_bomb_is_refused_fast() -> None:
    raw = (HOSTILE / "alias-bomb" / "cities" / "x.yaml").read_bytes()
    started = time.perf_counter()
    doc = parse_document(raw, "cities/x.yaml")
    elapsed = time.perf_counter() - started
    assert [issue.code for issue in doc.issues] == ["yaml.alias-limit"]
    assert doc.data is None
    assert elapsed < 1.0  # it expands to 12**9 nodes; refusing it takes microseconds


def test_too_many_files_is_one_clear_error(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = prepare("valid-baseline", tmp_path)
    _city(folder, _baseline())

    def add(name: str, fips: str) -> None:
        raw = _replace(_replace(_baseline(), b"id: x", f"id: {name}".encode()), b"1799990", fips.encode())
        (folder / "cities" / f"{name}.yaml").write_bytes(raw)

    add("y", "1799991")
    add("z", "1799992")
    monkeypatch.chdir(folder)
    monkeypatch.setattr(locations, "MAX_FILES", 3)
    at_limit = run("validate")
    assert (at_limit.exit_code, at_limit.stdout) == (0, "All 4 files valid.\n")
    add("w", "1799993")
    for args in (["validate"], ["rank", AS_OF], ["list"]):
        result = run(*args)
        assert (result.exit_code, result.stdout, result.stderr) == (
            1,
            "",
            "scorecard: error: cities holds 4 files, more than the limit of 3\n",
        ), args


# --- command-line abuse: ids ----------------------------------------------------

BAD_IDS = [
    ("../../etc/passwd", "../../etc/passwd"),
    ("/etc/passwd", "/etc/passwd"),
    ("../states/il", "../states/il"),
    ("..", ".."),
    ("prairie-city/../prairie-city", "prairie-city/../prairie-city"),
    ("prairie-city;rm -rf ~", "prairie-city;rm -rf ~"),
    ("$(touch pwned)", "$(touch pwned)"),
    ("`id`", "`id`"),
    ("prairie-city|cat", "prairie-city|cat"),
    ("pr\u0430irie-city", "pr\u0430irie-city"),  # Cyrillic a
    ("\uff50rairie-city", "\uff50rairie-city"),  # fullwidth p
    ("prairie\u2010city", "prairie\u2010city"),  # Unicode hyphen
    ("prairie-city\u200b", "prairie-city\\u200b"),  # zero-width space, shown visibly
    ("\u202eytic-eiriarp", "\\u202eytic-eiriarp"),  # right-to-left override, shown visibly
    ("\x1b[31mprairie-city", "\\x1b[31mprairie-city"),
    ("[bold]prairie-city[/]", "[bold]prairie-city[/]"),
    ("", ""),
    ("a" * 121, "a" * 121),
]
NAMES_NOT_PATHS = ["prairie city", "Prairie-City", "prairie--city", "prairie-city.yaml", "Prairie City, IL"]


@pytest.fixture
def opened(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every file under the data folder that the code opens, through any of the usual doors."""
    seen: list[str] = []
    root = data_copy.resolve()

    def note(target: object) -> None:
        if isinstance(target, str | bytes | os.PathLike):
            name = os.fsdecode(target)
            if Path(name).resolve().is_relative_to(root):
                seen.append(name)

    real_open = builtins.open
    real_os_open = os.open
    real_path_open = pathlib.Path.open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        note(file)
        return real_open(file, *args, **kwargs)

    def guarded_os_open(path: Any, *args: Any, **kwargs: Any) -> int:
        note(path)
        return real_os_open(path, *args, **kwargs)

    def guarded_path_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        note(self)
        return real_path_open(self, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    monkeypatch.setattr(pathlib.Path, "open", guarded_path_open)
    monkeypatch.chdir(data_copy)
    return seen


def test_the_open_guard_sees_real_reads(run: Run, data_copy: Path, opened: list[str]) -> None:
    """A control for the test below: a good id does open files, and the guard records them."""
    assert run("assess", "prairie-city", "--data-dir", data_copy, AS_OF).exit_code == 0
    assert any(name.endswith("prairie-city.yaml") for name in opened)
    assert any(name.endswith("sanctuary.yaml") for name in opened)


@pytest.mark.parametrize("command", ["assess", "history"])
@pytest.mark.parametrize("name", NAMES_NOT_PATHS)
def test_names_are_matched_against_the_data_never_opened_as_paths(
    run: Run, data_copy: Path, opened: list[str], command: str, name: str
) -> None:
    result = run(command, name, "--data-dir", data_copy, AS_OF)
    assert "Traceback" not in result.stderr
    if name == "prairie-city.yaml":  # read as a name, which no file has: never as the file's path
        assert result.exit_code == 1
        assert "no jurisdiction 'prairie-city.yaml'" in result.stderr
    else:  # a name, in any case and spacing, or with its state; no file is opened by its text
        assert result.exit_code == 0, result.stderr
        assert not [path for path in opened if name in path]


@pytest.mark.parametrize("command", ["assess", "history"])
@pytest.mark.parametrize(("bad", "shown"), BAD_IDS)
def test_ids_that_are_not_slugs_are_refused_before_any_file_is_opened(
    run: Run, data_copy: Path, opened: list[str], command: str, bad: str, shown: str
) -> None:
    result = run(command, bad, "--data-dir", data_copy)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"scorecard: error: '{shown}' is not a jurisdiction id or name: use an id like 'denver' or "
        "'cook-county', a name like \"Cook County, IL\", or a FIPS code like 16001\n",
    )
    assert opened == []
    assert not (data_copy / "pwned").exists()


@pytest.mark.parametrize("command", ["assess", "history"])
def test_an_id_that_looks_like_an_option_is_a_usage_error(
    run: Run, data_copy: Path, opened: list[str], command: str
) -> None:
    result = run(command, "-prairie", "--data-dir", data_copy)
    assert (result.exit_code, result.stdout) == (2, "")
    assert "No such option" in result.stderr
    assert opened == []


def test_an_id_with_a_newline_is_shown_on_one_line(run: Run, data_copy: Path, opened: list[str]) -> None:
    """The refusal is one line: a newline in the argument must not start a second, forged line."""
    result = run("assess", "prairie-city\nscorecard: all good", "--data-dir", data_copy)
    assert result.exit_code == 1
    assert result.stderr == (
        "scorecard: error: 'prairie-city\\nscorecard: all good' is not a jurisdiction id or name: use an "
        "id like 'denver' or 'cook-county', a name like \"Cook County, IL\", or a FIPS code like 16001\n"
    )
    assert opened == []


def test_assess_etc_passwd_in_a_real_process(tmp_path: Path) -> None:
    result = subprocess.run(
        [*scorecard_command(), "assess", "../../etc/passwd", "--data-dir", str(VALID)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "'../../etc/passwd' is not a jurisdiction id" in result.stderr
    assert "root:" not in result.stderr


# --- command-line abuse: --output -------------------------------------------------

WRITERS = [
    ["assess", "prairie-city", AS_OF, "-f", "markdown"],
    ["rank", AS_OF, "-f", "csv"],
    ["list", "-f", "json"],
    ["history", "prairie-city", AS_OF],
    ["rubric"],
    ["validate"],
]


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


@pytest.mark.parametrize("args", WRITERS, ids=lambda a: a[0])
def test_output_into_a_missing_folder(run: Run, tmp_path: Path, args: list[str]) -> None:
    target = tmp_path / "no" / "such" / "report.txt"
    result = run(*args, "--data-dir", VALID, "-o", target)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"scorecard: error: cannot write {target}: the folder {target.parent} does not exist\n",
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", WRITERS, ids=lambda a: a[0])
def test_output_onto_a_folder(run: Run, tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "keep.txt").write_text("keep\n", encoding="utf-8")
    before = snapshot(tmp_path)
    result = run(*args, "--data-dir", VALID, "-o", tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"scorecard: error: cannot write {tmp_path}: it is a directory\n",
    )
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("args", WRITERS, ids=lambda a: a[0])
def test_output_below_a_file(run: Run, tmp_path: Path, args: list[str]) -> None:
    """`-o notes.txt/report.out`: the parent exists but is a file, and the message says so."""
    parent = tmp_path / "notes.txt"
    parent.write_text("notes\n", encoding="utf-8")
    target = parent / "report.out"
    result = run(*args, "--data-dir", VALID, "-o", target)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"scorecard: error: cannot write {target}: {parent} is not a folder\n",
    )
    assert snapshot(tmp_path) == {"notes.txt": b"notes\n"}


@pytest.mark.parametrize("args", WRITERS, ids=lambda a: a[0])
def test_output_onto_a_read_only_file_keeps_it_byte_identical(tmp_path: Path, args: list[str]) -> None:
    target = tmp_path / "locked.txt"
    target.write_bytes(b"previous\r\nbytes\x00\n")
    target.chmod(stat.S_IRUSR)
    result = run_unprivileged(*args, "--data-dir", VALID, "-o", target)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"scorecard: error: cannot write {target}: the file is read-only\n",
    )
    assert snapshot(tmp_path) == {"locked.txt": b"previous\r\nbytes\x00\n"}


def test_output_into_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "report.md").write_text("previous\n", encoding="utf-8")
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    target = folder / "report.md"
    try:
        result = run_unprivileged("assess", "prairie-city", "--data-dir", VALID, "-o", target)
        assert (result.exit_code, result.stdout, result.stderr) == (
            1,
            "",
            f"scorecard: error: cannot write {target}: permission denied in {folder}\n",
        )
        assert snapshot(folder) == {"report.md": b"previous\n"}
    finally:
        folder.chmod(stat.S_IRWXU)


@pytest.mark.parametrize("args", WRITERS, ids=lambda a: a[0])
def test_a_failed_write_keeps_the_previous_file_byte_identical(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    """The disk fills up while the new file is written: the old one stays, no temporary file is left."""
    target = tmp_path / "report.txt"
    target.write_bytes(b"previous\n")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = run(*args, "--data-dir", VALID, "-o", target)
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        f"scorecard: error: cannot write {target}: No space left on device\n",
    )
    assert snapshot(tmp_path) == {"report.txt": b"previous\n"}


def test_an_unwritable_target_in_a_real_process_keeps_the_previous_file(tmp_path: Path) -> None:
    """A file-size limit (RLIMIT_FSIZE) makes the write fail even for root."""
    target = tmp_path / "out.csv"
    target.write_bytes(b"previous,bytes\r\n")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (256, 256))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    result = subprocess.run(
        [*scorecard_command(), "rank", "-f", "csv", "-o", "out.csv", "--data-dir", str(VALID), AS_OF],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_env(),
        preexec_fn=limit,  # the limit must be set in the child; no threads run here
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        "scorecard: error: cannot write out.csv: File too large\n",
    )
    assert snapshot(tmp_path) == {"out.csv": b"previous,bytes\r\n"}


def test_a_good_write_leaves_only_the_file(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "rank.csv"
    target.write_text("previous\n", encoding="utf-8")
    result = run("rank", "--data-dir", VALID, AS_OF, "-f", "csv", "-o", target)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert [p.name for p in tmp_path.iterdir()] == ["rank.csv"]
    assert target.read_text(encoding="utf-8").startswith("rank,jurisdiction_id,")


# --- real processes: interrupts and memory -------------------------------------------


def scorecard_command() -> list[str]:
    script = Path(sys.executable).with_name("scorecard")
    return [str(script)] if script.exists() else [sys.executable, "-m", "scorecard"]


def clean_env() -> dict[str, str]:
    """The environment of a child process: no data folder, plain output, the test's own cache."""
    env = {k: v for k, v in os.environ.items() if k not in ("SCORECARD_DATA_DIR", "GITHUB_ACTIONS")}
    env.update(NO_COLOR="1", COLUMNS="100", PYTHONDONTWRITEBYTECODE="1")
    return env


@pytest.fixture(scope="module")
def big_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3000 valid cities (copies of prairie-city with new ids and distinct Illinois GEOIDs)."""
    root = tmp_path_factory.mktemp("big")
    (root / "cities").mkdir()
    shutil.copytree(VALID / "states", root / "states")
    text = (VALID / "cities" / "prairie-city.yaml").read_text(encoding="utf-8")
    assert 'fips: "1799990"' in text
    for index in range(3000):
        city = f"city-{index:04d}"
        body = text.replace("id: prairie-city", f"id: {city}").replace('"1799990"', f'"17{index:05d}"')
        (root / "cities" / f"{city}.yaml").write_text(body, encoding="utf-8")
    return root


def _command_started(pid: int) -> bool:
    """Whether the command body runs: it imports pydantic lazily, the CLI start-up does not."""
    try:
        return "pydantic_core" in Path(f"/proc/{pid}/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


@pytest.mark.parametrize("previous", [b"previous,output\n", None], ids=["existing", "absent"])
def test_sigint_leaves_no_partial_output_and_exits_130(
    big_data: Path, tmp_path: Path, previous: bytes | None
) -> None:
    work = tmp_path / "work"
    shutil.copytree(big_data, work, symlinks=True)
    target = work / "out.csv"
    if previous is not None:
        target.write_bytes(previous)
    process = subprocess.Popen(
        [*scorecard_command(), "rank", "-f", "csv", "-o", "out.csv", AS_OF],
        cwd=work,
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 10
        while not _command_started(process.pid) and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        time.sleep(0.4)  # well into loading 3000 files, which takes seconds
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 130, err
    assert out == b""
    assert err == b"scorecard: interrupted\n"
    assert b"Traceback" not in out + err
    if previous is None:
        assert not target.exists()
    else:
        assert target.read_bytes() == previous
    assert list(work.glob(".out.csv.*")) == []


# A child's peak RSS counts the pages it shared with its parent before exec, so measuring from a big
# pytest process would report pytest's size. A small launcher process starts scorecard and reports its
# child's peak instead.
LAUNCHER = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[2:], timeout=60)
with open(sys.argv[1], "w") as report:
    report.write(f"{done.returncode} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
"""


def peak_memory(args: list[str], cwd: Path) -> tuple[int, int, str]:
    """Run scorecard; return (exit code, peak resident memory in bytes, stdout and stderr)."""
    report = cwd / ".peak"
    launched = subprocess.run(
        [sys.executable, "-c", LAUNCHER, str(report), *scorecard_command(), *args],
        cwd=cwd,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    code, peak = (int(value) for value in report.read_text(encoding="utf-8").split())
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss is in KiB on Linux, bytes on macOS
    return code, peak * scale, launched.stdout + launched.stderr


@pytest.mark.parametrize("case", ["alias-bomb", "alias-self-reference", "deep-flow-nesting"])
def test_bombs_keep_memory_bounded(case: str, tmp_path: Path) -> None:
    folder = prepare(case, tmp_path)
    code, peak, text = peak_memory(["validate"], folder)
    assert code == 1
    assert "Traceback" not in text
    assert "error[yaml." in text
    assert peak < 200 * 1024 * 1024, f"peak memory {peak / 2**20:.0f} MiB"


# --- injection: data text is inert in every command and format ----------------------------

NAME = (
    '=HYPERLINK("https://evil.test","Evil") [bold red]Evil[/] [/] \x1b[31mred\x1b[0m '
    "\x1b]8;;https://evil.test\x07link\x1b]8;;\x07 \x9b2J \u202eelif <script>alert(1)</script> | a |"
)
OPERATOR = "+SUM(1,2) [link=https://evil.test]click[/link] <b>x</b>"
SUMMARY = "@SUM(1+1)\n| a | b |\n# heading\n[click](javascript:alert(1)) \x1b[2J\r\n-2+3"
SOURCE_TITLE = "-2+3 ![img](https://evil.test/x.png) <img src=x onerror=alert(1)> [/]"
SOURCE_URL = "https://evil.test/a)](javascript:alert(1))"
LAW_TITLE = "=cmd|' /C calc'!A0 [blink]law[/blink] [/]\n| x |"
NOTES = "\x1b]0;pwned\x07 notes [/] <script>x</script>"
RUBRIC_TITLE = "Five demands [/] [bold]for[/bold] <script>a</script> | x"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?\d+(\.\d+)?")


@pytest.fixture
def hostile_data(data_copy: Path) -> Path:
    city = data_copy / "cities" / "prairie-city.yaml"
    plant(city, "name: Prairie City", f"name: {json.dumps(NAME)}")
    plant(city, "jail_operator: Fixture County Sheriff", f"jail_operator: {json.dumps(OPERATOR)}")
    plant(
        city,
        "summary: City employees may not ask about immigration status.",
        f"summary: {json.dumps(SUMMARY)}",
    )
    plant(city, "title: Fixture ordinance", f"title: {json.dumps(SOURCE_TITLE)}")
    plant(city, "url: https://example.org/prairie/ordinance", f"url: {json.dumps(SOURCE_URL)}")
    plant(city, "last_reviewed: 2026-01-15", f"last_reviewed: 2026-01-15\nnotes: {json.dumps(NOTES)}")
    plant(data_copy / "states" / "il.yaml", "title: Fixture TRUST Act", f"title: {json.dumps(LAW_TITLE)}")
    plant(
        data_copy / "policies" / "sanctuary.yaml",
        "title: Five demands for a sanctuary city",
        f"title: {json.dumps(RUBRIC_TITLE)}",
    )
    return data_copy


REPORTS = [
    ["assess", "prairie-city", AS_OF],
    ["compare", "prairie-city", "lone-star-city", AS_OF],
    ["rank", AS_OF],
    ["list"],
    ["history", "prairie-city", AS_OF],
]


def strings_in(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
@pytest.mark.parametrize("args", REPORTS, ids=lambda a: a[0])
def test_data_text_is_inert(
    run: Run, hostile_data: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], fmt: str
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # wide enough that no cell is cut
    result = run(*args, "--data-dir", hostile_data, "-f", fmt)
    assert (result.exit_code, result.stderr) == (0, "")
    out = result.stdout
    assert not UNSAFE.findall(out), UNSAFE.findall(out)
    if fmt == "table":
        assert "[bold red]Evil[/] [/]" in out  # markup shown as typed, not applied
        assert "\\x1b[31mred" in out  # escape sequences shown visibly
        if args[0] in ("rank", "compare"):
            assert RUBRIC_TITLE in out
    elif fmt == "json":
        found = set(strings_in(json.loads(out)))
        assert NAME in found
        if args[0] == "assess":
            assert {SUMMARY, OPERATOR, SOURCE_TITLE, SOURCE_URL, NOTES} <= found
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len({len(row) for row in rows}) == 1  # no row broken by a newline or a quote
        for cell in (cell for row in rows[1:] for cell in row):
            assert not cell.startswith(FORMULA_START) or NUMBER.fullmatch(cell), cell
        if args[0] != "history":
            assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)
    else:
        lowered = out.lower()
        assert "<script" not in lowered
        assert "<img" not in lowered
        assert "<b>" not in lowered
        assert "&lt;script&gt;" in lowered
        assert not re.search(r"(?<!\\)\]\(javascript:", out)  # an escaped \] makes no link
        assert not any(line.startswith("# heading") for line in out.splitlines())
        lines = out.splitlines()
        for index, line in enumerate(lines):
            if line.startswith(("| ---", "| :--")):
                header = unescaped_pipes(lines[index - 1])
                for row in lines[index + 1 :]:
                    if not row.startswith("|"):
                        break
                    assert unescaped_pipes(row) == header, row


def test_rubric_text_is_inert(run: Run, hostile_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "1000")
    table = run("rubric", "--data-dir", hostile_data)
    assert (table.exit_code, table.stderr) == (0, "")
    assert RUBRIC_TITLE in table.stdout
    markdown = run("rubric", "--data-dir", hostile_data, "-f", "markdown")
    assert (markdown.exit_code, markdown.stderr) == (0, "")
    assert "<script>" not in markdown.stdout
    assert "&lt;script&gt;" in markdown.stdout


@pytest.fixture
def hostile_validate(tmp_path: Path) -> Path:
    folder = prepare("valid-baseline", tmp_path)
    raw = _replace(_baseline(), b"status: met", b'status: "\\e[2J[bold]met[/] <script>"')
    raw = _replace(
        raw,
        b"jail: county\n",
        b'jail: county\n"\\e]8;;https://evil.test\\a=evil[/]|x|\\n::error file=cities/y.yaml::forged": 1\n',
    )
    (folder / "cities" / "x.yaml").write_bytes(raw)
    (folder / "cities" / "e\x1b[31mvil.yaml").write_bytes(b"- a list\n")
    return folder


def test_validate_text_is_one_line_per_issue_and_inert(
    run: Run, hostile_validate: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile_validate)
    issues = json.loads(run("validate", "-f", "json").stdout)
    assert len(issues) == 3
    result = run("validate", "-f", "text")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert not UNSAFE.findall(result.stdout)
    assert len(lines) == len(issues) + 1, lines
    assert not any(line.startswith("::") for line in lines)
    assert lines[-1] == "3 errors, 0 warnings in 3 files."


def test_validate_json_keeps_the_text_exactly(
    run: Run, hostile_validate: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile_validate)
    result = run("validate", "-f", "json")
    assert result.exit_code == 1
    assert not UNSAFE.findall(result.stdout)
    issues = json.loads(result.stdout)
    assert issues[0]["path"] == "cities/e\x1b[31mvil.yaml"
    key = "\x1b]8;;https://evil.test\x07=evil[/]|x|\n::error file=cities/y.yaml::forged"
    assert any(issue["key"] == key for issue in issues)


def test_validate_github_annotations_cannot_be_forged(
    run: Run, hostile_validate: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(hostile_validate)
    result = run("validate", "-f", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert not UNSAFE.findall(result.stdout), UNSAFE.findall(result.stdout)
    assert len(lines) == 4
    assert all(line.startswith("::error file=cities/") for line in lines[:-1])
    # GitHub reads a workflow command only at the start of a line; data text stays inside its line.
    assert sum(line.startswith("::") for line in lines) == 3


# --- time: every per-file step is linear in the file's size (benchmarks/quadratic.py times them) ---


def _megabyte_of(line: Callable[[int], str]) -> bytes:
    parts = [_baseline()]
    size = len(parts[0])
    index = 0
    while size + len(encoded := line(index).encode()) <= MAX_FILE_BYTES:
        parts.append(encoded)
        size += len(encoded)
        index += 1
    return b"".join(parts)


@pytest.mark.parametrize(
    ("case", "line", "code"),
    [
        ("unknown keys", lambda i: f"unknown-{i:06d}: x\n", "schema.extra_forbidden"),
        ("duplicate keys", lambda i: f"k{i % 30_000:05d}: x\n", "yaml.duplicate-key"),
        ("one key repeated", lambda _: "name: Example City\n", "yaml.duplicate-key"),
    ],
)
def test_a_megabyte_of_bad_keys_is_checked_in_linear_time(
    case: str, line: Callable[[int], str], code: str, tmp_path: Path
) -> None:
    """Locating each problem rescanned its mapping: 65,000 keys and repeats took 946 s; now seconds."""
    folder = prepare("valid-baseline", tmp_path)
    _city(folder, _megabyte_of(line))
    started = time.perf_counter()
    done = subprocess.run(
        [*scorecard_command(), "validate", "-f", "json"],
        cwd=folder,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=90,  # a quadratic step takes many minutes here; a linear one a few seconds, even on a busy machine
        check=False,
    )
    assert done.returncode == 1, done.stderr
    found = json.loads(done.stdout)
    assert sum(issue["code"] == code for issue in found) > 25_000, case
    assert time.perf_counter() - started < 90


@pytest.mark.parametrize("args", [["validate"], ["assess", "y", AS_OF], ["rank", AS_OF]], ids=lambda a: a[0])
def test_a_crash_while_reading_one_file_is_an_error_of_that_file(
    args: list[str], run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug met while reading one file (here a planted one) is reported with its path; the run goes on."""
    folder = prepare("valid-baseline", tmp_path)
    (folder / "cities" / "y.yaml").write_bytes(
        _replace(_replace(_baseline(), b"id: x", b"id: y"), b"1799990", b"1799991") + b"crash: here\n"
    )
    real = yamlbuild.Loader.build

    def planted(self: yamlbuild.Loader, node: Any, memo: Any) -> Any:
        if isinstance(node, MappingNode) and any(key.value == "crash" for key, _ in node.value):
            raise AssertionError("a planted bug")
        return real(self, node, memo)

    monkeypatch.setattr(yamlbuild.Loader, "build", planted)
    monkeypatch.chdir(folder)
    result = run(*args)
    line = (
        "cities/y.yaml:1:1: error[internal]: internal error while reading this file (AssertionError); "
        "please report it; further problems in this file are not checked until this is fixed"
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    if args[0] == "validate":  # x is still checked: the summary counts all three files
        assert result.stdout == f"{line}\n1 error, 0 warnings in 3 files.\n"
    else:
        assert result.stdout == ""
        assert line in result.stderr.splitlines()
