"""Time expressions on the gold articles: time values right for >= 0.90 of them."""

import re

import pandas as pd
import pytest

from sahel_utils.annotation.timex import extract_timex
from sahel_utils.core import paths
from sahel_utils.evaluation import timex as timex_eval
from sahel_utils.evaluation.gold import load_gold_articles
from sahel_utils.reading import parse_inputs

#: TIMEX3 values the suite writes: dates at any precision, weeks, seasons, quarters,
#: decades and ranges; parts of days, generic seasons, durations, sets and references.
_POINT = (
    r"(?:\d{4}|XXXX)(?:-\d{2}(?:-\d{2}(?:T(?:\d{2}:\d{2}|MO|AF|EV|NI|DT))?)?"
    r"|-W\d{2}(?:-WE)?|-(?:SP|SU|FA|WI|Q[1-4]|H[12]))?"
    r"|\d{3}|P(?:T?(?:\d+(?:\.\d+)?|X)[YMWDHS])|(?:PRESENT|PAST|FUTURE)_REF"
)
TIMEX_VALUE = re.compile(rf"(?:{_POINT})(?:/(?:{_POINT}))?")


def _n_gold() -> int:
    return sum(len(a.get("timex") or []) for a in load_gold_articles().values())


@pytest.fixture(scope="module")
def parsed_tables():
    """Readers, then ``extract_timex`` on every article: the stage without the spaCy model."""
    result = parse_inputs([paths.RAW])
    rows = [
        {"article_id": a.article_id, **row}
        for a in result.articles.itertuples()
        for row in extract_timex(a.text, a.published)
    ]
    return {"articles": result.articles, "segments": result.segments, "timex": pd.DataFrame(rows)}


def _assert_gold_quality(tables):
    scores = timex_eval.score(tables)
    missed = timex_eval.details(tables).query("not value_right")
    assert scores["n_gold"] == _n_gold()
    assert scores["recall"] >= 0.90, missed.to_string()
    assert scores["value_accuracy"] >= 0.90, missed.to_string()


def test_gold_timex_through_readers(parsed_tables):
    _assert_gold_quality(parsed_tables)


def test_values_are_timex3_and_spans_index_the_text(parsed_tables):
    texts = parsed_tables["articles"].set_index("article_id")["text"]
    for row in parsed_tables["timex"].itertuples():
        assert texts[row.article_id][row.start : row.end] == row.text
        if row.value is not None:
            assert TIMEX_VALUE.fullmatch(row.value), row.value


@pytest.mark.slow
def test_gold_timex_through_the_build(seed_tables):
    _assert_gold_quality(seed_tables)
