"""Tables that fit the terminal by leaving columns out, never by cutting what a cell says.

Rich squeezes a table that is too wide by wrapping and cropping cells, which
breaks names mid-word ("Nashville-Da / vidson"), cuts score ranges in two
and crops status symbols. `Fitted` lays a table out at the width it is given:
every cell keeps its natural width (names wrap at spaces only, never inside a
word), and when that is too wide the least needed columns are left out, most
expendable first, with a note saying which. When even the essential columns
are wider than the terminal, the table runs past the edge rather than cut a
cell (the terminal wraps it; nothing is lost). Piped output and files are laid
out at their own width the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from scorecard.i18n import translate


@dataclass
class Col:
    """One column: its heading, its cells, and how expendable it is (0: never left out)."""

    heading: str
    cells: Sequence[Text | str]
    drop: int = 0  # the highest is left out first
    justify: Literal["left", "right"] = "left"
    wrap: bool = False  # names: wrap at spaces, never inside a word


def _width(cell: Text | str) -> int:
    return (cell if isinstance(cell, Text) else Text(cell)).cell_len


def _longest_word(cell: Text | str) -> int:
    return max((len(word) for word in str(cell).split()), default=0)


def min_width(col: Col) -> int:
    """The narrowest this column can be without cutting a word or a cell."""
    if col.wrap:
        return max([_longest_word(col.heading), *(_longest_word(c) for c in col.cells)])
    return max([_width(col.heading), *(_width(c) for c in col.cells)])


def table_width(cols: Sequence[Col]) -> int:
    """A boxed table's width at its columns' minimum widths (borders and one space of padding a side)."""
    return sum(min_width(c) for c in cols) + 3 * len(cols) + 1


def fit(cols: Sequence[Col], width: int) -> tuple[list[Col], list[Col]]:
    """The columns that fit in `width` (most expendable left out first), and those left out."""
    kept = list(cols)
    left_out: list[Col] = []
    while table_width(kept) > width and any(c.drop for c in kept):
        worst = max((c for c in kept if c.drop), key=lambda c: c.drop)
        kept.remove(worst)
        left_out.append(worst)
    return kept, left_out


@dataclass
class Either:
    """`wide` when the width allows `wide_needs` columns, else `narrow` (chosen at render time)."""

    wide: RenderableType
    wide_needs: int
    narrow: RenderableType

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.wide if options.max_width >= self.wide_needs else self.narrow


@dataclass
class Fitted:
    """A table laid out at the width it is rendered at (see the module docstring)."""

    cols: Sequence[Col]
    lang: str
    title: str | None = None
    show_lines: bool = False
    after: Sequence[RenderableType] = field(default_factory=list)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        kept, left_out = fit(self.cols, options.max_width)
        table = Table(
            title=Text(self.title) if self.title else None, header_style="bold", show_lines=self.show_lines
        )
        for col in kept:
            table.add_column(
                col.heading,
                justify=col.justify,
                no_wrap=not col.wrap,
                min_width=min_width(col),
                overflow="fold",
            )
        for index in range(len(self.cols[0].cells) if self.cols else 0):
            table.add_row(*(col.cells[index] for col in kept))
        needed = table_width(kept)
        if needed > options.max_width:  # even the essential columns don't fit: overflow, don't cut
            yield from console.render(table, options.update_width(needed))
        else:
            yield table
        if left_out:
            names = ", ".join(c.heading for c in left_out)
            note = translate(self.lang, "Left out to fit the width: {columns} (see -f csv).", columns=names)
            yield Text(note, style="dim")
        yield from self.after
