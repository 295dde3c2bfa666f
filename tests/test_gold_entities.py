"""Entity quality on the gold seed articles (data/gold/seed_articles.yaml)."""

from __future__ import annotations

import pytest

from sahel_utils.evaluation.entities import details, family_name, same_person, score


def test_family_name_folding_and_variants():
    assert family_name("Abdel Fattah Al-Sissi") == "sissi"
    assert family_name("Denis Sassou N’Guesso") == family_name("Sassou N'Guesso")
    assert same_person("Faustin Archange Touedera", "Faustin-Archange Touadéra")
    assert same_person("Salifou Mody", "Salifou Modi")
    assert not same_person("Ibrahim Traoré", "Abdoulaye Diop")


@pytest.mark.slow
def test_gold_countries(seed_tables):
    result = score(seed_tables)
    assert result["countries_f1"] >= 0.95, details(seed_tables)[
        ["article_id", "countries_missing", "countries_extra"]
    ]


@pytest.mark.slow
def test_gold_people_and_affiliation(seed_tables):
    result = score(seed_tables)
    table = details(seed_tables)
    assert result["people_f1"] >= 0.90, table[["article_id", "people_missing", "people_extra"]]
    assert result["people_affiliation"] >= 0.90, table[["article_id", "affiliation_errors"]]


@pytest.mark.slow
def test_details_has_one_row_per_gold_article(seed_tables, gold_articles):
    table = details(seed_tables)
    assert set(table["article_id"]) == set(gold_articles)
