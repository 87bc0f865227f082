"""Analyzers: what a text holds. One analyzer per file, all behind `base.Analyzer`.

`registry` lists them by id; `personal_data/` (Presidio recognizers), `names/` (people,
artists, works), `intents/` (likeness, misleading content, training) and `scripts/` (the
production's own scripts, screenplay formatting) group analyzers with their helpers;
`confidential` stands alone. Analyzers import `findings`, `config` and `nlp`, never readers,
the gate or reports.
"""
