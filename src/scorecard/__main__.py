"""`python -m scorecard` runs the command-line interface."""

from scorecard.entry import main

main()
