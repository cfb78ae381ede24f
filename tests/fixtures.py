"""Build a fixture data folder from a base and a case's changes, instead of keeping near-copies.

A case folder under `tests/data/invalid/` holds:

- `changes.yaml`: for each file of `_base/` it changes, a list of `find`/`replace`
  edits (each `find` occurs exactly once in that file);
- any file of its own (for example a second city), copied as it is;
- `expected.txt` and `exit_code`: what `scorecard validate` prints and returns.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

META = {"changes.yaml", "expected.txt", "exit_code"}


def build_case(case: Path, dest: Path) -> Path:
    """Write the data folder of `case` (its base, changed, plus its own files) into `dest`."""
    shutil.copytree(case.parent / "_base", dest)
    spec = yaml.safe_load((case / "changes.yaml").read_text(encoding="utf-8")) or {}
    for name, edits in (spec.get("changes") or {}).items():
        target = dest / name
        text = target.read_text(encoding="utf-8")
        for edit in edits:
            found = text.count(edit["find"])
            assert found == 1, f"{case.name}: {name}: `find` occurs {found} times, not once"
            text = text.replace(edit["find"], edit["replace"])
        target.write_text(text, encoding="utf-8")
    for path in sorted(case.rglob("*")):
        if path.is_file() and path.name not in META:
            copy = dest / path.relative_to(case)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
    return dest
