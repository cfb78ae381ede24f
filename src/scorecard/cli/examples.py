"""Two or three examples at the end of each command's --help (each is run by tests/test_cli.py)."""

from __future__ import annotations

EXAMPLES: dict[str, tuple[str, ...]] = {
    "assess": (
        "scorecard assess denver",
        'scorecard assess "Cook County, IL" -f markdown -o cook.md',
        "scorecard assess 16001 --lang es",
    ),
    "rank": (
        "scorecard rank --state CO",
        "scorecard rank --weights legal-defense-fund=3 --top 5",
        "scorecard rank -f csv --wide -o ranking.csv",
    ),
    "compare": ("scorecard compare denver chicago austin", "scorecard compare --state TX -f csv --wide"),
    "sensitivity": ("scorecard sensitivity", "scorecard sensitivity --samples 1000 --seed 7 -f json"),
    "history": ("scorecard history chicago", "scorecard history denver -f csv"),
    "list": ("scorecard list", "scorecard list --baseline --state ID"),
    "rubric": ("scorecard rubric", "scorecard rubric -r jail-pipeline -f markdown"),
    "validate": (
        "scorecard validate",
        "scorecard validate cities/denver.yaml -f json",
        "scorecard validate --strict",
    ),
    "schema": ("scorecard schema", "scorecard schema --kind state"),
    "new": (
        "scorecard new fort-collins --state CO",
        "scorecard new ada-county-id --state ID --kind county --fips 16001",
    ),
    "site": ("scorecard site out", "scorecard site out --lang es", "scorecard site out --include-baseline"),
    "export": (
        "scorecard export scorecard-data",
        "scorecard export scorecard-data --as-of 2025-01-01 --force",
    ),
    "diff": ("scorecard diff main HEAD", "scorecard diff old-data/ new-data/ -f json"),
}


def epilog(command: str) -> str:
    """The examples of a command, as its help's epilog (paragraphs: one line each in rich help)."""
    return "Examples:\n\n" + "\n\n".join(f"  {line}" for line in EXAMPLES[command])
