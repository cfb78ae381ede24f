"""Where reports go: rendered once, to stdout or (whole, atomically) to a file; finished outputs reused.

stdout carries only the report; diagnostics go to stderr.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorecard.cli import options

if TYPE_CHECKING:
    from scorecard.errors import ScorecardError
    from scorecard.input.locations import DataPaths


def err(message: str) -> None:
    """A line on stderr."""
    sys.stderr.write(message.rstrip("\n") + "\n")


_NOTES: list[list[str]] = []  # notes written while a cached output is produced, to replay on a hit
_NOTES_END = "\0"  # ends the notes stored before a cached output (no output holds a NUL: see render_text)


def note(message: str) -> None:
    """A note on stderr: how the command read its input (inert text)."""
    from scorecard.render.text import escaped_line

    line = f"scorecard: note: {escaped_line(message)}"
    for notes in _NOTES:
        notes.append(line)
    err(line)


def report_error(exc: ScorecardError) -> None:
    """The project's error, and its located problems, on stderr (inert text)."""
    from scorecard.render.text import escaped_line

    err(f"scorecard: error: {escaped_line(exc.message)}")
    for issue in exc.issues:
        err(escaped_line(str(issue)))


def console_settings(fmt: str, output: Path | None) -> tuple[object, ...]:
    """What terminal output looks like here (a file gets plain text at width 100)."""
    if fmt != "table":
        return (fmt,)
    if output is not None:
        return ("file", 100)
    from rich.console import Console

    probe = Console(emoji=False, highlight=False)
    return ("stdout", probe.is_terminal, probe.width, probe.color_system, probe.no_color)


def with_folders(report: Any, paths: DataPaths) -> Any:
    """The report, naming the data folders it was made from (for its footer, and JSON's `data_folders`)."""
    if "data_folders" in type(report).model_fields:
        return report.model_copy(update={"data_folders": paths.shown()})
    return report


def render_text(report: Any, fmt: str, settings: tuple[object, ...]) -> str:
    """A report laid out as the text that goes to stdout or the file."""
    from scorecard.render import renderer, with_data_line
    from scorecard.render.text import inert
    from scorecard.vocab import OutputFormat

    rendered = with_data_line(renderer(OutputFormat(fmt)).render(report), report, OutputFormat(fmt))
    if isinstance(rendered, str):
        # Each renderer escapes data text its own way; this last pass makes sure no control character
        # from a data file (rubric included) reaches a terminal or a file, whatever a renderer missed.
        # JSON escapes its own (inert() would turn \u001b into \\u001b; json.dumps never emits raw ones).
        return rendered if fmt == "json" else inert(rendered)
    import io

    from rich.console import Console
    from rich.segment import Segment, Segments

    buffer = io.StringIO()
    if settings[0] == "stdout":
        _, is_terminal, width, color_system, no_color = settings
        console = Console(
            file=buffer,
            force_terminal=bool(is_terminal),
            width=int(str(width)),
            color_system=color_system,  # type: ignore[arg-type]
            no_color=bool(no_color),
            emoji=False,
            highlight=False,
            markup=False,
        )
    else:
        console = Console(
            file=buffer, width=100, color_system=None, force_terminal=False, emoji=False, markup=False
        )
    # markup=False: no text, data or not, is ever parsed as rich markup ("[/]" is shown as typed). The
    # laid-out segments' text is made inert: rich's own styles and controls are not in a segment's text,
    # so only a control character that came from data can be there, and it is shown escaped.
    laid_out = [
        segment if segment.control else Segment(inert(segment.text), segment.style)
        for segment in console.render(rendered)
    ]
    console.print(Segments(laid_out), crop=False)  # a URL line may run past the edge (render/term_links.py)
    text = buffer.getvalue()
    if console.is_terminal:
        return text
    # piped or written to a file: plain text, so no padding after the last character of a line
    return "\n".join(line.rstrip() for line in text.split("\n"))


def deliver(text: str, output: Path | None) -> None:
    """Send the text to stdout, or write the file whole."""
    if output is not None:
        from scorecard.cli.files import write_output

        write_output(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def emit(report: Any, fmt: str, output: Path | None, paths: DataPaths | None = None) -> None:
    """Render a report (naming the data folders it was made from) and send it to stdout or a file."""
    if output is not None:
        from scorecard.cli.files import check_writable

        check_writable(output)
    shown = report if paths is None else with_folders(report, paths)
    deliver(render_text(shown, fmt, console_settings(fmt, output)), output)


def cached(
    key_of: Callable[[DataPaths, tuple[object, ...]], str | None],
    *,
    data_dir: Path | None,
    fmt: str,
    output: Path | None,
    no_cache: bool,
    produce: Callable[[DataPaths], Any],
) -> None:
    """Render what `produce` reports, reusing the finished output when nothing it depends on changed.

    `key_of(paths, console settings)` names everything the output depends on (None: don't cache).
    """
    from scorecard.cli.cache import CardCache

    paths = options.data_paths(data_dir)
    if output is not None:
        from scorecard.cli.files import check_writable

        check_writable(output)
    settings = console_settings(fmt, output)
    key = None if no_cache else key_of(paths, (*settings, paths.shown()))  # the footer names the folders
    cache = CardCache(os.environ, paths.root) if key else None  # --no-cache: not even the key file
    hit = cache.get(key) if cache and key else None
    if hit is not None and _NOTES_END in hit:
        notes, text = hit.split(_NOTES_END, 1)
        for line in notes.splitlines():
            err(line)  # the notes the first run wrote: the same output, the same words on stderr
        deliver(text, output)
        return
    _NOTES.append([])
    try:
        report = with_folders(produce(paths), paths)
    finally:
        written = _NOTES.pop()
    text = render_text(report, fmt, settings)
    if cache and key:
        cache.put(key, "".join(line + "\n" for line in written) + _NOTES_END, text)  # not joined: a copy
    deliver(text, output)


def folder_key(
    options_: Sequence[object], rubric: str | None
) -> Callable[[DataPaths, tuple[object, ...]], str | None]:
    """The cache key of an output built from the whole data folder."""
    from scorecard.cli.cache import folder_key as key

    def of(paths: DataPaths, settings: tuple[object, ...]) -> str | None:
        small = [paths.rubric_file(rubric), *paths.state_files()]
        return key((*options_, rubric, options.today(), settings), small, paths.jurisdiction_files())

    return of


class ProgressBar:
    """A progress bar on stderr for a long computation, shown only when stderr is a terminal.

    `step(done, total)` starts it on first use and moves it on; `close()` clears it. Piped or
    redirected stderr stays silent, and stdout (the report) is never touched.
    """

    def __init__(self, label: str) -> None:
        self.label = label
        self._progress: Any = None
        self._task: Any = None

    def step(self, done: int, total: int) -> None:
        """`done` of `total` finished."""
        if self._progress is None:
            if not sys.stderr.isatty():
                return
            from rich.console import Console
            from rich.progress import Progress

            self._progress = Progress(console=Console(file=sys.stderr), transient=True)
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=total)
        self._progress.update(self._task, completed=done)

    def close(self) -> None:
        """Take the bar off the terminal."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
