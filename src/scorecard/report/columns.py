"""The one column vocabulary: every CSV column, JSON key and data-package column, and what it means.

A name means one thing in every command and format (`assess`, `rank`, `compare`, `history`,
`sensitivity`, `list`, `rubric`, `export`, `diff`): `law_id` is always a state law's id, `since` always a
date written as precisely as it is known (2017, 2017-08, 2017-08-31), `score` always the low end
of the score range. JSON nests what CSV flattens, and the flat name joins the two: `jurisdiction.id`
and a row's `id` are `jurisdiction_id` in CSV, `demands[].title` is `demand_title`, `law.id` is
`law_id`, a lawsuit's `status` is `case_status` beside a demand's. Booleans are true/false.
`tests/test_columns.py` collects the names from real output and checks them against this table;
docs/columns.md lists it for readers.
"""

from __future__ import annotations

COLUMNS: dict[str, str] = {
    # who
    "id": "The id of the object it is in: a jurisdiction (its file name), a demand, a law, a rubric.",
    "name": "A jurisdiction's display name.",
    "jurisdiction": "The jurisdiction a report is about (id, name, state, kind, fips, jail, population).",
    "jurisdiction_id": "A jurisdiction's id (its file name), in a flat table.",
    "jurisdiction_name": "A jurisdiction's display name, in a flat table.",
    "state": "USPS code of the state.",
    "kind": "city, county or consolidated-city-county.",
    "fips": "Census GEOID as text (leading zeros kept): 7 digits for a place, 5 for a county.",
    "county_fips": (
        "The 5-digit GEOIDs of the counties a consolidated city-county, an independent city or the District "
        "also governs (their baseline cards give way to its file)."
    ),
    "jail": "Who runs the local jail: city, county, state or none.",
    "jail_operator": "The agency that runs the jail.",
    "jail_jurisdiction": "The id of the jurisdiction that runs the jail.",
    "population": "Population, from the file's population source.",
    "population_year": "The year of the population figure.",
    "researched": "false for a county scored on state law alone (a baseline, no file).",
    "last_reviewed": "When the file was last checked against its sources.",
    "notes": "The file's context that is not a demand.",
    "add_command": "For a baseline county: the `scorecard new` command that starts its file.",
    # how it was scored
    "as_of": "The date the scores are for.",
    "basis": "What statuses are scored on: policy (written) or practice (observed, where recorded).",
    "lang": "The language of the report's interface words (data text stays as written).",
    "data_folders": (
        "The data folders the report was made from, as shown from the working directory: yours, then "
        "the shipped data it layers over."
    ),
    "rubric": "The rubric that scored it (id, version, title).",
    "rubric_id": "The id of the rubric that scored it.",
    "rubric_version": "The rubric's version.",
    "version": "The rubric's version.",
    "weights": "Each demand's weight as used for the scores (the rubric's, or --weights).",
    "changed_weights": "The demands whose weight --weights changed, with the rubric's weight.",
    "rubric_weight": "The demand's weight in the rubric, before --weights.",
    "weight": "The demand's weight as used for the scores.",
    "share": "The demand's share of the score, in percent.",
    # scores
    "score": "Score today, 0 to 100: the low end of the score range.",
    "score_low": "The low end of the score range (the same as score).",
    "score_high": "The highest score research could still give: the range's high end.",
    "score_range": "The score range [low, high].",
    "grade": "The rubric's grade for the score.",
    "grades": "The rubric's grade scale: each grade with its lowest score.",
    "provisional": "Research may raise the score (score < score_high).",
    "coverage": "Share of demands settled (research can no longer change them), 0 to 1.",
    "settled_by_local": "Demands settled by a known local status.",
    "settled_by_state": "Demands settled by state law alone.",
    "known_demands": "Demands with a known effective status.",
    "total_demands": "Demands in the rubric.",
    "rank": "Rank by score under the weights used (equal score ranges share a rank: 1, 2, 2, 4).",
    "verdict": "The card's one-line verdict (text) and the demands behind it.",
    "text": "The verdict as one sentence.",
    "met": "The demands met (verdict).",
    "partial": "The demands partly met (verdict).",
    "not_met": "The demands not met (verdict).",
    "not_researched": "The demands whose status is not known yet (verdict).",
    "set_by_state": "The demands whose status state law sets (verdict).",
    "freshness": "How recently the file was reviewed (last_reviewed, age_days, max_age_days, is_stale).",
    "age_days": "Days since the file was last reviewed.",
    "max_age_days": "Days after which a review is stale.",
    "is_stale": "Whether the file's last review is older than max_age_days.",
    # demands and statuses
    "demands": (
        "The rubric's demands (in a report: each with its status; a lawsuit: the demands it bears on)."
    ),
    "demand": "A demand's id.",
    "demand_id": "A demand's id, in a flat table.",
    "demand_title": "A demand's title, in a flat table.",
    "demand_ids": "The demands a lawsuit bears on, ids separated by spaces.",
    "title": "The title of the object it is in: a demand, a rubric, a law, a source.",
    "description": "What the demand (or the rubric) asks for.",
    "criteria": "The rubric's criterion for each status of a demand.",
    "criterion": "The rubric's criterion for the effective status.",
    "levels": "The rubric's status levels (id, label, credit, known).",
    "label": "A status level's label in the report's language.",
    "status": "Effective status: the local status bounded by state law (a lawsuit's: its stage).",
    "status_label": "The effective status's label in the report's language.",
    "statuses": "Each demand's effective status.",
    "local_status": "The status of the jurisdiction's own law and policy.",
    "local_status_label": "The local status's label in the report's language.",
    "local_statuses": "Each demand's local status.",
    "local_known": "Whether the local status is a finding, not a gap in the data.",
    "policy_status": "The local status bounded by state law, whatever the basis.",
    "practice_status": "Observed practice, where recorded.",
    "practice": "Observed practice, where recorded (status, summary, since, confidence, sources).",
    "scored_on": "What the status was scored on: policy or practice.",
    "known": "Whether the status is known (not a gap in the data).",
    "settled": "Research can no longer change the status (per demand in a ranking).",
    "settled_by": "Settled by a known local status (local) or by state law alone (state).",
    "overridden": "A state ceiling lowered a better local status.",
    "credit": "The status's credit, 0 to 1.",
    "points": "Points the demand adds to the score.",
    "max_points": "Points the demand would add if met.",
    "summary": "The evidence in one or two sentences (a law's: what it does; a lawsuit's: the latest).",
    "since": "When the status took effect, as precisely as known: 2017-08-31, 2017-08 or 2017.",
    "since_precision": "How much of since is known: day, month or year.",
    "confidence": "How well the sources support the claim: high, medium or low.",
    "sources": "The sources cited (title, url, accessed).",
    "source_urls": "The sources' addresses, separated by spaces.",
    "url": "Where to read the source.",
    "accessed": "When someone read the source.",
    "supports": (
        "What a source supports: status, history, practice, population, litigation, state, law, blocked."
    ),
    # state laws
    "law": "The state law that set the status (id, title, citation, state, effect, level, label, sources).",
    "law_id": "The id of the state law that set the status (or that the row is about), unique in its state.",
    "law_ids": "Each demand's law_id.",
    "law_state": "The state of that law.",
    "law_label": "The law named as the cause, as the report shows it: title (year).",
    "law_effect": "How that law bounds the status: floor or ceiling.",
    "state_laws": "The state laws in force that changed a status here.",
    "ceiling": "The tightest state ceiling in force (a law effect: the best status the law allows).",
    "floor": "The lowest status the law guarantees.",
    "effect": "How the law bounds the status: floor or ceiling.",
    "level": "The status the law's floor or ceiling sets.",
    "level_label": "That status's label in the report's language.",
    "citation": "The law's citation.",
    "enacted": "When the law was enacted.",
    "effective": "When the law took effect.",
    "in_force_from": "The first day the law binds (effective, else enacted).",
    "in_force": "Whether the law binds on the report's date.",
    "repealed": "The first day the law no longer binds.",
    "blocked": "Whether a court order keeps the law from binding on the report's date.",
    "rule": "The methodology rule that sets the law's bound.",
    # next steps
    "next_steps": "What would raise the score, local steps first.",
    "gain": "Points the step would add.",
    "target": "The status the step reaches.",
    "target_label": "That status's label in the report's language.",
    "score_after": "The score after the step.",
    "grade_after": "The grade after the step.",
    "needs_research": "Whether the step is research: the status is not known yet.",
    "capped_by": "The state ceiling a local step stops at.",
    "blocked_by": "The state law only a state change can lift.",
    # lawsuits
    "litigation": "Lawsuits about the jurisdiction's or its state's policies (oldest first).",
    "record": "What a CSV row is: demand or litigation.",
    "case": "The case name.",
    "court": "The court.",
    "docket": "The docket or case number.",
    "filed": "When the suit was filed.",
    "status_date": "When the suit reached its status.",
    "challenges": "What the suit challenges.",
    "scope": "Whose policies the suit challenges: jurisdiction or state.",
    "scope_name": "The name of the jurisdiction or state challenged.",
    "case_status": (
        "A lawsuit's stage: pending, injunction, decided, dismissed, settled, withdrawn or appeal."
    ),
    "case_status_date": "When the lawsuit reached that stage.",
    "case_scope": "Whose policies the lawsuit challenges: jurisdiction or state.",
    "case_demand_ids": "The demands the lawsuit bears on, ids separated by spaces.",
    # history
    "rows": "The report's rows: jurisdictions (rank, compare, sensitivity, list) or dates (history).",
    "date": "When something changed, as precisely as known: 2017-08-31, 2017-08 or 2017.",
    "date_precision": "How much of date is known: day, month or year.",
    "changes": (
        "What changed: on a history date, the demands whose status changed and why; in a diff, each change "
        "between the two editions."
    ),
    "changed": "Whether the demand's status changed on that date.",
    "before": "The effective status before the change.",
    "after": "The effective status from that date.",
    "after_label": "That status's label in the report's language.",
    "cause": "What changed the status: local, law or practice.",
    # diff
    "old": "The old edition of the data compared: a data folder or a git revision.",
    "new": "The new edition of the data compared: a data folder or a git revision.",
    "subject": "What a change is in: the rubric, a state's laws or a jurisdiction's file.",
    "change_kind": "The kind of change: policy change, evidence change, rubric change, added or removed.",
    "old_value": (
        "The changed value in the old edition: a demand's effective status, the rubric's version, or `law` "
        "where a law was (empty where none)."
    ),
    "new_value": "The changed value in the new edition, as old_value.",
    "detail": "The change in words: which fields, laws or statuses changed, and how.",
    "counts": "How many changes of each kind.",
    "scores": "The jurisdictions whose score moved, were added or were removed.",
    "old_score": "The score in the old edition (empty for an added jurisdiction).",
    "new_score": "The score in the new edition (empty for a removed jurisdiction).",
    "old_grade": "The grade in the old edition.",
    "new_grade": "The grade in the new edition.",
    # sensitivity
    "default_rank": (
        "The rank under the weights used, on score alone (every weighting ranks on the low end; rank "
        "also orders equal scores by their high end)."
    ),
    "best_rank": "The best rank over the alternative weightings.",
    "worst_rank": "The worst rank over the alternative weightings.",
    "median_rank": "The median rank over the alternative weightings.",
    "weightings": "How many alternative weightings were tried.",
    "method": "How the weightings were chosen (a grid, or random with a seed).",
    "ranks_on": "Which end of each score range the ranks use: low.",
    "correlations": "Each weighting and the rank correlation of its ranking with the default one.",
    "spearman": "Spearman's rank correlation with the default ranking.",
    "min_spearman": "The lowest rank correlation over the weightings.",
    "median_spearman": "The median rank correlation over the weightings.",
    # the rubric
    "origin_title": "The title of the rubric's source.",
    "origin_organization": "The organization behind the rubric's source.",
    "origin_year": "The year of the rubric's source.",
    "origin_url": "Where to read the rubric's source.",
    "origin_note": "How the rubric follows its source.",
}
