"""Quotes and speakers of the seed corpus against the gold (issue 3, item 6)."""

from __future__ import annotations

import pandas as pd
import pytest

from sahel_utils.evaluation.quotes import (
    details,
    same_institution,
    same_person,
    score,
    speaker_agrees,
    text_matches,
)


def test_text_matching_rules() -> None:
    assert text_matches("un évènement historique", "un évènement historique (…) qui marque")
    assert text_matches("Aujourd’hui, nous sommes fiers", "Aujourd'hui, nous  sommes fiers parce")
    assert text_matches("dynamique et sincère", "Dynamique et sincère")
    assert not text_matches("se déroule de manière positive sur le terrain", "sur le terrain")
    assert not text_matches("tournant", "gagnant-gagnant")


def test_speaker_matching_rules() -> None:
    assert same_person("Faustin-Archange Touadéra", "Touedera")
    assert same_person("Sergueï Lavrov", "Serguei Lavrov")
    assert same_person("Bakary Yaou Sangare", "Bakary Yaou Sangaré")
    assert not same_person("Abdoulaye Diop", "Sadio Camara")
    assert not same_person("Abdoulaye Diop", None)


def test_score_counts_optional_and_speakers() -> None:
    gold = {
        "a#1": {
            "quotes": [
                {"text": "un tournant", "speaker": "Abdoulaye Diop"},
                {"text": "compte beaucoup", "speaker": "Bakary Yaou Sangaré"},
                {"text": "sur le terrain", "speaker": "Abdoulaye Diop", "optional": True},
                {"text": "jamais trouvé", "speaker": "Sadio Camara"},
            ]
        },
        "b#1": {"people": []},
    }
    quotes = pd.DataFrame(
        [
            {"article_id": "a#1", "text": "marque un tournant", "speaker": "Diop", "cue": None},
            {"article_id": "a#1", "text": "compte beaucoup", "speaker": None, "cue": None},
            {"article_id": "b#1", "text": "jamais trouvé", "speaker": "Camara", "cue": None},
        ]
    )
    result = score({"quotes": quotes}, gold)
    assert result["n_gold"] == 3
    assert result["recall"] == pytest.approx(2 / 3)
    assert result["speaker_accuracy"] == pytest.approx(1 / 2)
    assert result["speaker_recall"] == pytest.approx(1 / 3)
    table = details({"quotes": quotes}, gold)
    assert list(table["found"]) == [True, True, False, False]


def test_a_quote_the_text_attributes_to_no_one() -> None:
    assert speaker_agrees(None, None)
    assert speaker_agrees(None, float("nan"))
    assert speaker_agrees(None, "  ")
    assert not speaker_agrees(None, "Abdoulaye Diop")
    assert not speaker_agrees("Abdoulaye Diop", None)
    assert speaker_agrees("Abdoulaye Diop", "Diop")
    gold = {
        "a#1": {
            "quotes": [
                {"text": "un tournant", "speaker": None},
                {"text": "compte beaucoup", "speaker": None},
            ]
        }
    }
    quotes = pd.DataFrame(
        [
            {"article_id": "a#1", "text": "un tournant", "speaker": None, "cue": None},
            {"article_id": "a#1", "text": "compte beaucoup", "speaker": "Diop", "cue": None},
        ]
    )
    result = score({"quotes": quotes}, gold)
    assert (result["n_found"], result["n_speaker_ok"]) == (2, 1)


@pytest.mark.slow
def test_seed_quotes_recall_and_speakers(seed_tables: dict[str, pd.DataFrame]) -> None:
    result = score(seed_tables)
    table = details(seed_tables)
    missed = table[~table["optional"] & ~table["speaker_ok"]]
    assert result["recall"] >= 0.90, missed.to_string()
    assert result["speaker_accuracy"] >= 0.80, missed.to_string()


@pytest.mark.slow
def test_seed_quotes_table_is_consistent(seed_tables: dict[str, pd.DataFrame]) -> None:
    quotes = seed_tables["quotes"]
    articles = seed_tables["articles"].set_index("article_id")["text"]
    assert len(quotes) > 0
    for row in quotes.itertuples():
        assert articles[row.article_id][row.start : row.end] == row.text


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("autorités togolaises", "autorités togolaises de la transition", True),
        ("gouvernement togolais", "gouvernement de la République togolaise", True),
        ("ministère de la santé belge", "ministère belge de la Santé", True),
        ("présidence kényane", "présidence du Kenya", True),
        ("gouvernement", "gouvernement togolais", False),  # the head noun alone says less
        ("gouvernement togolais", "gouvernement béninois", False),
        ("ministère de la Défense", "ministère de l'Intérieur", False),
        ("mairie de Lomé", "mairie de la capitale", False),
        ("autorités togolaises", "gouvernement togolais", False),
        ("Agence togolaise de presse", "Agence togolaise", False),  # names: by family name
        # punctuation is no word: commas and parentheses of a long official name
        (
            "ministère des Affaires étrangères, de l'Intégration",
            "ministère des Affaires étrangères de l'Intégration",
            True,
        ),
    ],
)
def test_same_institution_is_symmetric(a: str, b: str, same: bool) -> None:
    assert same_institution(a, b) is same
    assert same_institution(b, a) is same
    assert speaker_agrees(a, b) is (same or same_person(a, b))
