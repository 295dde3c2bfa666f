"""The claims scorer matches gold clusters to predicted clusters one to one."""

from __future__ import annotations

import pandas as pd
import pytest

from sahel_utils.evaluation import claims as evaluation


def _claims(rows: list[tuple[str, str, str, str | None]]) -> pd.DataFrame:
    """Claims rows from (cluster_id, article_id, verdict, field)."""
    return pd.DataFrame(
        [
            {
                "cluster_id": c,
                "article_id": a,
                "kind": "event",
                "verdict": v,
                "field": f,
                "value": None,
            }
            for c, a, v, f in rows
        ]
    )


def _gold(*clusters: tuple[str, list[str], str, str | None]) -> dict:
    return {
        "clusters": [
            {"id": i, "kind": "event", "articles": arts, "verdict": v, "field": f, "summary": i}
            for i, arts, v, f in clusters
        ],
        "reuse": [],
    }


def test_one_predicted_cluster_counts_for_one_gold_cluster_only() -> None:
    gold = _gold(
        ("bozize-barred", ["a#1", "b#2"], "corroborated", None),
        ("rebels-threaten", ["a#1", "b#2"], "corroborated", None),
        ("other", ["a#1", "b#2"], "corroborated", None),
    )
    claims = _claims(
        [("event-x", "a#1", "corroborated", None), ("event-x", "b#2", "corroborated", None)]
    )
    scores = evaluation.score({"claims": claims}, gold)
    assert scores["n_multi"] == 3
    assert scores["n_multi_found"] == 1 and scores["n_multi_correct"] == 1


@pytest.mark.parametrize(
    ("predicted", "found", "correct"),
    [
        # two predicted clusters for two gold clusters: each finds its own
        (
            [
                ("p1", "a#1", "corroborated", None),
                ("p1", "b#2", "corroborated", None),
                ("p2", "a#1", "conflicting", "value"),
                ("p2", "c#3", "conflicting", "value"),
            ],
            2,
            2,
        ),
        # the exact cover wins over a larger overlapping cluster
        (
            [
                ("p1", "a#1", "corroborated", None),
                ("p1", "b#2", "corroborated", None),
                ("p1", "c#3", "corroborated", None),
                ("p2", "a#1", "corroborated", None),
                ("p2", "b#2", "corroborated", None),
            ],
            1,
            1,
        ),
        # nothing shared: nothing found
        ([("p1", "z#9", "corroborated", None), ("p1", "y#8", "corroborated", None)], 0, 0),
    ],
)
def test_assignment_is_one_to_one_by_overlap(predicted, found, correct) -> None:
    gold = _gold(
        ("g1", ["a#1", "b#2"], "corroborated", None),
        ("g2", ["a#1", "c#3"], "conflicting", "value"),
    )
    scores = evaluation.score({"claims": _claims(predicted)}, gold)
    assert scores["n_multi_found"] == found
    assert scores["n_multi_correct"] == correct


def test_a_conflict_not_matched_to_a_gold_conflict_is_false() -> None:
    gold = _gold(("g1", ["a#1", "b#2"], "corroborated", None))
    claims = _claims([("p1", "a#1", "conflicting", "date"), ("p1", "b#2", "conflicting", "date")])
    details = evaluation.details({"claims": claims}, gold)
    assert (details["item"] == "false_conflict").sum() == 1
    assert evaluation.score({"claims": claims}, gold)["n_multi_correct"] == 0


def test_a_conflict_counts_in_the_part_of_its_gold_cluster_only() -> None:
    from sahel_utils.evaluation.dev import claims_in_part

    # Positions 1, 2 are tuned; 3, 6 held aside (multiples of 3).
    gold = _gold(
        ("tuned-conflict", ["a#1", "b#2"], "conflicting", "date"),
        ("aside-agree", ["a#3", "b#6"], "corroborated", None),
    )
    claims = _claims(
        [
            ("right", "a#1", "conflicting", "date"),
            ("right", "b#2", "conflicting", "date"),
            ("aside-wrong", "a#3", "conflicting", "value"),
            ("aside-wrong", "b#6", "conflicting", "value"),
            ("stray", "a#1", "conflicting", "place"),
            ("stray", "a#3", "conflicting", "place"),
        ]
    )
    tuned = evaluation.score({"claims": claims}, claims_in_part(gold, "tuned"))
    aside = evaluation.score({"claims": claims}, claims_in_part(gold, "held_aside"))
    whole = evaluation.score({"claims": claims}, claims_in_part(gold, "all"))
    # The right tuned conflict is never false; the wrong held-aside one is false
    # in its own part only; the unmatched one with a tuned article is tuned's.
    assert tuned["n_conflicts_found"] == 1 and tuned["false_conflicts"] == 1
    assert aside["false_conflicts"] == 1
    assert whole["false_conflicts"] == 2


def test_a_reuse_pair_counts_in_the_part_of_its_articles_only() -> None:
    from sahel_utils.evaluation.dev import claims_in_part

    gold = {"clusters": [], "reuse": [{"pair": ["a#1", "b#2"], "relation": "rewrite"}]}
    reuse = pd.DataFrame(
        [("a#1", "b#2", "duplicate", 1.0), ("a#3", "b#6", "duplicate", 1.0)],
        columns=["article_a", "article_b", "relation", "score"],
    )
    tables = {"claims": _claims([]), "reuse": reuse}
    assert evaluation.score(tables, claims_in_part(gold, "tuned"))["false_reuse"] == 0
    assert evaluation.score(tables, claims_in_part(gold, "held_aside"))["false_reuse"] == 1
    assert evaluation.score(tables, claims_in_part(gold, "all"))["false_reuse"] == 1
