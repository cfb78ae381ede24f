"""Source URLs on a terminal card: whole, on their own line, clickable where the terminal allows.

A URL is never wrapped or folded (a broken URL can't be copied): it is
printed on its own line and may run past the right edge. On a terminal it
carries an OSC 8 hyperlink (rich writes it only when the output is a
terminal; piped output is plain text). Rich containers (panels, tables,
padding) crop what is wider than they are, so a URL line is never put inside
one: `indented` indents the other lines with padding and gives the URL lines
their indent as spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from scorecard.render.text import inert

_LINKABLE = re.compile(r"https?://[!-~]+")  # printable ASCII only: nothing that could end the escape


class UrlLine:
    """One URL (and a short dim suffix, such as the access date) on a line of its own."""

    def __init__(self, url: str, suffix: str = "", indent: int = 0) -> None:
        self.url, self.suffix, self.indent = url, suffix, indent

    def shifted(self, by: int) -> UrlLine:
        """The same line, indented `by` more columns."""
        return UrlLine(self.url, self.suffix, self.indent + by)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        link = self.url if _LINKABLE.fullmatch(self.url) else None
        yield Segment(" " * self.indent)
        yield Segment(inert(self.url), Style(color="cyan", link=link))
        if self.suffix:
            yield Segment(inert(self.suffix), Style(dim=True))
        yield Segment.line()


def indented(
    items: Iterable[RenderableType], left: int, top: int = 0, bottom: int = 0
) -> list[RenderableType]:
    """`items` indented by `left` columns: URL lines by spaces, runs of other lines by padding."""
    out: list[RenderableType] = [Text("") for _ in range(top)]
    run: list[RenderableType] = []

    def flush() -> None:
        if run:
            out.append(Padding(Group(*run), (0, 0, 0, left)))
            run.clear()

    for item in items:
        if isinstance(item, UrlLine):
            flush()
            out.append(item.shifted(left))
        else:
            run.append(item)
    flush()
    out += [Text("") for _ in range(bottom)]
    return out
