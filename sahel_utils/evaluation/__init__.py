"""Scores of the pipeline against the gold, one module per stage.

Each stage module exposes ``score(tables, gold) -> dict`` (numbers) and, where
useful, ``details(...) -> pandas.DataFrame`` (per-item rows for the notebook).
``evaluate_all`` runs every stage that has its tables.
"""
