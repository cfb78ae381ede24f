"""Write docs/columns.md from the one column vocabulary, src/scorecard/report/columns.py.

Run after changing the vocabulary: python scripts/columns_doc.py
(tests/test_columns.py fails while the page and the vocabulary list different names).
"""

from __future__ import annotations

import re
from pathlib import Path

from scorecard.report.columns import COLUMNS

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "scorecard" / "report" / "columns.py"
TARGET = ROOT / "docs" / "columns.md"

INTRO = """# Columns and keys

Every CSV column, JSON key and data-package column of scorecard has one name
with one meaning, whatever the command (`assess`, `rank`, `compare`,
`history`, `sensitivity`, `list`, `rubric`, `export`, `diff`). The list is defined
once, in `src/scorecard/report/columns.py` (this page is written from it by
`scripts/columns_doc.py`); `tests/test_columns.py` collects the names from
real output and fails on any name that is not in it.

Conventions:

- JSON nests what CSV flattens, and the flat name joins the two:
  `jurisdiction.id` (and a row's `id` in `rank`, `compare`, `sensitivity`,
  `list`) is `jurisdiction_id` in CSV; `demands[].id` and `demands[].title`
  are `demand_id` and `demand_title`; `law.id` is `law_id`; a lawsuit's
  `status` is `case_status` beside a demand's `status`.
- Per-demand maps in JSON (`statuses`, `local_statuses`, `settled`,
  `law_ids`, `weights`) are keyed by demand id; a wide CSV (`--wide`) has
  one column per demand id, holding its status.
- Booleans are `true` and `false`, in CSV as in JSON.
- A date known only to the year or the month stays so (`2006`, `2017-08`),
  with its precision beside it (`since_precision`, `date_precision`); other
  dates are `YYYY-MM-DD`.
- `score` is always today's score, the low end of the score range;
  `score_low` and `score_high` (CSV) or `score_range` (JSON) give the range.
- Many-row JSON reports (`rank`, `compare`, `sensitivity`, `history`,
  `list`) are objects: their context (`as_of`, `rubric`, `weights`,
  `changed_weights`, `basis`, `lang`), then `rows`.
- Names stay English with `--lang es`; values that are sentences or labels
  follow the language.
"""


def groups() -> list[tuple[str, list[str]]]:
    """The vocabulary's sections (its `# comments`) with their names, in order."""
    found: list[tuple[str, list[str]]] = []
    body = SOURCE.read_text(encoding="utf-8").split("COLUMNS: dict", 1)[1]
    for line in body.splitlines():
        heading = re.match(r"\s+# (.+)$", line)
        if heading:
            found.append((heading[1], []))
            continue
        name = re.match(r'\s+"([a-z0-9_]+)": ', line)
        if name and found:
            found[-1][1].append(name[1])
    return found


def page() -> str:
    """The page's Markdown."""
    lines = [INTRO]
    for title, names in groups():
        lines += [f"## {title[0].upper()}{title[1:]}", "", "| name | meaning |", "| --- | --- |"]
        lines += ["| `" + name + "` | " + COLUMNS[name].replace("|", "\\|") + " |" for name in names]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    TARGET.write_text(page(), encoding="utf-8")
