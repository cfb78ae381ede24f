"""A card's sources numbered once each: a printed card cites them by number and lists each address once.

The same article often supports a lawsuit, two demands and a state law; on
paper its address is printed once, in the card's list of sources, and each
place that cites it shows its number. Numbers follow the order the card shows
them in: litigation, then each demand's evidence (practice first), then the
state laws.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from scorecard.report import AssessReport, SourceRef


def _cited(report: AssessReport) -> Iterator[SourceRef]:
    for case in report.litigation:
        yield from case.sources
    for demand in report.demands:
        if demand.practice is not None:
            yield from demand.practice.sources
        yield from demand.sources
    for law in report.state_laws:
        yield from law.sources


class References:
    """A card's distinct sources (by address), each with its number."""

    def __init__(self, sources: Iterable[SourceRef]) -> None:
        self.numbers: dict[str, int] = {}
        self.items: list[tuple[int, SourceRef]] = []
        for source in sources:
            if source.url not in self.numbers:
                self.numbers[source.url] = len(self.items) + 1
                self.items.append((len(self.items) + 1, source))

    @classmethod
    def of(cls, report: AssessReport) -> References:
        return cls(_cited(report))

    def cite(self, sources: Sequence[SourceRef]) -> str:
        """The numbers of `sources`, in order without repeats; three or more in a row as a range (`[1, 4-7]`,
        with an en dash)."""
        found = sorted({self.numbers[s.url] for s in sources})
        runs: list[list[int]] = []
        for number in found:
            if runs and number == runs[-1][-1] + 1:
                runs[-1].append(number)
            else:
                runs.append([number])
        parts: list[str] = []
        for run in runs:
            parts.extend([f"{run[0]}–{run[-1]}"] if len(run) >= 3 else map(str, run))
        return "[" + ", ".join(parts) + "]" if parts else ""
