"""The one "same person?" rule (sahel_utils.core.names), shared by pipeline and scorers."""

from __future__ import annotations

import pytest

from sahel_utils.core import names


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Abdel Fattah Al-Sissi", "sissi"),
        ("Denis Sassou N’Guesso", "guesso"),
        ("Sassou N'Guesso", "guesso"),
        ("Nana Akufo-Addo", "akufo-addo"),
        ("el-Béchir", "bechir"),
        ("Goïta", "goita"),
        ("", ""),
        (None, ""),
    ],
)
def test_family_name(name, key):
    assert names.family_name(name) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Faustin Archange Touedera", "Faustin-Archange Touadéra"),  # one letter added
        ("Sergueï Lavrof", "Sergueï Lavrov"),  # one letter replaced in six
        ("Mamady Doumbouya", "Mamadi Doumbouya"),  # given names: one letter in six
        ("Salifou Mody", "Salifou Modi"),  # short family name: the whole names decide
        ("Zerbo", "Émile Zerbo"),  # no given name on one side
        ("Sergueï Lavrov", "Serguei Lavrov"),
    ],
)
def test_same_person(a, b):
    assert names.same_person(a, b)
    assert names.same_person(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Omar Tourané", "Omar Touray"),  # two letters
        ("Boungou", "Bougouma"),  # two letters
        ("Aminata Zerbo", "Émile Zerbo"),  # other given name
        ("Ibrahim Traoré", "Abdoulaye Diop"),
        ("Abdoulaye Diop", None),
        ("Sall", "Ball"),  # short names must be equal
    ],
)
def test_not_same_person(a, b):
    assert not names.same_person(a, b)


def test_pipeline_and_scorers_share_the_rule():
    from sahel_utils.annotation import entities, gazetteer
    from sahel_utils.evaluation import entities as entity_eval
    from sahel_utils.evaluation import quotes as quote_eval

    assert entity_eval.same_person is names.same_person
    assert quote_eval.same_person is names.same_person
    assert entity_eval.family_name is names.family_name
    assert entities._similar is names.similar_spelling
    assert gazetteer._PERSON_FUZZY_THRESHOLD == names.NAME_SIMILARITY


def test_particles_come_from_the_shared_vocabulary():
    from sahel_utils.core import vocabulary

    assert names.name_particles() == frozenset(names.fold(w) for w in vocabulary.name_particles())
    assert {"al", "el", "ould", "ben"} <= names.name_particles()


def test_a_moved_hyphen_is_the_same_name():
    from sahel_utils.core.names import same_person

    assert same_person("Iounous Bek-Evkourov", "Iounous-Bek Evkourov")
    assert same_person("Jean-Pierre Bemba", "Jean Pierre Bemba")
