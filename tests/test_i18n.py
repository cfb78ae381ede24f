"""Translations: every interface string in use has a Spanish entry, and `--lang es` speaks Spanish."""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
import string
from pathlib import Path

import pytest
from jinja2 import Environment
from jinja2.ext import extract_from_ast

import scorecard
from scorecard.i18n import catalog, parse_catalog, translate
from scorecard.input.loader import load_rubric

from .conftest import REPO, SAMPLE, VALID, Run

PACKAGE = Path(scorecard.__file__).resolve().parent
SOURCES = sorted(
    [
        *PACKAGE.glob("render/**/*.py"),
        *PACKAGE.glob("site/*.py"),
        PACKAGE / "scoring" / "advice.py",
        PACKAGE / "scoring" / "sensitivity.py",
        PACKAGE / "service" / "many.py",
        PACKAGE / "service" / "diffing.py",
        PACKAGE / "i18n.py",
        PACKAGE / "vocab.py",
    ]
)
TEMPLATES = sorted((PACKAGE / "templates").glob("*.j2"))
MARKERS = ("translate", "mark", "_")  # translate(lang, "..."), mark("..."), _("...")
AS_OF = "--as-of=2026-02-01"


def message_argument(call: ast.Call) -> ast.expr | None:
    name = call.func.id if isinstance(call.func, ast.Name) else None
    if name == "translate" and len(call.args) >= 2:
        return call.args[1]
    if name in ("mark", "_") and call.args:
        return call.args[0]
    return None


def python_messages() -> dict[str, str]:
    """Literal messages in the renderers and the site, with where they are."""
    found: dict[str, str] = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            arg = message_argument(node)
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.setdefault(arg.value, f"{path.name}:{node.lineno}")
            for form in count_forms(node) + heading_forms(node):  # translate_count(...), headings(lang, ...)
                found.setdefault(form, f"{path.name}:{node.lineno}")
    return found


def count_forms(call: ast.Call) -> list[str]:
    """The singular and plural messages of a `translate_count` call."""
    if not (isinstance(call.func, ast.Name) and call.func.id == "translate_count"):
        return []
    return [a.value for a in call.args[2:4] if isinstance(a, ast.Constant) and isinstance(a.value, str)]


def heading_forms(call: ast.Call) -> list[str]:
    """The messages of a `headings(lang, "Rank", "Score", ...)` call (Markdown column headings)."""
    if not (isinstance(call.func, ast.Name) and call.func.id == "headings"):
        return []
    return [a.value for a in call.args[1:] if isinstance(a, ast.Constant) and isinstance(a.value, str)]


def template_messages() -> dict[str, str]:
    """Literal messages of `_("...")` and `_n("one", "many", count)` calls in the templates."""
    found: dict[str, str] = {}
    env = Environment()
    for path in TEMPLATES:
        tree = env.parse(path.read_text(encoding="utf-8"))
        for line, _, strings in extract_from_ast(tree, gettext_functions=("_", "_n"), babel_style=False):
            for message in strings if isinstance(strings, tuple) else (strings,):
                if isinstance(message, str):
                    found.setdefault(message, f"{path.name}:{line}")
    return found


def used_messages() -> dict[str, str]:
    return {**python_messages(), **template_messages()}


def test_the_extraction_finds_the_renderers_strings() -> None:
    used = used_messages()
    assert len(used) > 200
    for message in ("Next steps", "Score {score}/100", "Ranking", "Texas", "Skip to content", "high"):
        assert message in used


def test_every_string_used_by_the_renderers_has_a_spanish_entry() -> None:
    spanish = catalog("es")
    missing = {message: where for message, where in used_messages().items() if message not in spanish}
    assert missing == {}


def test_the_catalog_has_no_unused_entries() -> None:
    used = used_messages()
    assert sorted(set(catalog("es")) - set(used)) == []


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_translations_keep_their_placeholders() -> None:
    for message, translated in catalog("es").items():
        assert fields(message) == fields(translated), message
        assert translated.strip(), message
        assert translated.startswith(" ") == message.startswith(" "), message  # spacing of fragments


def test_messages_are_literals_or_marked_vocabulary() -> None:
    """A computed message can't be checked for a translation: only literals and the *_LABELS words."""
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or (arg := message_argument(node)) is None:
                continue
            if isinstance(arg, ast.Constant):
                continue
            text = ast.unparse(arg)
            if text in (
                "message",
                "heading",
                "one if count == 1 else many",
            ):  # `_` and `translate_count` passing theirs on
                continue
            marked = ("_LABELS", "STATES", "_NOTE")
            assert any(word in text for word in marked), f"{path.name}:{node.lineno}: {text}"


def test_translate_falls_back_to_english() -> None:
    assert translate("es", "Next steps") == "Próximos pasos"
    assert translate("es", "No such message {x}", x=1) == "No such message 1"
    assert translate("fr", "Next steps") == "Next steps"
    assert translate("en", "Score {score}/100", score="80") == "Score 80/100"
    assert translate("es", "Score {score}/100", score="{0} {x.__class__}") == "Puntaje {0} {x.__class__}/100"


@pytest.mark.parametrize(
    "raw",
    [b"a: b\na: c\n", b"a: !!python/object/apply:os.system [echo]\n", b"a: 1\n", b"- a\n", b"a: [b\n"],
)
def test_catalogs_are_loaded_safely(raw: bytes) -> None:
    with pytest.raises(ValueError, match=r"t\.yaml"):
        parse_catalog(raw, "t.yaml")


def test_the_rubric_is_fully_translated_into_spanish() -> None:
    rubric = load_rubric(REPO / "policies" / "sanctuary.yaml")
    words = rubric.translations["es"]
    assert words.description
    assert set(words.levels) == set(rubric.level_ids)
    assert set(words.demands) == {d.id for d in rubric.demands}
    for demand in rubric.demands:
        text = words.demands[demand.id]
        assert set(text.criteria) == set(rubric.level_ids), demand.id
        assert text.title != demand.title
        assert text.description != demand.description
    spanish = rubric.localized("es")
    assert [d.weight for d in spanish.demands] == [d.weight for d in rubric.demands]
    assert [level.credit for level in spanish.levels] == [level.credit for level in rubric.levels]


def test_assess_in_spanish_on_the_terminal(run: Run) -> None:
    result = run("assess", "denver", "--lang", "es", "--data-dir", SAMPLE, "--as-of", "2026-11-27")
    assert result.exit_code == 0, result.stderr
    out = " ".join(result.stdout.split())
    for text in (
        "Puntaje 80/100",
        "Calificación",
        "Cobertura 100% (5 de 5 resueltas: 5 por la política local, 0 por la ley estatal)",
        "Denver cumple 4 de 5 exigencias. No cumplidas: Sin notificaciones a ICE.",
        "Exigencia",
        "Situación",
        "Sin retenciones para ICE",
        "✔ Cumplida",
        "✘ No cumplida",
        "Próximos pasos",
        "Evidencia",
        "Fuentes:",
        "confianza: alta",
        "idioma original",
    ):
        assert text in out, text
    for english in ("Next steps", "Score 80", "No ICE holds", "Coverage", "Sources:"):
        assert english not in out, english
    assert "The Public Safety Enforcement" in out  # data text stays as written


def test_assess_in_spanish_in_every_format(run: Run) -> None:
    args = ("assess", "prairie-city", "--lang", "es", "--data-dir", VALID, AS_OF)
    data = json.loads(run(*args, "-f", "json").stdout)
    assert data["lang"] == "es"
    assert next(d["title"] for d in data["demands"]) == "Sin retenciones para ICE"
    assert data["demands"][1]["status_label"] == "Parcial"
    assert data["demands"][2]["summary"] == "City employees may not ask about immigration status."
    csv = run(*args, "-f", "csv").stdout
    assert csv.startswith("jurisdiction_id,")  # the header is a data contract: not translated
    assert "Sin retenciones para ICE" in csv
    markdown = run(*args, "-f", "markdown").stdout
    for text in (
        "# Prairie City, IL: ficha de calificación",
        "## Próximos pasos",
        "| Exigencia | Situación |",
    ):
        assert text in markdown
    html = run(*args, "-f", "html").stdout
    assert '<html lang="es">' in html
    assert "Próximos pasos" in html


def test_english_is_the_default_and_unchanged(run: Run) -> None:
    english = run("assess", "prairie-city", "--data-dir", VALID, AS_OF).stdout
    assert english == run("assess", "prairie-city", "--data-dir", VALID, AS_OF, "--lang", "en").stdout
    assert "Next steps" in english


def test_a_rubric_without_the_language_is_a_clear_error(run: Run, data_copy: Path) -> None:
    rubric = data_copy / "policies" / "sanctuary.yaml"
    text = rubric.read_text(encoding="utf-8")
    rubric.write_text(text[: text.index("\ntranslations:")] + "\n", encoding="utf-8")
    result = run("assess", "prairie-city", "--lang", "es", "--data-dir", data_copy, AS_OF)
    assert result.exit_code == 2
    assert "has no translation for language 'es'" in result.stderr
    result = run("site", data_copy.parent / "site", "--data-dir", data_copy, AS_OF)
    assert result.exit_code == 0, result.stderr  # English only: no Spanish pages without a translation
    assert not (data_copy.parent / "site" / "es").exists()


COUNTED = re.compile(r"\{(count|days)\}")


def plain_count_messages() -> list[str]:
    """Messages with a `{count}` or `{days}` that go through `translate` or `_` rather than a plural form."""
    found = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            arg = message_argument(node)
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and COUNTED.search(arg.value):
                found.append(f"{path.name}:{node.lineno}: {arg.value}")
    env = Environment()
    for template in TEMPLATES:
        tree = env.parse(template.read_text(encoding="utf-8"))
        for line, function, strings in extract_from_ast(tree, gettext_functions=("_",), babel_style=False):
            message = strings if isinstance(strings, str) else strings[0] if strings else None
            if function == "_" and isinstance(message, str) and COUNTED.search(message):
                found.append(f"{template.name}:{line}: {message}")
    return found


def test_every_count_phrase_has_a_singular_and_a_plural() -> None:
    """No "1 days" or "1 demand(s)": a number of things is said with translate_count (or `_n`)."""
    assert plain_count_messages() == []
    for message, translated in catalog("es").items():
        assert "(s)" not in message, message
        assert "(s)" not in translated, translated
        assert "(es)" not in translated, translated


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_one_day_and_one_unknown_demand_are_singular(run: Run, fmt: str, lang: str) -> None:
    """Austin (sample data) was reviewed the day before and has one unknown demand."""
    result = run("assess", "austin", "--data-dir", SAMPLE, "--as-of", "2026-12-03", "-f", fmt, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    text = " ".join(re.sub(r"<[^>]+>", " ", result.stdout).split())
    singular = {
        "en": ("(1 day before 2026-12-03)", "1 demand unknown: the score counts it as 0 points"),
        "es": ("(1 día antes del 2026-12-03)", "1 exigencia con situación desconocida: el puntaje la cuenta"),
    }[lang]
    if fmt == "html":  # the page says "1 of 5 demands is unknown"
        singular = (singular[0], {"en": "1 of 5 demands is unknown", "es": "1 de 5 exigencias tiene"}[lang])
    for phrase in singular:
        assert phrase in text, phrase
    assert "1 days" not in text
    assert "1 días" not in text


def test_the_plural_helpers_choose_by_count() -> None:
    from scorecard.render.words import stale_line
    from scorecard.report import Freshness

    fresh = Freshness(last_reviewed=dt.date(2026, 1, 1), age_days=2, max_age_days=1, is_stale=True)
    assert stale_line(fresh, "en") == "Older than 1 day: check the sources again."
    assert stale_line(fresh.model_copy(update={"max_age_days": 2}), "es").startswith("Tienen más de 2 días")
