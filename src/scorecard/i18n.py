"""Interface words in other languages: a message catalog keyed by the English source string.

`translate("es", "Next steps")` gives "Próximos pasos". Catalogs are data
files, `locales/<lang>.yaml`, each a flat mapping from the English text to
its translation, read with the project's safe YAML reader (no tags, no
duplicate keys) and cached. A message missing from a catalog, or a language
without a catalog, falls back to English. Placeholders are `str.format`
fields (`"Score {score}/100"`); values are filled in after translation, so
data never becomes part of a format string.

The rubric's own words (titles, descriptions, criteria, level labels) are
not here: they live in the rubric file's `translations:` block. Data text
(summaries, source titles, law titles) is never translated.
"""

from __future__ import annotations

import functools

SOURCE_LANG = "en"
DATA_LANG = "en"  # data files are written in English; pages in another language mark it so

LANGUAGE_NAMES = {"en": "English", "es": "Español"}  # endonyms: each shown in its own language


def mark(message: str) -> str:
    """Mark a literal for the catalog without translating it yet (like gettext's `N_`)."""
    return message


# Words for the values of data fields, shared by the renderers (translate them where shown).
CONFIDENCE_LABELS = {"high": mark("high"), "medium": mark("medium"), "low": mark("low")}
LITIGATION_LABELS = {
    "pending": mark("pending"),
    "injunction": mark("preliminary injunction in force"),
    "decided": mark("decided"),
    "dismissed": mark("dismissed"),
    "settled": mark("settled"),
    "withdrawn": mark("withdrawn"),
    "appeal": mark("on appeal"),
}
LITIGATION_NOTE = mark("A pending suit does not change any status on this card: only a court ruling does.")
DATA_LANGUAGE_NOTE = mark(
    "Summaries, source titles and the names of laws are shown in their original language (English), "
    "as the data records them."
)


@functools.cache
def catalog(lang: str) -> dict[str, str]:
    """The messages of one language (empty for English or a language without a catalog)."""
    if lang == SOURCE_LANG:
        return {}
    from importlib import resources  # 3 ms, and the CLI imports this module on every run

    resource = resources.files("scorecard").joinpath("locales", f"{lang}.yaml")
    if not resource.is_file():
        return {}
    return parse_catalog(resource.read_bytes(), f"scorecard/locales/{lang}.yaml")


def parse_catalog(raw: bytes, display: str) -> dict[str, str]:
    """A catalog file's messages; bad YAML, a tag, a repeated key or a non-text value is an error."""
    from scorecard.input.yamlio import parse_document

    document = parse_document(raw, display)
    if document.issues:
        raise ValueError("; ".join(str(issue) for issue in document.issues))
    data = document.data
    if not isinstance(data, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in data.items()
    ):
        raise ValueError(f"{display}: expected a mapping of English text to translated text")
    return dict(data)


def translate(lang: str, message: str, /, **values: object) -> str:
    """`message` in `lang` (English when it has no translation), with `values` filled in."""
    text = catalog(lang).get(message, message)
    return text.format(**values) if values else text


def translate_count(lang: str, count: int, one: str, many: str, /, **values: object) -> str:
    """`one` or `many` by `count` ("1 jurisdiction", "2 jurisdictions"), translated, `{count}` filled in."""
    return translate(lang, one if count == 1 else many, count=count, **values)


def language_name(lang: str) -> str:
    """The name of a language in that language ("Español")."""
    return LANGUAGE_NAMES.get(lang, lang)
