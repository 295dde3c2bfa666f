"""Rebuilds rescore only the claim pairs that touch new articles, with the cold result."""

from __future__ import annotations

from datetime import date

from sahel_utils.relations.claims.cluster import (
    candidate_pairs,
    claim_digest,
    cluster_claims,
    pair_scores,
)
from sahel_utils.relations.claims.extract import Claim

SENTENCES = [
    "Le président malien a reçu jeudi à Bamako le ministre russe des affaires étrangères.",
    "Le ministre russe des affaires étrangères a été reçu jeudi à Bamako par le président.",
    "Jeudi, à Bamako, le président malien a reçu le chef de la diplomatie russe.",
    "Le chef de la diplomatie russe reçu à Bamako jeudi par le président malien.",
]


def _claim(article: str, evidence: str, day: int = 12) -> Claim:
    when = date(2025, 6, day)
    return Claim(
        article_id=article,
        kind="event",
        subtype="meeting",
        start=0,
        end=len(evidence),
        evidence=evidence,
        actors=frozenset({"MLI", "RUS", "place:bamako"}),
        countries=frozenset({"MLI", "RUS"}),
        date=when.isoformat(),
        span=(when, when),
        places=frozenset({"bamako"}),
        context=frozenset(evidence.lower().split()),
        trigger="a reçu",
    )


def test_digest_ignores_the_article_only() -> None:
    a, b = _claim("a#1", SENTENCES[0]), _claim("b#1", SENTENCES[0])
    assert claim_digest(a) == claim_digest(b)
    assert claim_digest(a) != claim_digest(_claim("a#1", SENTENCES[0], day=13))


def test_rebuild_scores_only_pairs_touching_the_new_article(tmp_path) -> None:
    old = [_claim(f"old#{n}", text) for n, text in enumerate(SENTENCES[:3], 1)]
    new = _claim("new#1", SENTENCES[3])
    first: dict[str, int] = {}
    cluster_claims(old, cache_dir=tmp_path, stats=first)
    assert first["pairs"] == first["pairs_scored"] == 3
    claims = [*old, new]
    warm: dict[str, int] = {}
    clusters = cluster_claims(claims, cache_dir=tmp_path, stats=warm)
    touching = sum(1 for i, k in candidate_pairs(claims) if 3 in (i, k))
    assert warm["pairs"] == 6 and warm["pairs_scored"] == touching == 3
    assert clusters == [[0, 1, 2, 3]]
    # the same clusters and scores as a run without cache
    assert clusters == cluster_claims(claims)
    assert pair_scores(claims, tmp_path) == pair_scores(claims)
    again: dict[str, int] = {}
    cluster_claims(claims, cache_dir=tmp_path, stats=again)
    assert again["pairs_scored"] == 0
