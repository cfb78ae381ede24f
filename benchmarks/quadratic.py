"""Time `scorecard validate` on the files that made per-file steps quadratic (issue 12).

Each case is one data file of about 1 MiB (the size limit) beside the shipped
rubric and state files; the limit is 2 s each, where the quadratic code took
minutes (946 s for 65,000 keys plus repeats):

- unknown keys: a city whose top level holds about 60,000 unknown fields,
  each an error to locate in the file;
- duplicate keys: 30,000 keys, then each of them again, each repeat an error
  that names the line of the first;
- repeated key: one key repeated about 60,000 times;
- colliding number keys: number keys that all share one hash value (Python's
  dict would take quadratic time to hold them).

    python benchmarks/quadratic.py            # prints the figures; exit 1 if a case takes 2 s or more
    python benchmarks/quadratic.py --limit 5

Each case shows wall time and CPU time (user + system, of scorecard and its
worker processes). A case passes when either is under the limit: on a busy
shared machine the wall time mostly measures waiting for a core, while a
quadratic step shows in both. "CPU x4" is the CPU time of the 1 MiB file
over that of a file a quarter its size: about 4 when the work is linear
(less, as start-up weighs on the small file), about 16 when quadratic.

Standard library only; runs the `scorecard` next to the interpreter.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAX_FILE_BYTES = 1_048_576
SCORECARD = Path(sys.executable).parent / "scorecard"

HEAD = """id: x
name: Example City
state: IL
kind: city
fips: "1799990"
jail: county
last_reviewed: 2026-01-15
demands:
  no-ice-holds: {status: unknown, summary: Not researched.}
  no-ice-notifications: {status: unknown, summary: Not researched.}
  no-proactive-communication: {status: unknown, summary: Not researched.}
  sensitive-areas: {status: unknown, summary: Not researched.}
  legal-defense-fund: {status: unknown, summary: Not researched.}
"""


SIZE = MAX_FILE_BYTES  # the size of each case's file; main() also times a quarter of it


def fill(lines: Callable[[int], str], head: str = HEAD) -> tuple[str, int]:
    """`head` and then `lines(0)`, `lines(1)`, ... up to SIZE bytes; the text and the line count."""
    parts = [head]
    size = len(head)
    count = 0
    while True:
        line = lines(count)
        if size + len(line) > SIZE:
            return "".join(parts), count
        parts.append(line)
        size += len(line)
        count += 1


def unknown_keys() -> tuple[str, int]:
    return fill(lambda i: f"unknown-{i:06d}: x\n")


def duplicate_keys() -> tuple[str, int]:
    half = fill(lambda i: f"k{i:06d}: x\n", "")[1] // 2
    return fill(lambda i: f"k{i % half:06d}: x\n")


def repeated_key() -> tuple[str, int]:
    return fill(lambda _: "name: Example City\n")


def colliding_number_keys() -> tuple[str, int]:
    modulus = sys.hash_info.modulus
    return fill(lambda i: f"  {(i + 1) * modulus}: a\n", HEAD + "extra:\n")


CASES = {
    "unknown keys": unknown_keys,
    "duplicate keys": duplicate_keys,
    "one key repeated": repeated_key,
    "colliding number keys": colliding_number_keys,
}


def time_case(text: str, work: Path) -> tuple[float, float, int, int]:
    """(wall and CPU seconds, exit code, lines printed) of `scorecard validate` on a folder with this city."""
    (work / "cities").mkdir(parents=True)
    shutil.copytree(REPO / "states", work / "states")
    shutil.copytree(REPO / "policies", work / "policies")
    (work / "cities" / "x.yaml").write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCORECARD_")}
    env.update(NO_COLOR="1", SCORECARD_NO_CACHE="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [str(SCORECARD), "validate", "--data-dir", str(work)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, done.returncode, done.stdout.count("\n")


def main() -> int:
    global SIZE  # noqa: PLW0603 (the generators read it)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=float, default=2.0, help="seconds allowed per case (default 2)")
    args = parser.parse_args()
    failed = False
    print(
        f"{'case':<24} {'bytes':>9} {'lines':>7} {'wall s':>7} {'CPU s':>6} {'exit':>5} {'printed':>8}"
        f"  {'CPU x4':>6}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for index, (name, build) in enumerate(CASES.items()):
            SIZE = MAX_FILE_BYTES // 4
            quarter = time_case(build()[0], Path(folder) / f"{index}-quarter")[1]
            SIZE = MAX_FILE_BYTES
            text, lines = build()
            elapsed, cpu, code, printed = time_case(text, Path(folder) / str(index))
            verdict = "PASS" if min(elapsed, cpu) < args.limit and code == 1 else "FAIL"
            failed |= verdict == "FAIL"
            size = len(text.encode())
            print(
                f"{name:<24} {size:>9,} {lines:>7,} {elapsed:>7.2f} {cpu:>6.2f} {code:>5} {printed:>8,}"
                f"  {cpu / quarter:>6.1f}  {verdict}"
            )
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
