"""Making data text inert: no control sequences, no markup, no formulas.

Data files come from strangers. Whatever they hold is shown as text in every
format: terminal escape sequences and bidirectional-override characters are
replaced by visible `\\x1b`-style escapes, and each format escapes its own
markup (rich markup is never parsed, Markdown and HTML are escaped, CSV cells
that a spreadsheet would run as a formula are prefixed with an apostrophe).
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and Unicode bidi/format controls.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def inert(text: str) -> str:
    """Replace control and bidi-override characters with visible escapes."""
    return _UNSAFE.sub(_escape, text)


_LINE_UNSAFE = re.compile(_UNSAFE.pattern[:-1] + r"\t\n\r]")  # also what leaves a line


def escaped_line(text: str) -> str:
    """Inert text that stays on one line, with line breaks shown as \\n (for diagnostics)."""
    if _LINE_UNSAFE.search(text) is None:
        return text  # the common case, one scan: nothing to escape
    return inert(text).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def one_line(text: str) -> str:
    """Inert text folded onto one line (for table cells)."""
    return " ".join(inert(text).split())


_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.,;:/'()&-]*\Z")


def csv_cell(text: str) -> str:
    """Inert text that a spreadsheet will not run as a formula (OWASP CSV-injection advice)."""
    if _PLAIN.match(text):
        return text  # the common case: nothing to neutralise
    safe = inert(text).replace("\r\n", "\n").replace("\r", "\n")
    return "'" + safe if safe.startswith(_FORMULA_START) else safe


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~!])")


_AUTOLINK = re.compile(r"@|://|(?i:www)\.")
_AUTOLINK_ENTITY = {"@": "&#64;", "://": "&#58;//"}


def markdown_text(text: str) -> str:
    """Text that Markdown shows literally: punctuation escaped, HTML neutralised, one line.

    On GitHub, `@name` would ping an account and a bare URL, `www.` or e-mail address would become a
    link; an entity for the `@`, the `:` of `://` or the `.` after `www` shows the same text, inert.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", one_line(text))
    escaped = escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _AUTOLINK.sub(lambda m: _AUTOLINK_ENTITY.get(m.group(), m.group()[:-1] + "&#46;"), escaped)


def markdown_url(url: str) -> str:
    """A URL safe inside Markdown link parentheses."""
    return (
        inert(url)
        .replace("(", "%28")
        .replace(")", "%29")
        .replace(" ", "%20")
        .replace("<", "%3C")
        .replace(">", "%3E")
    )
