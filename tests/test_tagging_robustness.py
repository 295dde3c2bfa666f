"""The tagging stage on odd articles: no crash, offsets inside the text, sane rows."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from sahel_utils.annotation import tagging
from sahel_utils.core.tables import SCHEMAS

PARAGRAPH = (
    "Le ministre nigérien de la Défense, le général Salifou Mody, a reçu mardi à Niamey "
    "une délégation turque. « Nous renforçons notre coopération », a-t-il déclaré.\n\n"
)

ODD_TEXTS = {
    "empty": "",
    "blank": " \n\n\t \n",
    "only_quotes": "« Nous ne céderons pas. »\n\n« La souveraineté n'est pas négociable. »",
    "unmatched_open": (
        "Le président malien a déclaré : « Nous irons jusqu'au bout. Puis il est parti."
    ),
    "unmatched_close": "Le Tchad a rompu l'accord » avec la France, selon N'Djamena.",
    "unbalanced_mixed": 'Il a dit " oui » puis “ non. Le Niger et la Turquie ont signé " un accord',
    "english_words": (
        "Le Mali a signé un deal avec la Russie. The minister said the agreement was "
        "'a game changer' for security, selon Bamako."
    ),
    "punctuation_only": '« » “ ” " " … — ; : !!! ???',
    "digits_only": "2025 2024 1er 31/12/2025 14h30 3 000",
    "long": PARAGRAPH * 60,
}


def _articles(texts: dict[str, str], published: str | None = "2025-03-14") -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "article_id": f"{name}#1",
                "text": text,
                "language": "fr",
                "published": published,
                "content_hash": hashlib.sha256(text.encode()).hexdigest(),
            }
            for name, text in texts.items()
        ]
    )


@pytest.fixture(scope="module")
def odd_tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    return tagging.tag_articles(_articles(ODD_TEXTS), cache_dir=tmp_path_factory.mktemp("c"))


@pytest.mark.slow
@pytest.mark.parametrize("table", tagging.TAG_TABLES)
def test_odd_articles_give_schema_tables_with_offsets_inside_the_text(odd_tables, table):
    df = odd_tables[table]
    assert set(SCHEMAS[table].columns) <= set(df.columns)
    for row in df.itertuples():
        text = ODD_TEXTS[row.article_id.split("#")[0]]
        assert 0 <= row.start < row.end <= len(text)
        if "text" in df.columns:
            assert row.text == text[row.start : row.end]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["empty", "blank", "punctuation_only"])
def test_articles_without_words_give_no_entity_and_no_quote(odd_tables, name):
    for table in ("mentions", "quotes", "timex"):
        assert (odd_tables[table]["article_id"] != f"{name}#1").all(), table


@pytest.mark.slow
def test_article_made_only_of_quotes_keeps_them_without_speaker(odd_tables):
    quotes = odd_tables["quotes"]
    own = quotes[quotes["article_id"] == "only_quotes#1"]
    assert sorted(own["text"]) == [
        "La souveraineté n'est pas négociable.",
        "Nous ne céderons pas.",
    ]
    assert own["speaker"].isna().all()


@pytest.mark.slow
def test_english_words_do_not_hide_french_entities(odd_tables):
    mentions = odd_tables["mentions"]
    own = mentions[(mentions["article_id"] == "english_words#1")]
    assert {"MLI", "RUS"} <= set(own.loc[own["entity_type"] == "country", "entity_id"])


@pytest.mark.slow
def test_long_article_tagged_in_pieces_matches_whole(odd_tables, tmp_path, monkeypatch):
    """Cutting a long article into pieces keeps every paragraph's entities and quotes."""
    whole = odd_tables
    monkeypatch.setattr(tagging, "MAX_DOC_CHARS", 2_000)
    pieces = tagging.tag_articles(_articles({"long": ODD_TEXTS["long"]}), cache_dir=tmp_path)
    for table in ("mentions", "quotes", "timex"):
        own = whole[table][whole[table]["article_id"] == "long#1"]
        assert len(own) > 0
        assert list(pieces[table]["start"]) == list(own["start"]), table
    quotes = pieces["quotes"]
    assert len(quotes) == 60
    assert set(quotes["speaker"]) == {"Salifou Mody"}
    sentences = pieces["sentences"]["sent_index"]
    assert sentences.is_unique and sentences.is_monotonic_increasing


@pytest.mark.parametrize("limit", [50, 120, 1_000])
def test_split_long_text_covers_the_text_in_bounded_pieces(limit):
    text = PARAGRAPH * 5 + "x" * 300
    spans = tagging.split_long_text(text, limit)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a < b <= a + limit for a, b in spans)
    assert all(spans[i][1] == spans[i + 1][0] for i in range(len(spans) - 1))


def test_split_long_text_prefers_paragraph_breaks():
    spans = tagging.split_long_text(PARAGRAPH * 3, len(PARAGRAPH) + 10)
    assert spans[0] == (0, len(PARAGRAPH))


def test_split_long_text_keeps_short_text_whole():
    assert tagging.split_long_text("court", 100) == [(0, 5)]
