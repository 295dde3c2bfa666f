"""Scores of the pipeline against the gold, one module per stage.

Each stage module (``parsing``, ``entities``, ``timex``, ``quotes``, ``dyads``,
``claims``) exposes ``score(tables) -> dict[str, float]`` and
``details(tables) -> pandas.DataFrame`` (one row per gold item, for the
notebook). ``evaluate_all`` runs every stage module that exists.
"""

from __future__ import annotations

import importlib
from types import ModuleType

import pandas as pd

from sahel_utils import analysis
from sahel_utils.core.cache import stage_version

NAME = "evaluation"
INPUTS: tuple[str, ...] = analysis.INPUTS
OUTPUTS: tuple[str, ...] = ()  # scores, no table


def version() -> str:
    """Content hash of this stage's code and resources and of the stages before it."""
    return stage_version(NAME)


#: Stages in pipeline order; each is a module ``sahel_utils.evaluation.<stage>``.
STAGES = ("parsing", "entities", "timex", "frtimebank", "quotes", "dyads", "claims")


def stage_module(stage: str) -> ModuleType | None:
    """The scoring module of ``stage``, or None when it is not written yet."""
    name = f"{__name__}.{stage}"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name == name:
            return None
        raise


def available_stages() -> list[str]:
    """Stages that have a scoring module, in pipeline order."""
    return [stage for stage in STAGES if stage_module(stage) is not None]


def stage_description(stage: str) -> str:
    """The first paragraph of a stage module's docstring (what it scores and how)."""
    module = stage_module(stage)
    doc = (module.__doc__ or "").strip() if module is not None else ""
    return doc.split("\n\n")[0].replace("\n", " ") if doc else stage


def evaluate_all(tables: dict[str, pd.DataFrame]) -> dict[str, dict]:
    """Score every available stage on the gold.

    Args:
        tables: The build's tables keyed by name.

    Returns:
        ``{stage: {metric: value}}`` for each stage that has a scoring module.

    """
    results: dict[str, dict] = {}
    for stage in STAGES:
        module = stage_module(stage)
        if module is not None:
            results[stage] = dict(module.score(tables))
    return results


def details(stage: str, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per-item rows of one stage's scoring (what was found, what was missed)."""
    module = stage_module(stage)
    if module is None:
        raise KeyError(f"no scoring module for stage {stage!r}")
    return module.details(tables)


def scores_frame(results: dict[str, dict]) -> pd.DataFrame:
    """``evaluate_all`` results as a long table: ``stage``, ``metric``, ``value``."""
    rows = [
        {"stage": stage, "metric": metric, "value": value}
        for stage, scores in results.items()
        for metric, value in scores.items()
    ]
    return pd.DataFrame(rows, columns=["stage", "metric", "value"])


#: Metric name prefixes that mark a count (``n_gold``, ``false_conflicts``), not a rate.
COUNT_PREFIXES = ("n_", "false_")


def is_count(metric: str) -> bool:
    """Whether a metric is a count of items rather than a rate."""
    return metric.startswith(COUNT_PREFIXES)


def rates_frame(results: dict[str, dict]) -> pd.DataFrame:
    """Only the metrics that are rates in [0, 1] (precision, recall, F1, accuracy…)."""
    scores = scores_frame(results)
    is_rate = [
        not is_count(m) and isinstance(v, float) and 0.0 <= v <= 1.0
        for m, v in zip(scores["metric"], scores["value"], strict=True)
    ]
    return scores[is_rate].reset_index(drop=True)
