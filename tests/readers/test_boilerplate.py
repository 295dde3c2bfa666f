import pytest

from sahel_utils.boilerplate import (
    agency_from_signature,
    is_person_name,
    is_truncated,
    match_marker,
    outlet_from_source,
)


@pytest.mark.parametrize(
    ("line", "kind", "opens"),
    [
        ("3 COMMENTS", "comment_counter", "comment"),
        ("Commentaires (12)", "comment_counter", "comment"),
        ("7", "comment_counter", None),
        ("LEAVE A REPLY", "comment_prompt", None),
        ("Lire aussi : Mali : la Russie livre des avions", "related_teaser", "related_teaser"),
        ("Les articles de l'auteur", "author_articles", "author_articles"),
        ("Abonnez-vous pour lire la suite", "subscription_prompt", None),
        ("LA SUITE APRÈS CETTE PUBLICITÉ", "advertisement", None),
        ("Source : https://www.rfi.fr/fr/afrique", "source_line", None),
        ("Publié lundi 23 juin 2025 à 07:31", "dateline", None),
        ("Envoyée spéciale à Niamey, A.D.", "signature", None),
        ("AB/cd/APA", "signature", None),
    ],
)
def test_markers(line, kind, opens):
    marker = match_marker(line)
    assert marker is not None and (marker.segment_type, marker.opens) == (kind, opens)


@pytest.mark.parametrize(
    "line",
    [
        "Le ministre a signé un accord de défense avec son homologue.",
        "Une coopération en pleine expansion",
        "Par ailleurs, les deux pays ont signé un accord.",
        "Source de tensions entre les deux pays depuis des années",
    ],
)
def test_body_lines_are_not_markers(line):
    assert match_marker(line) is None


def test_names_signatures_sources_truncation():
    assert is_person_name("Alassane Souleymane")
    assert is_person_name("Mohamed ould Abdel Aziz")
    assert not is_person_name("Une alliance militaire renforcée")
    assert not is_person_name("Le Président Goïta")
    assert agency_from_signature("LOS/ac/APA") == "APA"
    assert agency_from_signature("UN/DEUX/XYZ") is None
    assert outlet_from_source("https://information.tv5monde.com/") == "TV5MONDE"
    assert outlet_from_source("AFP") == "AFP"
    assert is_truncated("a été interpellé..") and is_truncated("la suite…")
    assert not is_truncated("Fin de phrase.") and not is_truncated("Et puis...")
