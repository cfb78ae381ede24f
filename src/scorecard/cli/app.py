"""The `scorecard` command: the typer app, its global options, and the mapping of errors to exit codes.

This package is the only one that imports typer, reads the clock or the
environment, or writes to stdout/stderr. Heavy modules (pydantic, rich, the
renderers, the data) are imported inside the commands, so `scorecard --help`
stays fast. Commands live in `reports.py` (what the data says) and
`data.py` (working on the data).

The modules that declare commands and options (`app`, `reports`, `data`,
`options`) do not use `from __future__ import annotations`: typer reads
every command's and callback's annotations on every run, and text
annotations cost it an `eval` each (building the command took 15.5 ms with
them, 6.8 ms without). Names imported only for type checking are quoted.
"""

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator
from typing import Annotated, ParamSpec, TypeVar

import typer

from scorecard import __version__
from scorecard.cli.output import err, report_error

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="scorecard",
    help="Score US cities and counties on five protections for immigrant residents against "
    "federal immigration enforcement.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_state: dict[str, bool] = {"debug": False}


def guarded(func: Callable[P, R]) -> Callable[P, R]:
    """Map the project's errors to exit codes; anything else is a bug (exit 3)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from scorecard.errors import ExitCode, ScorecardError

        try:
            return func(*args, **kwargs)
        except ScorecardError as exc:
            report_error(exc)
            raise typer.Exit(int(exc.exit_code)) from None
        except KeyboardInterrupt:
            err("scorecard: interrupted")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except BrokenPipeError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except (typer.Exit, typer.BadParameter):
            raise
        except Exception as exc:  # a bug: say so, and show the traceback only with --debug
            if _state["debug"]:
                import traceback

                traceback.print_exc()
            err(
                f"scorecard: internal error ({type(exc).__name__}); this is a bug, please report it "
                "with the command you ran (add --debug for details)"
            )
            raise typer.Exit(int(ExitCode.INTERNAL)) from None

    return wrapper


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"scorecard {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[  # noqa: ARG001 (handled by its eager callback)
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")] = False,
    no_shipped: Annotated[
        bool,
        typer.Option(
            "--no-shipped",
            envvar="SCORECARD_NO_SHIPPED",
            help="Read the data folder alone, not layered over the data shipped with scorecard.",
        ),
    ] = False,
) -> None:
    """Score US cities and counties on five protections for immigrant residents."""
    from scorecard.cli import options

    _state["debug"] = debug
    options.set_global("no_shipped", no_shipped)


GLOBAL_FLAGS = ("--debug", "--no-shipped")  # options of the app, also accepted after the command


def hoist_global_flags(argv: list[str]) -> list[str]:
    """`scorecard rank --debug` as `scorecard --debug rank`: global flags move before the command."""
    if "--" in argv:
        head, tail = argv[: argv.index("--")], argv[argv.index("--") :]
    else:
        head, tail = argv, []
    flags = [arg for arg in head if arg in GLOBAL_FLAGS]
    return [*flags, *(arg for arg in head if arg not in GLOBAL_FLAGS), *tail]


def command_name(info: typer.models.CommandInfo) -> str:
    """The name a registered command is called by (typer's rule: the function's name, `_` as `-`)."""
    assert info.callback is not None
    return info.name or info.callback.__name__.replace("_", "-")


@contextlib.contextmanager
def only_the_command_named(argv: list[str]) -> Iterator[None]:
    """While running `argv`, the app holds only the command it names, when it names one.

    typer builds a click command for every registered command on every run, reading all their options
    (a third of a cached `assess`). Anything else (no command, `--help`, a misspelled name that click
    suggests corrections for) keeps the whole app.
    """
    first = next((arg for arg in argv if arg not in GLOBAL_FLAGS), None)
    registered = app.registered_commands
    named = [info for info in registered if command_name(info) == first]
    app.registered_commands = named if len(named) == 1 else registered
    try:
        yield
    finally:
        app.registered_commands = registered


def main() -> None:
    """Entry point of the `scorecard` command."""
    argv = hoist_global_flags(sys.argv[1:])
    with only_the_command_named(argv):
        app(args=argv, prog_name="scorecard")


# Registering the commands on `app`, in the order --help lists them.
from scorecard.cli import reports  # noqa: E402, F401, I001
from scorecard.cli import data  # noqa: E402, F401
