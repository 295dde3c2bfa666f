"""Partner pairs and their domains: micro precision, recall and F1 against the gold.

Items are (article, pair) and (article, pair, domain), with the AES bloc expanded to its
members on both sides.

Only articles of the gold are scored. A pair found with no domain counts for the pair
level only. Partner pairs are cooperation (reported or planned): gold dyads and table rows
marked ``relation: tension`` or ``modality: denied`` are left out (see :func:`is_cooperation`).

Where the gold annotates ``relation`` and ``modality`` (the dev gold; not the seed gold, whose
scores then have no such metric rather than a zero), two more scores:

- **tension pairs**: precision, recall and F1 of the (article, pair) items of gold dyads
  marked ``relation: tension`` against table rows with ``relation == "tension"`` (any
  modality), pair unordered, AES expanded as above (``tension_*``, ``n_gold_tension``,
  ``n_found_tension``).
- **modality accuracy** on the cooperation pairs found in both: gold cooperation dyads and
  cooperation rows of the table (every modality, denied included) give each (article, pair)
  one modality; of the pairs in both, the share whose modality is the gold's
  (``modality_accuracy``, with ``n_modality_gold``, ``n_modality_found``,
  ``n_modality_matched``, ``n_modality_correct``; 0.0 when no pair matches). Several rows
  (or gold dyads) for one pair combine by :data:`MODALITY_PRECEDENCE`: the pair is
  ``reported`` if any row is reported, else ``planned`` if any is planned, else ``denied``.
  A row without a modality counts as reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
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


#: How the modalities of several rows for one pair combine: the first one present wins.
MODALITY_PRECEDENCE = ("reported", "planned", "denied")


def combine_modalities(modalities: Iterable[str | None]) -> str:
    """One modality for a pair from those of its rows (see :data:`MODALITY_PRECEDENCE`).

    A missing modality counts as ``reported``; a value outside the precedence ranks last.
    """
    present = {m or "reported" for m in modalities}
    if not present:
        raise ValueError("no modality to combine")
    rank = {m: i for i, m in enumerate(MODALITY_PRECEDENCE)}
    return min(present, key=lambda m: (rank.get(m, len(rank)), m))


def annotates(gold: dict[str, dict[str, Any]], field: str) -> bool:
    """Whether the gold gives ``field`` (``relation``, ``modality``) on its dyads."""
    return any(
        field in dyad for article in gold.values() for dyad in article.get("dyads", []) or []
    )


def _relation_items(
    records: Iterable[tuple[str, str, str, str | None, str | None]],
) -> tuple[set[Item], dict[Item, str]]:
    """Tension (article, a, b) items and cooperation (article, a, b) -> combined modality."""
    tension: set[Item] = set()
    modalities: dict[Item, list[str | None]] = {}
    for article_id, a, b, relation, modality in records:
        for x, y in expand_pair(a, b):
            item = (article_id, x, y)
            if (relation or "cooperation") == "tension":
                tension.add(item)
            else:
                modalities.setdefault(item, []).append(modality)
    return tension, {item: combine_modalities(ms) for item, ms in modalities.items()}


def gold_relation_items(
    gold: dict[str, dict[str, Any]] | None = None,
) -> tuple[set[Item], dict[Item, str]]:
    """Gold tension (article, a, b) items and cooperation pairs with their modality.

    Every gold dyad counts here, denied cooperation included; AES expanded.
    """
    gold = gold if gold is not None else load_gold_articles()
    return _relation_items(
        (article_id, dyad["pair"][0], dyad["pair"][1], dyad.get("relation"), dyad.get("modality"))
        for article_id, article in gold.items()
        for dyad in article.get("dyads", []) or []
    )


def predicted_relation_items(
    dyads: pd.DataFrame, article_ids: set[str] | None = None
) -> tuple[set[Item], dict[Item, str]]:
    """Table tension (article, a, b) items and cooperation pairs with their modality.

    Every row counts (denied cooperation included); a table without ``relation`` is all
    cooperation, one without ``modality`` all reported. AES expanded.
    """
    records = []
    row: Any
    for row in dyads.itertuples(index=False):
        if article_ids is not None and row.article_id not in article_ids:
            continue
        relation, modality = getattr(row, "relation", None), getattr(row, "modality", None)
        records.append((row.article_id, row.actor_a, row.actor_b, relation, modality))
    return _relation_items(records)


def relation_scores(dyads: pd.DataFrame, gold: dict[str, dict[str, Any]]) -> dict[str, float]:
    """Tension pairs P/R/F1 and modality accuracy, for what the gold annotates.

    Args:
        dyads: The ``dyads`` table.
        gold: Gold articles keyed by article id.

    Returns:
        The ``tension_*`` metrics when the gold gives ``relation``, the ``modality_*``
        ones when it gives ``modality`` (see the module docstring); else nothing.

    """
    gold_tension, gold_modality = gold_relation_items(gold)
    found_tension, found_modality = predicted_relation_items(dyads, set(gold))
    out: dict[str, float] = {}
    if annotates(gold, "relation"):
        tp, tr, tf = _prf(found_tension, gold_tension)
        out |= {
            "tension_precision": tp,
            "tension_recall": tr,
            "tension_f1": tf,
            "n_gold_tension": float(len(gold_tension)),
            "n_found_tension": float(len(found_tension)),
        }
    if annotates(gold, "modality"):
        matched = gold_modality.keys() & found_modality.keys()
        correct = sum(1 for item in matched if gold_modality[item] == found_modality[item])
        out |= {
            "modality_accuracy": correct / len(matched) if matched else 0.0,
            "n_modality_gold": float(len(gold_modality)),
            "n_modality_found": float(len(found_modality)),
            "n_modality_matched": float(len(matched)),
            "n_modality_correct": float(correct),
        }
    return out


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
        ``domain_recall``, ``domain_f1`` and the item counts; where the gold annotates
        them, the tension and modality metrics of :func:`relation_scores`.

    """
    gold = gold if gold is not None else load_gold_articles()
    gold_pairs, gold_domains = gold_items(gold)
    dyads = _dyads_table(tables)
    found_pairs, found_domains = predicted_items(dyads, set(gold))
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
        **relation_scores(dyads, gold),
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


#: The tension and modality metrics of :func:`relation_scores`, in display order.
RELATION_METRICS = (
    "tension_precision",
    "tension_recall",
    "tension_f1",
    "n_gold_tension",
    "n_found_tension",
    "modality_accuracy",
    "n_modality_gold",
    "n_modality_found",
    "n_modality_matched",
    "n_modality_correct",
)


def relation_summary(scores: pd.DataFrame) -> pd.DataFrame:
    """The tension and modality metrics of a long score table, one row per part.

    Args:
        scores: Long table with ``stage``, ``part``, ``metric``, ``value`` (as
            :func:`sahel_utils.evaluation.dev.score_dev` returns).

    Returns:
        Columns ``part`` and those of :data:`RELATION_METRICS` that the table holds (counts
        as integers), parts in first-seen order; empty when it holds none (a gold without
        relation fields).

    """
    wanted = scores[(scores["stage"] == "dyads") & scores["metric"].isin(RELATION_METRICS)]
    if wanted.empty:
        return pd.DataFrame(columns=["part"])
    table = wanted.pivot(index="part", columns="metric", values="value")
    parts = list(dict.fromkeys(wanted["part"]))
    metrics = [m for m in RELATION_METRICS if m in table.columns]
    out = table.loc[parts, metrics].reset_index().rename_axis(columns=None)
    counts = [m for m in metrics if m.startswith("n_")]
    out[counts] = out[counts].round().astype("Int64")
    return out


def modality_confusion(
    tables: dict[str, pd.DataFrame], gold: dict[str, dict[str, Any]]
) -> pd.DataFrame:
    """Gold modality × found modality of the cooperation pairs found in both.

    Pairs and modalities as for ``modality_accuracy`` (see the module docstring).

    Args:
        tables: The build's tables (see :func:`score`).
        gold: Gold articles keyed by article id.

    Returns:
        Counts of matched pairs, one row per gold modality and one column per found modality
        (those of :data:`MODALITY_PRECEDENCE`, then any other seen), index named ``gold``.

    """
    _, gold_modality = gold_relation_items(gold)
    _, found_modality = predicted_relation_items(_dyads_table(tables), set(gold))
    counts = Counter(
        (gold_modality[item], found_modality[item])
        for item in gold_modality.keys() & found_modality.keys()
    )
    labels = list(MODALITY_PRECEDENCE)
    labels += sorted({m for pair in counts for m in pair} - set(labels))
    return pd.DataFrame(
        [[counts[(g, f)] for f in labels] for g in labels],
        index=pd.Index(labels, name="gold"),
        columns=labels,
    )
