"""What each command asks of the data: load through the one pipeline, score, and return a report.

No printing, no exit codes, no options parsing and no clock here: the CLI
passes `today` and a `Scoring` in, and routes the report to a renderer.
"""
