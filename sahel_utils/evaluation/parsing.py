"""Parsing quality on the gold articles (``data/gold/seed_articles.yaml``).

Each gold article is looked up by its id (``FILE#POSITION``) in the ``articles``
table and checked field by field, comparing texts with ``normalize.canonical``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from sahel_utils.core.normalize import canonical, fold
from sahel_utils.evaluation.gold import load_gold_articles

CHECKS = (
    "found",
    "body_start",
    "body_end",
    "no_excluded",
    "title",
    "published",
    "author",
    "outlet",
)


def _same_text(predicted: Any, gold: Any, folded: bool = False) -> bool:
    missing_p = predicted is None or (isinstance(predicted, float) and pd.isna(predicted))
    if gold is None:
        return missing_p or not str(predicted).strip()
    if missing_p:
        return False
    convert = fold if folded else canonical
    return convert(str(predicted)) == convert(str(gold))


def details(tables: dict[str, pd.DataFrame], gold: dict[str, dict] | None = None) -> pd.DataFrame:
    """One row per gold article: which parsing checks pass.

    Args:
        tables: Tables keyed by name; uses ``articles``.
        gold: Gold articles keyed by id (default: ``load_gold_articles()``).

    Returns:
        Columns ``article_id``, one boolean per check in ``CHECKS``, and the
        predicted ``title``/``published``/``author``/``outlet`` for reading.

    """
    gold = gold if gold is not None else load_gold_articles()
    articles = tables["articles"].set_index("article_id") if len(tables["articles"]) else None
    rows = []
    for article_id, g in sorted(gold.items()):
        row: dict[str, Any] = {"article_id": article_id}
        found = articles is not None and article_id in articles.index
        row["found"] = found
        pred: Any = articles.loc[article_id] if found and articles is not None else None
        body = canonical(pred["text"]) if found else ""
        row["body_start"] = found and body.startswith(canonical(g["body_first"]))
        row["body_end"] = found and body.endswith(canonical(g["body_last"]))
        row["no_excluded"] = found and not any(
            canonical(x) in body for x in g.get("excluded") or []
        )
        for key in ("title", "published", "author", "outlet"):
            value = pred[key] if found else None
            row[key] = found and _same_text(value, g.get(key), folded=key in ("author", "outlet"))
            row[f"predicted_{key}"] = value
        rows.append(row)
    return pd.DataFrame(rows)


def score(tables: dict[str, pd.DataFrame], gold: dict[str, dict] | None = None) -> dict[str, float]:
    """Share of gold articles passing each parsing check, plus ``all`` (every check).

    Also ``articles_predicted_in_gold_files``: articles found in the gold files
    divided by the gold count (1.0 when no article was split or merged).
    """
    gold = gold if gold is not None else load_gold_articles()
    table = details(tables, gold)
    result = {check: float(table[check].mean()) if len(table) else 0.0 for check in CHECKS}
    result["all"] = float(table[list(CHECKS)].all(axis=1).mean()) if len(table) else 0.0
    gold_files = {g["file"] for g in gold.values()}
    articles = tables["articles"]
    predicted = int(articles["source_file"].isin(gold_files).sum()) if len(articles) else 0
    result["articles_predicted_in_gold_files"] = predicted / len(gold) if gold else 0.0
    return result
