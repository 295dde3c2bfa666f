"""The real-press dev gold (``data/gold/dev/``) is aligned with its texts, and its split holds."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from sahel_utils.evaluation import dev
from sahel_utils.evaluation.dev import (
    articles_in_part,
    claims_in_part,
    load_dev_articles,
    load_dev_claims,
    part_of,
)

DOMAINS = {
    "defence", "training", "arms_equipment", "intelligence", "counterterrorism",
    "defence_industry", "private_military", "diplomacy", "economy", "energy", "mining",
    "education", "health", "agriculture", "infrastructure",
}  # fmt: skip


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("ʼ", "'")
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    found = {}
    for path in dev.dev_inputs():
        if not path.exists():
            pytest.skip(f"{path} is missing")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found[f"{path.name}#{number}"] = json.loads(line)
    return found


def test_every_gold_article_is_a_record_with_that_title(records):
    gold = load_dev_articles()
    assert len(gold) == 156
    for key, article in gold.items():
        assert key in records, key
        assert _norm(article["title"]) == _norm(records[key]["title"]), key


def test_quotes_evidence_and_timex_are_in_the_text(records):
    for key, article in load_dev_articles().items():
        text = _norm(records[key]["text"])
        for quote in article.get("quotes") or []:
            assert _norm(quote["text"]) in text, (key, quote["text"])
        for dyad in article.get("dyads") or []:
            assert _norm(dyad["evidence"]) in text, (key, dyad["evidence"])
            assert dyad["relation"] in {"cooperation", "tension"}, key
            assert dyad["modality"] in {"reported", "planned", "denied"}, key
            assert set(dyad["domains"]) <= DOMAINS, (key, dyad["domains"])
            assert list(dyad["pair"]) == sorted(dyad["pair"]), key
        for timex in article.get("timex") or []:
            assert _norm(timex["text"]) in text, (key, timex["text"])


def test_claim_clusters_name_existing_articles(records):
    claims = load_dev_claims()
    assert len(claims["clusters"]) >= 23
    for cluster in claims["clusters"]:
        assert set(cluster["articles"]) <= set(records), cluster["id"]
        assert cluster["verdict"] in {"corroborated", "conflicting", "single_source"}


def test_the_split_is_the_positions_rule():
    gold = load_dev_articles()
    held = articles_in_part(gold, "held_aside")
    tuned = articles_in_part(gold, "tuned")
    assert set(held) | set(tuned) == set(gold) and not set(held) & set(tuned)
    assert all(int(k.rsplit("#", 1)[1]) % 3 == 0 for k in held)
    assert 0.3 < len(held) / len(gold) < 0.36
    assert part_of("x.jsonl#3") == "held_aside" and part_of("x.jsonl#4") == "tuned"
    claims = load_dev_claims()
    assert len(claims_in_part(claims, "tuned")["clusters"]) + len(
        claims_in_part(claims, "held_aside")["clusters"]
    ) == len(claims["clusters"])
    with pytest.raises(ValueError, match="unknown part"):
        articles_in_part(gold, "everything")
