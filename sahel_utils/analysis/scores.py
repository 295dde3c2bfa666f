"""Score tables for the evaluation notebook: side by side, precision next to recall.

Pure pandas on the long ``stage``, ``metric``, ``value`` tables that
``sahel_utils.evaluation`` returns (this module does not import it: analysis
comes before evaluation in the stage order).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import cast

import pandas as pd

#: What a stage scorer reports as precision / recall / F1 (``<item>_precision`` …).
_PRF = re.compile(r"^(?P<item>.*?)_?(?P<kind>precision|recall|f1)$")


def side_by_side(columns: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per (stage, metric), one column per score set (e.g. seed, dev held aside).

    Args:
        columns: ``{column name: long table with stage, metric, value}``.

    Returns:
        Columns ``stage``, ``metric`` and one per entry of ``columns`` (NaN where a set has
        no such metric), stages in first-seen order.

    """
    frames = []
    for name, scores in columns.items():
        if scores is None or scores.empty:
            continue
        frames.append(scores.set_index(["stage", "metric"])["value"].rename(name))
    if not frames:
        return pd.DataFrame(columns=["stage", "metric", *columns])
    out = pd.concat(frames, axis=1).reset_index()
    for name in columns:
        if name not in out:
            out[name] = float("nan")
    return out[["stage", "metric", *columns]]


def prf_table(scores: pd.DataFrame, score_sets: Iterable[str]) -> pd.DataFrame:
    """Precision, recall and F1 per stage and item, for each score set.

    Args:
        scores: Output of :func:`side_by_side`.
        score_sets: Its score columns to keep.

    Returns:
        Columns ``stage``, ``item`` (what is scored, e.g. ``countries``; ``""`` for the
        stage's main items), ``set`` and ``precision``, ``recall``, ``f1``. A missing
        precision stays NaN: the notebook says the scorer does not give one.

    """
    rows: dict[tuple[str, str, str], dict[str, float]] = {}
    sets = list(score_sets)
    for record in scores.to_dict("records"):
        match = _PRF.match(str(record["metric"]))
        if not match:
            continue
        item = match["item"]
        for name in sets:
            value = record.get(name)
            if value is None or pd.isna(value):
                continue
            key = (record["stage"], item, name)
            rows.setdefault(key, {})[match["kind"]] = float(value)
    out = [
        {"stage": s, "item": i, "set": n, **{k: v.get(k) for k in ("precision", "recall", "f1")}}
        for (s, i, n), v in rows.items()
    ]
    return pd.DataFrame(out, columns=["stage", "item", "set", "precision", "recall", "f1"])


#: Stages whose gold lists every item of its articles, so found / predicted is a precision.
DERIVED_PRECISION_STAGES = ("quotes",)


def with_derived_precision(
    scores: pd.DataFrame, stages: Iterable[str] = DERIVED_PRECISION_STAGES
) -> pd.DataFrame:
    """Add ``precision = n_found / n_predicted`` for ``stages`` that give no precision.

    Only for stages whose gold is exhaustive in its articles (quotes) and whose
    ``n_predicted`` counts predictions in the gold articles only.
    """
    wanted = set(stages)
    sets = [c for c in scores.columns if c not in ("stage", "metric")]
    extra = []
    for stage, group in scores.groupby("stage", sort=False):
        if stage not in wanted or group["metric"].str.endswith("precision").any():
            continue
        by_metric = group.set_index("metric")
        if not {"n_found", "n_predicted"} <= set(by_metric.index):
            continue
        row: dict[str, object] = {"stage": stage, "metric": "precision"}
        for name in sets:
            found, predicted = by_metric.at["n_found", name], by_metric.at["n_predicted", name]
            ok = pd.notna(found) and pd.notna(predicted) and predicted
            row[name] = (
                float(cast(float, found)) / float(cast(float, predicted)) if ok else float("nan")
            )
        extra.append(row)
    if not extra:
        return scores
    return pd.concat([scores, pd.DataFrame(extra, columns=scores.columns)], ignore_index=True)
