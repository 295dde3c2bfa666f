import pytest

from sahel_utils.reading.boilerplate import (
    agency_from_signature,
    is_person_name,
    is_truncated,
    lead_dateline,
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


@pytest.mark.parametrize(
    ("line", "kind", "value", "author"),
    [
        (
            "Publié le 12 mars 2025 à 10h15 | Mis à jour le 13 mars 2025",
            "dateline",
            "12 mars 2025 à 10h15",
            None,
        ),
        ("Mis à jour le 14 mars 2025 à 17:45", "update_dateline", "14 mars 2025 à 17:45", None),
        ("12 mars 2025 - 09:40 | Par Awa Diallo", "dateline", "12 mars 2025 - 09:40", "Awa Diallo"),
        (
            "12.03.2025, 15:27 (mis à jour: 12.03.2025, 16:10)",
            "dateline",
            "12.03.2025, 15:27",
            None,
        ),
        ("Alger, le 8 avril 2025", "dateline", "le 8 avril 2025", None),
        ("il y a 3 heures", "dateline", None, None),
        ("Par la rédaction", "byline", None, None),
        ("Par Koffi Yao, envoyé spécial à Gao", "byline", "Koffi Yao", None),
        ("Par AFP", "signature", "AFP", None),
        ("ZK/ata", "signature", None, None),
        ("Agence d'Information du Burkina", "signature", "AIB", None),
        ("► Lire aussi : Frontière nord : le poste rouvert", "related_teaser", None, None),
        ("Accueil > Afrique de l'Ouest > Burkina Faso", "navigation", None, None),
        ("Politique | Société | Économie | Défense", "navigation", None, None),
        (
            "Nous utilisons des cookies pour améliorer votre expérience de navigation.",
            "cookie_notice",
            None,
            None,
        ),
        ("Le ministre à Bamako. © Présidence du Mali", "photo_caption", None, None),
        ("Lecture : 4 minutes.", "reading_time", None, None),
        ("Suivez-nous sur Telegram", "subscription_prompt", None, None),
        ("Ahmed dit :", "comment", None, None),
        ("#Mali #Russie #Défense", "tags", None, None),
    ],
)
def test_markers_of_other_sites(line, kind, value, author):
    marker = match_marker(line)
    assert marker is not None, line
    assert (marker.segment_type, marker.value, marker.author) == (kind, value, author)


@pytest.mark.parametrize(
    "line",
    [
        "Par ailleurs, le ministre a rappelé les engagements pris à Moscou en juin dernier.",
        "Le Mali et la Russie ont signé un accord de défense le 12 mars 2025 à Moscou.",
        "Sahel | Bamako et Moscou signent un accord de défense",
        "Les deux pays ont convenu de se revoir en juin.",
    ],
)
def test_body_sentences_are_not_markers(line):
    assert match_marker(line) is None


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("Niamey, 4 mars 2025 (ANP) - Le ministre a signé un accord.", ("ANP", "4 mars 2025")),
        ("DAKAR, 17 juil (APS) - Les autorités ont signé.", ("APS", "")),
        ("N'Djamena (AFP) - La France a remis sa base.", ("AFP", "")),
        ("Le ministre (RN) - a dit que l'accord tenait.", None),
        ("Le président a reçu l'ambassadeur (AFP) hier.", None),
    ],
)
def test_lead_dateline(lead, expected):
    assert lead_dateline(lead) == expected
