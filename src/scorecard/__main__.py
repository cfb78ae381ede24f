"""`python -m scorecard` runs the command-line interface."""

from scorecard.cli import main

main()
