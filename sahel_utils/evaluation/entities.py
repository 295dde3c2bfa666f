"""Score the ``mentions`` table against the gold countries and people.

Rules (``data/gold/README.md``):

- countries: per article, the set of ISO3 codes of ``country`` mentions (names, capitals
  used for the state, adjectives). Bloc mentions ("AES") add no member by themselves;
  ``optional_countries`` are neither required nor errors. Scores are micro-averaged
  over the gold articles.
- people: per article, the distinct ``person`` entities, compared with the gold people
  by family name, accents and case folded; spelling variants of one name ("Touedera",
  "Touadéra") match (:func:`sahel_utils.core.names.same_person`). Affiliation is
  right when the predicted ``country`` of a matched person equals the gold one.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from sahel_utils.core.names import family_name, same_person
from sahel_utils.evaluation.gold import load_gold_articles
from sahel_utils.evaluation.metrics import precision_recall_f1

__all__ = [
    "details",
    "family_name",
    "predicted_countries",
    "predicted_people",
    "same_person",
    "score",
]


def predicted_countries(mentions: pd.DataFrame) -> set[str]:
    """ISO3 codes the mentions of one article refer to (country mentions only)."""
    if mentions.empty:
        return set()
    rows = mentions[mentions["entity_type"] == "country"]
    return {str(x) for x in rows["entity_id"].dropna() if len(str(x)) == 3}


def predicted_people(mentions: pd.DataFrame) -> dict[str, str | None]:
    """Distinct people of one article with their most frequent affiliation."""
    if mentions.empty:
        return {}
    rows = mentions[(mentions["entity_type"] == "person") & mentions["entity_id"].notna()]
    people: dict[str, str | None] = {}
    for entity_id, group in rows.groupby("entity_id", sort=False):
        countries = Counter(c for c in group["country"] if isinstance(c, str) and c)
        people[str(entity_id)] = countries.most_common(1)[0][0] if countries else None
    return people


def _match_people(
    gold: list[dict[str, Any]], predicted: dict[str, str | None]
) -> list[tuple[dict[str, Any], str]]:
    """Greedy one-to-one matching of gold and predicted people (exact keys first)."""
    pairs: list[tuple[dict[str, Any], str]] = []
    free = list(predicted)
    for exact in (True, False):
        for person in gold:
            if any(p is person for p, _ in pairs):
                continue
            for name in free:
                hit = (
                    family_name(name) == family_name(person["name"])
                    if exact
                    else same_person(name, person["name"])
                )
                if hit:
                    pairs.append((person, name))
                    free.remove(name)
                    break
    return pairs


def details(
    tables: dict[str, pd.DataFrame], gold: dict[str, dict[str, Any]] | None = None
) -> pd.DataFrame:
    """One row per gold article: gold and predicted countries and people, and the errors.

    Args:
        tables: Built tables; uses ``mentions``.
        gold: Gold articles keyed by id (default: ``load_gold_articles()``).

    Returns:
        Columns ``article_id``, ``countries_gold``, ``countries_pred``,
        ``countries_missing``, ``countries_extra``, ``people_gold``, ``people_pred``,
        ``people_missing``, ``people_extra``, ``affiliation_errors``, and the counts
        used by :func:`score`.

    """
    mentions = tables.get("mentions", pd.DataFrame())
    rows = []
    gold = gold if gold is not None else load_gold_articles()
    for article_id, article in gold.items():
        if mentions.empty:
            own = mentions
        else:
            own = mentions[mentions["article_id"] == article_id]
        gold_countries = set(article.get("countries") or [])
        optional = set(article.get("optional_countries") or [])
        pred_countries = predicted_countries(own)
        scored_pred = pred_countries - (optional - gold_countries)

        gold_people = list(article.get("people") or [])
        pred_people = predicted_people(own)
        pairs = _match_people(gold_people, pred_people)
        matched_pred = {name for _, name in pairs}
        affiliation_errors = [
            f"{name}: {pred_people[name]} (gold {person.get('country')})"
            for person, name in pairs
            if pred_people[name] != person.get("country")
        ]
        rows.append(
            {
                "article_id": article_id,
                "countries_gold": sorted(gold_countries),
                "countries_pred": sorted(pred_countries),
                "countries_missing": sorted(gold_countries - pred_countries),
                "countries_extra": sorted(scored_pred - gold_countries),
                "countries_tp": len(gold_countries & pred_countries),
                "countries_fp": len(scored_pred - gold_countries),
                "countries_fn": len(gold_countries - pred_countries),
                "people_gold": [p["name"] for p in gold_people],
                "people_pred": sorted(pred_people),
                "people_missing": [
                    p["name"] for p in gold_people if not any(p is q for q, _ in pairs)
                ],
                "people_extra": sorted(set(pred_people) - matched_pred),
                "people_tp": len(pairs),
                "people_fp": len(pred_people) - len(pairs),
                "people_fn": len(gold_people) - len(pairs),
                "affiliation_right": len(pairs) - len(affiliation_errors),
                "affiliation_errors": affiliation_errors,
            }
        )
    return pd.DataFrame(rows)


def score(
    tables: dict[str, pd.DataFrame], gold: dict[str, dict[str, Any]] | None = None
) -> dict[str, float]:
    """Micro-averaged entity scores on the gold articles.

    Args:
        tables: Built tables; uses ``mentions``.
        gold: Gold articles keyed by id (default: ``load_gold_articles()``).

    Returns:
        ``countries_precision``, ``countries_recall``, ``countries_f1``,
        ``people_precision``, ``people_recall``, ``people_f1`` and
        ``people_affiliation`` (share of matched people whose country is right).

    """
    table = details(tables, gold)
    cp, cr, cf = precision_recall_f1(
        int(table["countries_tp"].sum()),
        int(table["countries_fp"].sum()),
        int(table["countries_fn"].sum()),
    )
    pp, pr, pf = precision_recall_f1(
        int(table["people_tp"].sum()), int(table["people_fp"].sum()), int(table["people_fn"].sum())
    )
    matched = int(table["people_tp"].sum())
    affiliation = int(table["affiliation_right"].sum()) / matched if matched else 0.0
    return {
        "countries_precision": cp,
        "countries_recall": cr,
        "countries_f1": cf,
        "people_precision": pp,
        "people_recall": pr,
        "people_f1": pf,
        "people_affiliation": affiliation,
    }
