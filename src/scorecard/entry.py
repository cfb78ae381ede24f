"""The `scorecard` command: Ctrl-C exits 130 with no traceback, whenever it comes.

Python turns SIGINT into KeyboardInterrupt, which click (inside typer) turns
into "Aborted!" and exit 1 while it parses arguments. Installing a handler
first, before the CLI is even imported, makes every interruption the same:
a one-line message on stderr, exit 130, and no partial output (writers clean
up their temporary files in `finally`).
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

INTERRUPTED = 130


class Interrupted(BaseException):
    """Raised by the SIGINT handler; a BaseException so that no `except Exception` swallows it."""


def _on_sigint(signum: int, frame: FrameType | None) -> None:  # noqa: ARG001 (the handler signature)
    raise Interrupted


def main() -> None:
    """Run the CLI; exit 130 on Ctrl-C."""
    signal.signal(signal.SIGINT, _on_sigint)
    # The CLI uses no pydantic plugins; looking for them scans every installed package's metadata.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        from scorecard.cli.app import main as run

        run()
    except (Interrupted, KeyboardInterrupt):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        sys.stderr.write("scorecard: interrupted\n")
        sys.exit(INTERRUPTED)
