"""Partner pairs and their domains: micro precision, recall and F1 against the gold.

Items are (article, pair) and (article, pair, domain), with the AES bloc expanded to its
members on both sides.

Only articles of the gold are scored. A pair found with no domain counts for the pair
level only. Partner pairs are cooperation (reported or planned): gold dyads and table rows
marked ``relation: tension`` or ``modality: denied`` are left out (see :func:`is_cooperation`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from sahel_utils.evaluation.gold import expand_pair, load_gold_articles
from sahel_utils.evaluation.metrics import precision_recall_f1
from sahel_utils.relations.dyads import extract_dyads

Item = tuple[str, ...]


def is_cooperation(relation: str | None, modality: str | None) -> bool:
    """Whether a gold dyad or a table row counts as a partner pair.

    Cooperation that is reported or planned counts; tension and denied
    cooperation do not. A missing ``relation`` (the seed gold, older tables)
    means cooperation.
    """
    return (relation or "cooperation") == "cooperation" and modality != "denied"


def gold_items(
    gold: dict[str, dict[str, Any]] | None = None,
) -> tuple[set[Item], set[Item]]:
    """Gold (article, a, b) pairs and (article, a, b, domain) items, AES expanded."""
    gold = gold if gold is not None else load_gold_articles()
    pairs: set[Item] = set()
    with_domain: set[Item] = set()
    for article_id, article in gold.items():
        for dyad in article.get("dyads", []) or []:
            if not is_cooperation(dyad.get("relation"), dyad.get("modality")):
                continue
            for a, b in expand_pair(*dyad["pair"]):
                pairs.add((article_id, a, b))
                for domain in dyad.get("domains", []) or []:
                    with_domain.add((article_id, a, b, domain))
    return pairs, with_domain


def predicted_items(
    dyads: pd.DataFrame, article_ids: set[str] | None = None
) -> tuple[set[Item], set[Item]]:
    """Predicted (article, a, b) and (article, a, b, domain) items, AES expanded."""
    pairs: set[Item] = set()
    with_domain: set[Item] = set()
    row: Any
    for row in dyads.itertuples(index=False):
        if article_ids is not None and row.article_id not in article_ids:
            continue
        if not is_cooperation(getattr(row, "relation", None), getattr(row, "modality", None)):
            continue
        for a, b in expand_pair(row.actor_a, row.actor_b):
            pairs.add((row.article_id, a, b))
            if isinstance(row.domain, str) and row.domain:
                with_domain.add((row.article_id, a, b, row.domain))
    return pairs, with_domain


def _dyads_table(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    dyads = tables.get("dyads")
    if dyads is None or (dyads.empty and not tables.get("sentences", pd.DataFrame()).empty):
        dyads = extract_dyads(tables)
    return dyads


def _prf(found: set[Item], expected: set[Item]) -> tuple[float, float, float]:
    return precision_recall_f1(len(found & expected), len(found - expected), len(expected - found))


def score(
    tables: dict[str, pd.DataFrame], gold: dict[str, dict[str, Any]] | None = None
) -> dict[str, float]:
    """Dyad and dyad × domain precision, recall and F1 on the gold articles.

    Args:
        tables: The build's tables; ``dyads`` is used when present, else it is computed
            from the tagging tables.
        gold: Gold articles keyed by article id (default ``data/gold/seed_articles.yaml``,
            see :func:`sahel_utils.evaluation.gold.load_gold_articles`).

    Returns:
        ``dyad_precision``, ``dyad_recall``, ``dyad_f1``, ``domain_precision``,
        ``domain_recall``, ``domain_f1`` and the item counts.

    """
    gold = gold if gold is not None else load_gold_articles()
    gold_pairs, gold_domains = gold_items(gold)
    found_pairs, found_domains = predicted_items(_dyads_table(tables), set(gold))
    p, r, f = _prf(found_pairs, gold_pairs)
    dp, dr, df = _prf(found_domains, gold_domains)
    return {
        "dyad_precision": p,
        "dyad_recall": r,
        "dyad_f1": f,
        "domain_precision": dp,
        "domain_recall": dr,
        "domain_f1": df,
        "n_gold_dyads": float(len(gold_pairs)),
        "n_found_dyads": float(len(found_pairs)),
        "n_gold_dyad_domains": float(len(gold_domains)),
        "n_found_dyad_domains": float(len(found_domains)),
    }


def details(
    tables: dict[str, pd.DataFrame], gold: dict[str, dict[str, Any]] | None = None
) -> pd.DataFrame:
    """One row per gold or predicted item: level, article, pair, domain, status (tp/fn/fp).

    Args:
        tables: The build's tables (see :func:`score`).
        gold: Gold articles keyed by article id (default: the seed gold).

    """
    gold = gold if gold is not None else load_gold_articles()
    gold_pairs, gold_domains = gold_items(gold)
    found_pairs, found_domains = predicted_items(_dyads_table(tables), set(gold))
    rows = []
    for level, expected, found in (
        ("dyad", gold_pairs, found_pairs),
        ("dyad_domain", gold_domains, found_domains),
    ):
        for item in sorted(expected | found):
            status = (
                "tp" if item in expected and item in found else ("fn" if item in expected else "fp")
            )
            rows.append(
                {
                    "level": level,
                    "article_id": item[0],
                    "actor_a": item[1],
                    "actor_b": item[2],
                    "domain": item[3] if len(item) > 3 else None,
                    "status": status,
                }
            )
    return pd.DataFrame(
        rows, columns=["level", "article_id", "actor_a", "actor_b", "domain", "status"]
    )
