"""Claim clusters, verdicts and text reuse against the gold.

Gold clusters are matched to predicted clusters **one to one**: a maximum-weight
assignment (``scipy.optimize.linear_sum_assignment``) over pairs of the same kind
that share articles, weighted by their overlap (Jaccard of the article sets, an
exact cover and a right verdict weighing more), so that one predicted cluster can
never stand for several gold clusters. A gold cluster of two or more articles is
found when its assigned predicted cluster covers exactly its articles, and right
when it also has the gold verdict (and conflicting field); every predicted
conflict that is not assigned to a gold conflict found with its field is counted
as false; reuse pairs are scored as pairs. When the gold is one part of a split
gold (``other_clusters`` and ``in_part``, see ``evaluation.dev.claims_in_part``),
a predicted conflict counts only in the part of the gold cluster it is matched
to, or, matched to none, in the part its articles belong to; a predicted reuse
pair only in the part of its articles.

Gold clusters of one article are listed in ``details`` but not scored: they
say what a reader would note, and any claim of that article can stand for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

import numpy as np
import pandas as pd
from rapidfuzz import fuzz
from scipy.optimize import linear_sum_assignment

from sahel_utils.core.normalize import fold
from sahel_utils.evaluation.gold import load_gold_claims

QUOTE_MATCH = 80.0

DETAIL_COLUMNS = [
    "item",
    "gold_id",
    "kind",
    "gold_articles",
    "gold_verdict",
    "gold_field",
    "cluster_id",
    "articles",
    "verdict",
    "field",
    "found",
    "correct",
]


def predicted_clusters(claims: pd.DataFrame | None) -> pd.DataFrame:
    """One row per predicted cluster.

    Columns: ``cluster_id``, ``kind``, ``articles`` (frozenset), ``verdict``,
    ``field``, ``values`` (frozenset of the articles' values).
    """
    cols = ["cluster_id", "kind", "articles", "verdict", "field", "values"]
    if claims is None or claims.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for cluster_id, group in claims.groupby("cluster_id", sort=True):
        field = group["field"].dropna()
        rows.append(
            {
                "cluster_id": cluster_id,
                "kind": group["kind"].iloc[0],
                "articles": frozenset(group["article_id"].astype(str)),
                "verdict": group["verdict"].iloc[0],
                "field": field.iloc[0] if not field.empty else None,
                "values": frozenset(str(v) for v in group["value"].dropna()),
            }
        )
    return pd.DataFrame(rows, columns=cols)


def _same(a: Any, b: Any) -> bool:
    a = a if isinstance(a, str) and a else None
    b = b if isinstance(b, str) and b else None
    return a == b


_GUILLEMETS = re.compile(r"«\s*(.+?)\s*»")


def _quote_of(gold: dict) -> str | None:
    """The quoted words of a gold quote cluster's summary."""
    match = _GUILLEMETS.search(str(gold.get("summary", "")))
    return fold(match.group(1)) if match else None


def _says(values: frozenset[str], quote: str) -> bool:
    return any(fuzz.partial_ratio(quote, fold(v)) >= QUOTE_MATCH for v in values if v)


def _verdict_right(gold: dict, row: pd.Series) -> bool:
    return row["verdict"] == gold["verdict"] and (
        gold["verdict"] != "conflicting" or _same(row["field"], gold.get("field"))
    )


def _candidates(gold: dict, predicted: pd.DataFrame) -> pd.DataFrame:
    """Predicted clusters a gold one may be matched to: same kind, shared articles.

    Quote clusters must also carry the gold's quoted words.
    """
    if predicted.empty:
        return predicted
    articles = frozenset(gold["articles"])
    same_kind = predicted[predicted["kind"] == gold["kind"]]
    quote = _quote_of(gold) if gold["kind"] == "quote" else None
    if quote and not same_kind.empty:
        same_kind = same_kind[same_kind["values"].map(lambda v: _says(v, quote))]
    return same_kind[same_kind["articles"].map(lambda a: bool(a & articles))]


def _weight(gold: dict, row: pd.Series) -> float:
    """Weight of matching a gold cluster to a predicted one (0: not a candidate)."""
    articles = frozenset(gold["articles"])
    jaccard = len(row["articles"] & articles) / len(row["articles"] | articles)
    exact = row["articles"] == articles
    return jaccard + (2.0 if exact else 0.0) + (1.0 if exact and _verdict_right(gold, row) else 0.0)


def assign(golds: list[dict], predicted: pd.DataFrame) -> list[pd.Series | None]:
    """One-to-one matching of gold clusters to predicted clusters.

    Args:
        golds: Gold clusters.
        predicted: Predicted clusters (:func:`predicted_clusters`).

    Returns:
        For each gold cluster, the predicted cluster row it is matched to, or
        None. No predicted cluster is matched to two gold clusters.

    """
    out: list[pd.Series | None] = [None] * len(golds)
    if not golds or predicted.empty:
        return out
    predicted = predicted.reset_index(drop=True)
    weights = np.zeros((len(golds), len(predicted)))
    for g, gold in enumerate(golds):
        for p, row in _candidates(gold, predicted).iterrows():
            weights[g, cast(int, p)] = _weight(gold, row)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    for g, p in zip(rows, cols, strict=True):
        if weights[g, p] > 0:
            out[g] = cast(pd.Series, predicted.iloc[p])
    return out


def _match(gold: dict, row: pd.Series | None) -> tuple[bool, bool]:
    """(found exactly, verdict right) of a gold cluster and its assigned prediction."""
    if row is None:
        return False, False
    found = row["articles"] == frozenset(gold["articles"])
    return found, found and _verdict_right(gold, row)


def _reuse_pairs(reuse: pd.DataFrame | None) -> dict[tuple[str, str], str]:
    """Duplicate and rewrite pairs (a shared passage alone is listed, not a reuse pair)."""
    if reuse is None or reuse.empty:
        return {}
    return {
        (min(str(a), str(b)), max(str(a), str(b))): str(r)
        for a, b, r in zip(reuse["article_a"], reuse["article_b"], reuse["relation"], strict=False)
        if r in ("duplicate", "rewrite")
    }


def _false_conflicts(
    predicted: pd.DataFrame,
    skip: set,
    matched_any: set,
    in_part: Callable[[frozenset[str]], bool] | None,
) -> list[dict[str, Any]]:
    """Detail rows of predicted conflicts that no gold conflict of this gold accounts for.

    Args:
        predicted: Predicted clusters.
        skip: Cluster ids that are right conflicts or belong to another part.
        matched_any: Cluster ids matched to any gold cluster.
        in_part: For an unmatched conflict, whether its articles are in this part
            (None: every unmatched conflict counts).

    """
    if predicted.empty:
        return []
    rows = []
    for _, row in predicted[predicted["verdict"] == "conflicting"].iterrows():
        if row["cluster_id"] in skip:
            continue
        if in_part is not None and row["cluster_id"] not in matched_any:
            if not in_part(row["articles"]):
                continue
        rows.append(
            {
                "item": "false_conflict",
                "gold_id": None,
                "kind": row["kind"],
                "gold_articles": None,
                "gold_verdict": None,
                "gold_field": None,
                "cluster_id": row["cluster_id"],
                "articles": ", ".join(sorted(row["articles"])),
                "verdict": row["verdict"],
                "field": row["field"],
                "found": True,
                "correct": False,
            }
        )
    return rows


def details(tables: dict[str, pd.DataFrame], gold: dict | None = None) -> pd.DataFrame:
    """One row per gold cluster, gold reuse pair, predicted extra conflict and extra reuse pair.

    Args:
        tables: The build's tables (``claims`` and ``reuse`` are used).
        gold: Gold claims (default ``data/gold/seed_claims.yaml``).

    Returns:
        Rows with ``item`` (cluster, conflict, reuse), the gold side, the
        predicted side, ``found`` and ``correct``.

    """
    gold = gold if gold is not None else load_gold_claims()
    predicted = predicted_clusters(tables.get("claims"))
    rows = []
    found: bool | None
    correct: bool | None
    matched_conflicts: set = set()
    # A gold part (see evaluation.dev.claims_in_part) carries the other part's
    # clusters: the assignment is made over all of them, so that a conflict
    # matched to a cluster of the other part is that part's, not a false one here.
    others = list(gold.get("other_clusters") or [])
    in_part = gold.get("in_part")
    assigned_all = assign(list(gold["clusters"]) + others, predicted)
    assigned = assigned_all[: len(gold["clusters"])]
    elsewhere = {
        row["cluster_id"] for row in assigned_all[len(gold["clusters"]) :] if row is not None
    }
    matched_any = {row["cluster_id"] for row in assigned_all if row is not None}
    for cluster, row in zip(gold["clusters"], assigned, strict=True):
        found, correct = _match(cluster, row)
        if correct and cluster["verdict"] == "conflicting" and row is not None:
            matched_conflicts.add(row["cluster_id"])
        if len(cluster["articles"]) < 2:
            found = correct = None  # listed, not scored (see module docstring)
        rows.append(
            {
                "item": "cluster",
                "gold_id": cluster["id"],
                "kind": cluster["kind"],
                "gold_articles": ", ".join(sorted(cluster["articles"])),
                "gold_verdict": cluster["verdict"],
                "gold_field": cluster.get("field"),
                "cluster_id": None if row is None else row["cluster_id"],
                "articles": None if row is None else ", ".join(sorted(row["articles"])),
                "verdict": None if row is None else row["verdict"],
                "field": None if row is None else row["field"],
                "found": found,
                "correct": correct,
            }
        )
    skip = matched_conflicts | elsewhere
    rows.extend(_false_conflicts(predicted, skip, matched_any, in_part))
    found_pairs = _reuse_pairs(tables.get("reuse"))
    gold_pairs = {tuple(sorted(p["pair"])): p.get("relation") for p in gold["reuse"]}
    for pair, relation in gold_pairs.items():
        got = found_pairs.get(pair)
        rows.append(
            {
                "item": "reuse",
                "gold_id": " / ".join(pair),
                "kind": "reuse",
                "gold_articles": ", ".join(pair),
                "gold_verdict": relation,
                "gold_field": None,
                "cluster_id": None,
                "articles": ", ".join(pair) if got else None,
                "verdict": got,
                "field": None,
                "found": got is not None,
                "correct": got == relation,
            }
        )
    for pair, relation in sorted(found_pairs.items()):
        if in_part is not None and not in_part(frozenset(pair)):
            continue  # a pair of the other part's articles
        if pair not in gold_pairs:
            rows.append(
                {
                    "item": "false_reuse",
                    "gold_id": None,
                    "kind": "reuse",
                    "gold_articles": None,
                    "gold_verdict": None,
                    "gold_field": None,
                    "cluster_id": None,
                    "articles": ", ".join(pair),
                    "verdict": relation,
                    "field": None,
                    "found": True,
                    "correct": False,
                }
            )
    return pd.DataFrame(rows, columns=DETAIL_COLUMNS)


def score(tables: dict[str, pd.DataFrame], gold: dict | None = None) -> dict[str, float]:
    """Scores of claims and reuse on the gold.

    Returns:
        ``multi_found`` and ``multi_correct`` (share of gold clusters of two or
        more articles found, and found with the right verdict),
        ``conflicts_found`` (share of gold conflicts found with their field),
        ``false_conflicts`` (count), ``reuse_recall``, ``reuse_precision``,
        ``false_reuse`` (count), ``n_clusters`` (predicted), and the counts
        behind the shares: ``n_multi``, ``n_multi_found``, ``n_multi_correct``,
        ``n_conflicts``, ``n_conflicts_found``, and the diagnostic
        ``n_multi_half_overlap`` (matched cluster with the gold verdict sharing at
        least half of the articles: near misses). Counts are ints, so that they
        are not mistaken for rates.

    """
    gold = gold if gold is not None else load_gold_claims()
    rows = details(tables, gold)
    multi_ids = {c["id"] for c in gold["clusters"] if len(c["articles"]) >= 2}
    conflict_ids = {c["id"] for c in gold["clusters"] if c["verdict"] == "conflicting"}
    clusters = rows[rows["item"] == "cluster"]
    multi = clusters[clusters["gold_id"].isin(multi_ids)]
    conflicts = clusters[clusters["gold_id"].isin(conflict_ids)]
    reuse = rows[rows["item"] == "reuse"]
    false_reuse = int((rows["item"] == "false_reuse").sum())
    found_reuse = int(reuse["correct"].sum())
    predicted = predicted_clusters(tables.get("claims"))

    def share(frame: pd.DataFrame, column: str) -> float:
        return float(frame[column].mean()) if len(frame) else 0.0

    return {
        "multi_found": share(multi, "found"),
        "multi_correct": share(multi, "correct"),
        "conflicts_found": share(conflicts, "correct"),
        "false_conflicts": int((rows["item"] == "false_conflict").sum()),
        "reuse_recall": share(reuse, "correct"),
        "reuse_precision": found_reuse / (found_reuse + false_reuse)
        if found_reuse + false_reuse
        else 0.0,
        "false_reuse": int(false_reuse),
        "n_clusters": int(len(predicted)),
        "n_multi": int(len(multi)),
        "n_multi_found": int((multi["found"] == True).sum()),  # noqa: E712
        "n_multi_correct": int((multi["correct"] == True).sum()),  # noqa: E712
        "n_conflicts": int(len(conflicts)),
        "n_conflicts_found": int((conflicts["correct"] == True).sum()),  # noqa: E712
        "n_multi_half_overlap": int(sum(_half_overlap(r) for r in multi.itertuples())),
    }


def _half_overlap(row: Any) -> bool:
    """Diagnostic: the matched cluster has the gold verdict and half the articles.

    At least half of the union of the two article sets is shared; not exact, so
    not counted as found.
    """
    if not isinstance(row.articles, str) or row.verdict != row.gold_verdict:
        return False
    gold, got = set(row.gold_articles.split(", ")), set(row.articles.split(", "))
    return len(gold & got) / len(gold | got) >= 0.5
