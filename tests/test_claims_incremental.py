"""Rebuilds rescore only the claim pairs that touch new articles, with the cold result."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from sahel_utils.relations.claims.cluster import (
    candidate_pairs,
    claim_digest,
    cluster_claims,
    link_score,
    pair_scores,
)
from sahel_utils.relations.claims.extract import Claim, extract_all

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


def test_a_pair_in_one_article_is_not_scored_as_one_across_articles(tmp_path) -> None:
    """Two reports of one event dated a day apart conflict across articles, not within one.

    The claims of an article printed twice have the same digests as the original's, so
    the score of a pair kept under the two digests must also say whether the two are
    in one article (``date_conflict`` asks): cold, warm and unscored alike.
    """
    moved = {"start": 100, "end": 100 + len(SENTENCES[0])}
    claims = [
        _claim("a#1", SENTENCES[0], 12),
        replace(_claim("a#1", SENTENCES[0], 13), **moved),
        _claim("b#1", SENTENCES[0], 12),
        replace(_claim("c#1", SENTENCES[0], 13), **moved),
    ]
    assert claim_digest(claims[0]) == claim_digest(claims[2])
    assert claim_digest(claims[1]) == claim_digest(claims[3])
    expected = [
        (score, i, k)
        for i, k in sorted(candidate_pairs(claims))
        if (score := link_score(claims[i], claims[k])) is not None
    ]
    assert (0, 1) not in {(i, k) for _, i, k in expected}  # one article: no date conflict
    assert (2, 3) in {(i, k) for _, i, k in expected}  # two articles: a date conflict
    assert pair_scores(claims) == expected
    assert pair_scores(claims, tmp_path) == expected  # cold, with the cache
    assert pair_scores(claims, tmp_path) == expected  # warm


def test_claims_of_one_text_under_two_headlines_are_cached_apart(tmp_path) -> None:
    """The headline gives claims of its own: it is part of an article's cache key."""
    text = (
        "Le président malien a reçu jeudi à Bamako le ministre russe des affaires "
        "étrangères. Les deux pays ont signé un accord de coopération militaire."
    )
    titles = ["Le Mali et la Russie signent un accord militaire à Bamako", "Football : 2-0"]
    articles = pd.DataFrame(
        [
            {"article_id": f"a.jsonl#{n}", "text": text, "published": "2025-06-12", "title": t}
            for n, t in enumerate(titles, 1)
        ]
    )
    plain = extract_all({"articles": articles})
    by_article = {a: [c for c in plain if c.article_id == a] for a in articles["article_id"]}
    assert len(by_article["a.jsonl#1"]) > len(by_article["a.jsonl#2"])  # the headline's claim
    assert extract_all({"articles": articles}, cache_dir=tmp_path) == plain  # cold
    assert extract_all({"articles": articles}, cache_dir=tmp_path) == plain  # warm
