"""`--lang es` everywhere: every reporting command, in every format it renders, speaks Spanish.

How the list of forbidden English words is derived (nothing is typed in by hand):

1. Take the English side of the Spanish catalog: the keys of `locales/es.yaml`
   are exactly the interface strings the renderers translate.
2. Split each key into words (letters only, so `{placeholders}`, numbers and
   punctuation drop out) and keep the distinctive ones: four letters or more.
3. Remove the words that are the same in Spanish: any word that occurs in a
   Spanish value of the catalog, its `{placeholders}` left out ("total",
   "local" spelled alike...; a `{score}` in a translation is no Spanish word).
4. Remove the words that the output may rightly contain as data: every word of
   the text the fixture data files hold (names, ids, aliases, summaries, law
   and source titles: any value with a space, and every name, id, alias and
   title) and of the rubric's `origin` (the title and note of its source).
   Keys are not data (`status:`, `coverage`), nor are codes (`status: unknown`,
   `kind: county`), nor research notes (never printed). The rest of the rubric
   file is not data here: its words are translated in its `translations:`
   block, so its English must not show either.

5. For `diff` only, remove the data files' keys too: its details name the
   fields a change touched as they are written in the files ("effective",
   "sources"), so that the reader finds them.

Whatever is left is a word only an untranslated interface string could print.
CSV and JSON are data: their column names and keys stay English (documented
in docs/i18n.md), so only their values that are sentences (text with a space)
are checked. HTML is checked as the text a reader sees (no tags, styles or
scripts). URLs are removed from every output before the check.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from scorecard.render import FORMATS
from tests.conftest import REPO, SAMPLE, Run, plant

WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
CATALOG = yaml.safe_load((REPO / "src" / "scorecard" / "locales" / "es.yaml").read_text(encoding="utf-8"))


def words(text: str) -> set[str]:
    """The words of a text, lower-cased."""
    return {w.lower() for w in WORD.findall(text)}


NAMES = {"id", "name", "aliases", "title", "case", "court", "citation"}  # data text that may be one word


def text_values(node: object, key: str = "") -> list[str]:
    """The text a data file holds for people: sentences and names, not keys, codes or research notes."""
    if isinstance(node, dict):
        return [t for k, v in node.items() if k != "research_note" for t in text_values(v, str(k))]
    if isinstance(node, list):
        return [t for item in node for t in text_values(item, key)]
    if isinstance(node, str) and (" " in node or key in NAMES):
        return [node]
    return []


def keys(node: object) -> set[str]:
    """The keys of a data file, at every depth."""
    if isinstance(node, dict):
        return {str(k) for k in node} | {k for v in node.values() for k in keys(v)}
    if isinstance(node, list):
        return {k for item in node for k in keys(item)}
    return set()


def key_words(folder: Path) -> set[str]:
    """Every word of the data files' keys (`effective`, `since_precision`)."""
    found: set[str] = set()
    for path in sorted(folder.glob("cities/*.yaml")) + sorted(folder.glob("states/*.yaml")):
        found |= words(" ".join(keys(yaml.safe_load(path.read_text(encoding="utf-8")))))
    return found


def data_words(folder: Path) -> set[str]:
    """Every word of the data's text and the rubric's origin: those may appear in any language's output."""
    found: set[str] = set()
    for path in sorted(folder.glob("cities/*.yaml")) + sorted(folder.glob("states/*.yaml")):
        found |= words(" ".join(text_values(yaml.safe_load(path.read_text(encoding="utf-8")))))
    for path in sorted((REPO / "policies").glob("*.yaml")):  # the rubric's source: a title and a note
        found |= words(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8"))["origin"], default=str))
    return found


def english_words(data: Path) -> set[str]:
    """The distinctive English interface words (see the module docstring)."""
    english = set().union(*(words(WORD.sub(lambda m: m[0], re.sub(r"\{[^}]*\}", " ", k))) for k in CATALOG))
    spanish = set().union(*(words(re.sub(r"\{[^}]*\}", " ", v)) for v in CATALOG.values()))
    return {w for w in english if len(w) >= 4} - spanish - data_words(data)


# The reporting commands, with arguments that make each one print something.
COMMANDS: dict[str, tuple[str, ...]] = {
    "AssessReport": ("assess", "denver"),
    "RankReport": ("rank",),
    "CompareReport": ("compare", "denver", "chicago", "travis-county"),
    "HistoryReport": ("history", "chicago"),
    "SensitivityReport": ("sensitivity", "--samples", "50", "--seed", "1"),
    "ListReport": ("list",),
    "RubricReport": ("rubric",),
    "DiffReport": ("diff", "OLD", "NEW"),
}


def test_every_report_type_is_covered() -> None:
    assert set(COMMANDS) == set(FORMATS)


def text_of(fmt: str, output: str) -> str:
    """The interface text of an output: for data formats, the values only (keys/columns are data)."""
    if fmt == "json":
        values: list[str] = []

        def walk(node: object) -> None:
            if isinstance(node, dict):
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)
            elif isinstance(node, str) and " " in node:  # sentences, not codes or ids
                values.append(node)

        walk(json.loads(output))
        return "\n".join(values)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(output)))
        return "\n".join(cell for row in rows[1:] for cell in row if " " in cell)
    if fmt == "html":  # the page's text: no style, script, tags or attributes
        output = re.sub(r"<(style|script)\b.*?</\1>", " ", output, flags=re.S)
        output = html.unescape(re.sub(r"<[^>]*>", " ", output))
    return re.sub(r"https?://\S+", " ", output)


@pytest.fixture
def editions(tmp_path: Path) -> tuple[Path, Path]:
    """Two editions of the sample data for `diff`: one status and one law date changed."""
    old, new = tmp_path / "old", tmp_path / "new"
    for side in (old, new):
        shutil.copytree(SAMPLE, side)
        shutil.copytree(REPO / "policies", side / "policies")
    plant(new / "states" / "tx.yaml", "effective: 2017-09-01", "effective: 2017-09-25")
    return old, new


CASES = [(kind, fmt.value) for kind, formats in FORMATS.items() for fmt in formats]


@pytest.mark.parametrize(("kind", "fmt"), CASES, ids=[f"{k}-{f}" for k, f in CASES])
def test_spanish_output_has_no_english_interface_word(
    run: Run, editions: tuple[Path, Path], kind: str, fmt: str
) -> None:
    old, new = editions
    args = [str(old) if a == "OLD" else str(new) if a == "NEW" else a for a in COMMANDS[kind]]
    data = new if kind == "DiffReport" else SAMPLE
    if kind != "DiffReport":
        args += ["--data-dir", str(SAMPLE)]
    result = run(*args, "--lang", "es", "-f", fmt)
    assert result.exit_code == 0, result.stderr
    forbidden = english_words(data) - (key_words(data) if kind == "DiffReport" else set())
    assert {"statuses", "legend", "weightings", "comparison"} <= forbidden  # words that once leaked
    assert {"score", "grade", "coverage", "unknown", "settled"} <= forbidden  # interface words
    leaks = sorted(words(text_of(fmt, result.stdout)) & forbidden)
    assert not leaks, f"{' '.join(args)} -f {fmt}: English words {leaks}\n{result.stdout}"
