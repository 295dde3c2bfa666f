"""The development gold on real press (``data/gold/dev/``) and its fixed split.

The dev gold was written blind from the text (see ``data/gold/dev/README.md``).
Articles whose position is a multiple of 3 are **held aside**: never looked at
while tuning, reported separately. The split is computed from that rule here,
not stored by hand.

``score_dev(tables)`` scores a build of ``../shared/dev/*.jsonl`` (or any build
holding those articles) with the same stage scorers as the seed gold, once per
part (``tuned``, ``held_aside``, ``all``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from sahel_utils.core import paths
from sahel_utils.evaluation.gold import article_id

DEV_GOLD = paths.GOLD / "dev"
#: The raw real-press files the dev gold annotates (beside the project, not in it).
DEV_INPUTS = ("bbc_afrique.jsonl", "lemonde_2022.jsonl")
PARTS = ("tuned", "held_aside", "all")
#: Stage scorers (modules of ``sahel_utils.evaluation``) the dev gold feeds.
DEV_STAGES = ("entities", "quotes", "dyads", "claims")


def part_of(article: str) -> str:
    """``"held_aside"`` for positions that are multiples of 3, else ``"tuned"``."""
    position = int(article.rsplit("#", 1)[1])
    return "held_aside" if position % 3 == 0 else "tuned"


def dev_inputs(shared: Path | None = None) -> list[Path]:
    """Paths of the real-press files of ``../shared/dev/``."""
    folder = shared or paths.SHARED / "dev"
    return [folder / name for name in DEV_INPUTS]


def load_dev_articles(folder: Path | None = None) -> dict[str, dict[str, Any]]:
    """Every dev gold article keyed by article id (all ``*.yaml`` but the claims file)."""
    folder = folder or DEV_GOLD
    articles: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "articles" not in data:
            continue
        for article in data["articles"]:
            key = article_id(article["file"], article["position"])
            if key in articles:
                raise ValueError(f"{path.name}: article {key} is annotated twice")
            articles[key] = article
    return articles


def load_dev_claims(folder: Path | None = None) -> dict[str, Any]:
    """Dev gold claim clusters and reuse pairs (``dev_claims.yaml``)."""
    data = yaml.safe_load(((folder or DEV_GOLD) / "dev_claims.yaml").read_text(encoding="utf-8"))
    return {"clusters": data["clusters"], "reuse": data.get("reuse") or []}


def articles_in_part(gold: dict[str, dict[str, Any]], part: str) -> dict[str, dict[str, Any]]:
    """The gold articles of one part (``tuned``, ``held_aside`` or ``all``)."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; parts are {', '.join(PARTS)}")
    return {k: v for k, v in gold.items() if part == "all" or part_of(k) == part}


def articles_part(articles: Any) -> str:
    """Part of a set of articles: held aside when all of them are held aside."""
    parts = {part_of(str(a)) for a in articles}
    return "held_aside" if parts == {"held_aside"} else "tuned"


def claims_in_part(claims: dict[str, Any], part: str) -> dict[str, Any]:
    """Clusters of one part: held aside when all their articles are held aside.

    Besides ``clusters`` and ``reuse``, the result carries what the scorer needs
    to give each predicted conflict to one part only: ``other_clusters`` (the
    gold clusters of the other part, so that a conflict matched to one of them
    is not counted false here) and ``in_part`` (for a predicted conflict matched
    to no gold cluster: whether its articles belong to this part).
    """
    if part == "all":
        return claims
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; parts are {', '.join(PARTS)}")
    return {
        "clusters": [c for c in claims["clusters"] if articles_part(c["articles"]) == part],
        "reuse": [r for r in claims["reuse"] if {part_of(a) for a in r["pair"]} == {part}],
        "other_clusters": [c for c in claims["clusters"] if articles_part(c["articles"]) != part],
        "in_part": lambda articles: articles_part(articles) == part,
    }


def score_dev(
    tables: dict[str, pd.DataFrame], stages: tuple[str, ...] = DEV_STAGES
) -> pd.DataFrame:
    """Scores of a build against the dev gold, per part.

    Args:
        tables: The build's tables (they must hold the dev articles).
        stages: Scorer modules to run.

    Returns:
        Long table ``stage``, ``part``, ``metric``, ``value``.

    """
    from sahel_utils.evaluation import stage_module

    gold = load_dev_articles()
    claims = load_dev_claims()
    rows = []
    for part in PARTS:
        for stage in stages:
            module = stage_module(stage)
            if module is None:
                continue
            part_gold = (
                claims_in_part(claims, part) if stage == "claims" else articles_in_part(gold, part)
            )
            for metric, value in module.score(tables, part_gold).items():
                rows.append({"stage": stage, "part": part, "metric": metric, "value": value})
    return pd.DataFrame(rows, columns=["stage", "part", "metric", "value"])
