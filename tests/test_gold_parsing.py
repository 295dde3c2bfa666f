"""Parsing quality on the gold articles, through the readers alone (no NLP)."""

import pytest

from sahel_utils.core import paths
from sahel_utils.evaluation import parsing
from sahel_utils.reading import parse_inputs


@pytest.fixture(scope="module")
def parsed():
    result = parse_inputs([paths.RAW])
    return {"articles": result.articles, "segments": result.segments}


def test_every_gold_check_passes(parsed):
    table = parsing.details(parsed)
    failing = {
        row.article_id: [c for c in parsing.CHECKS if not getattr(row, c)]
        for row in table.itertuples()
        if not all(getattr(row, c) for c in parsing.CHECKS)
    }
    assert failing == {}


def test_scores(parsed):
    scores = parsing.score(parsed)
    assert scores["found"] == 1.0
    assert scores["all"] == 1.0
    assert scores["articles_predicted_in_gold_files"] == 1.0


def test_removed_parts_are_kept_as_typed_segments(parsed):
    segs = parsed["segments"]
    types = set(segs["segment_type"])
    assert {"comment", "related_teaser", "author_articles", "signature", "source_line"} <= types
    assert {"subscription_prompt", "comment_counter", "comment_prompt"} <= types
    comments = segs[segs["segment_type"] == "comment"]
    assert comments["text"].str.contains("Long live Russia").any()


def test_segment_offsets_index_the_raw_files(parsed):
    for seg in parsed["segments"].itertuples():
        raw = (paths.RAW / seg.source_file).read_text(encoding="utf-8")
        assert raw[seg.start : seg.end].split("\n")[0] == seg.text.split("\n")[0]


def test_scoring_notices_errors(parsed):
    articles = parsed["articles"].copy()
    wrong = articles["article_id"] == "001_1e2fac2264a897ad.txt#1"
    articles.loc[wrong, "published"] = "2025-09-02T07:47"  # a teaser's date, not the article's
    articles.loc[wrong, "text"] = articles.loc[wrong, "text"] + "\n\nLire aussi : Neymar"
    articles = articles[articles["article_id"] != "002_c2b75f6216f1c356.txt#1"]
    table = parsing.details({"articles": articles})
    row = table.set_index("article_id").loc["001_1e2fac2264a897ad.txt#1"]
    assert not row["published"] and not row["body_end"] and not row["no_excluded"]
    assert not table.set_index("article_id").loc["002_c2b75f6216f1c356.txt#1", "found"]
    assert parsing.score({"articles": articles})["found"] == 8 / 9
