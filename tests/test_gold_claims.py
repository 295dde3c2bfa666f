"""Claims and reuse on the seed gold (data/gold/seed_claims.yaml), from the full build."""

from __future__ import annotations

import pandas as pd
import pytest

from sahel_utils.evaluation import claims as evaluation


@pytest.fixture(scope="module")
def claim_details(seed_tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return evaluation.details(seed_tables)


def _missed(details: pd.DataFrame, item: str) -> list[str]:
    rows = details[(details["item"] == item) & (details["correct"] == False)]  # noqa: E712
    return [f"{r.gold_id}: got {r.articles} {r.verdict} {r.field}" for r in rows.itertuples()]


def test_every_multi_article_cluster_is_found_with_its_verdict(
    seed_tables, gold_claims, claim_details
) -> None:
    multi = {c["id"] for c in gold_claims["clusters"] if len(c["articles"]) >= 2}
    rows = claim_details[claim_details["gold_id"].isin(multi)]
    assert len(rows) == len(multi)
    assert rows["correct"].all(), _missed(rows, "cluster")
    scores = evaluation.score(seed_tables)
    assert scores["multi_found"] == 1.0 and scores["multi_correct"] == 1.0


def test_both_conflicts_found_with_their_field_and_no_other(seed_tables, claim_details) -> None:
    scores = evaluation.score(seed_tables)
    assert scores["conflicts_found"] == 1.0, _missed(claim_details, "cluster")
    false = claim_details[claim_details["item"] == "false_conflict"]
    assert false.empty, false[["cluster_id", "kind", "articles", "field"]].to_dict("records")


def test_reuse_pair_found_and_no_other(seed_tables, claim_details) -> None:
    scores = evaluation.score(seed_tables)
    assert scores["reuse_recall"] == 1.0
    assert scores["false_reuse"] == 0.0, claim_details[claim_details["item"] == "false_reuse"][
        "articles"
    ].tolist()
    reuse = seed_tables["reuse"]
    assert "passages" in reuse.columns and reuse["passages"].str.len().gt(2).all()


def test_claims_table_has_one_row_per_cluster_and_article(seed_tables) -> None:
    claims = seed_tables["claims"]
    assert not claims.empty
    assert claims.groupby(["cluster_id", "article_id"]).size().max() == 1
    assert set(claims["kind"]) <= {"event", "quote", "number", "attribute"}
    conflicting = claims[claims["verdict"] == "conflicting"]
    assert conflicting["field"].notna().all()
