"""French time expressions: table-driven cases (text, anchor -> span and value)."""

from datetime import date

import pandas as pd
import pytest

from sahel_utils.annotation.timex import (
    Anchor,
    clause_tense,
    extract_timex,
    load_vocabulary,
    parse_published,
)
from sahel_utils.evaluation import timex as timex_eval

TODAY = date(2026, 11, 25)


def _rows(text, published=None, today=TODAY):
    return extract_timex(text, published, today=today)


def _one(text, published, expected_text):
    return _find(_rows(text, published), text, expected_text)


def _find(rows, text, expected_text):
    """The row of ``expected_text``; for a range (two TimeML points inside its span,
    each carrying ``range_value``), its first point with the range as value.
    """
    found = [r for r in rows if r["text"] == expected_text]
    at = text.find(expected_text)
    if not found and at >= 0:
        found = [
            {**r, "value": r["range_value"]}
            for r in rows
            if r["range_value"] and at <= r["start"] < at + len(expected_text)
        ]
    assert found, f"{expected_text!r} not found in {[r['text'] for r in rows]}"
    return found[0]


# Absolute expressions: the text gives the value; the anchor is not used.
ABSOLUTE = [
    ("Le 3 avril 2025, Moscou a accueilli une rencontre.", "Le 3 avril 2025", "2025-04-03"),
    (
        "Il a été reçu ce mardi 22 juillet 2025 à Ouagadougou.",
        "ce mardi 22 juillet 2025",
        "2025-07-22",
    ),
    ("Publié lundi 23 juin 2025 à 07:31", "lundi 23 juin 2025 à 07:31", "2025-06-23T07:31"),
    ("Le CNT a voté le jeudi 4 juillet 2024.", "le jeudi 4 juillet 2024", "2024-07-04"),
    ("Le 1er janvier 2024, la réforme est entrée en vigueur.", "Le 1er janvier 2024", "2024-01-01"),
    ("Il est arrivé le 3 janv. 2025 au soir.", "le 3 janv. 2025", "2025-01-03"),
    ("Mis à jour le 03/04/2025 à 10h15", "03/04/2025 à 10h15", "2025-04-03T10:15"),
    ("Horodatage : 2024-11-05T08:30", "2024-11-05T08:30", "2024-11-05T08:30"),
    (
        "le mercredi 5 mars 2025 vers 14 heures",
        "le mercredi 5 mars 2025 vers 14 heures",
        "2025-03-05T14:00",
    ),
    ("En juin 2025, le président s'est rendu en Russie.", "En juin 2025", "2025-06"),
    ("une rencontre à Saint-Pétersbourg en juillet 2023", "en juillet 2023", "2023-07"),
    ("la conférence ministérielle (novembre 2024)", "novembre 2024", "2024-11"),
    ("à la mi-juin 2024, les pluies ont commencé", "à la mi-juin 2024", "2024-06"),
    ("L'AES, formée en 2023, a quitté la Cédéao.", "en 2023", "2023"),
    ("Fin 2023, le retrait était achevé.", "Fin 2023", "2023"),
    ("Depuis 2012, le pays est en crise.", "2012", "2012"),
    ("au printemps 2024", "au printemps 2024", "2024-SP"),
    ("Au premier trimestre 2024, les ventes ont chuté.", "Au premier trimestre 2024", "2024-Q1"),
    (
        "durant le second semestre de l'année 2023",
        "durant le second semestre de l'année 2023",
        "2023-H2",
    ),
    ("dans les années 1990", "les années 1990", "199"),
    ("des années 80 à nos jours", "des années 80", "198"),
    (
        "Les 6 et 7\u00a0février 2023, Lavrov était au Mali.",
        "Les 6 et 7\u00a0février 2023",
        "2023-02-06/2023-02-07",
    ),
    ("des putschs entre 2020 et 2023", "entre 2020 et 2023", "2020/2023"),
    ("les relations Mali-URSS de 1960 à 1990", "de 1960 à 1990", "1960/1990"),
    ("sur la période 2015-2020", "2015-2020", "2015/2020"),
    (
        "du 8 septembre au 8 décembre 2025",
        "du 8 septembre au 8 décembre 2025",
        "2025-09-08/2025-12-08",
    ),
    (
        "du 28 décembre au 3 janvier 2025",
        "du 28 décembre au 3 janvier 2025",
        "2024-12-28/2025-01-03",
    ),
    (
        "De janvier à mars 2024, les attaques ont augmenté.",
        "De janvier à mars 2024",
        "2024-01/2024-03",
    ),
    ("Ouagadougou, 5 fév. 2025 (AIB) - Le ministre", "5 fév. 2025", "2025-02-05"),
    ("Mis en ligne le 23 juin 2025 - 07:31", "le 23 juin 2025 - 07:31", "2025-06-23T07:31"),
    ("le 3 avril 2025, 12 h après l'attaque", "le 3 avril 2025, 12 h", "2025-04-03T12:00"),
    ("le 3 avril 2025 - 12 morts", "le 3 avril 2025", "2025-04-03"),
    ("signé le 3 juil 2025 à Niamey", "le 3 juil 2025", "2025-07-03"),
    ("le 3 et 4 mai 2024", "le 3 et 4 mai 2024", "2024-05-03/2024-05-04"),
    ("le 28 février 2024 à 18 h 30", "le 28 février 2024 à 18 h 30", "2024-02-28T18:30"),
    ("La loi du 12 juillet 2021 encadre les achats.", "12 juillet 2021", "2021-07-12"),
    (
        "depuis le coup d'État du 26 juillet 2023 et le 26 juillet dernier",
        "26 juillet 2023",
        "2023-07-26",
    ),
    ("pour la saison 2023-2024", "2023-2024", "2023/2024"),
    ("Le président a été reçu le 8\u202fmai 1945.", "le 8\u202fmai 1945", "1945-05-08"),
]


@pytest.mark.parametrize(("text", "expected_text", "value"), ABSOLUTE)
def test_absolute_expressions(text, expected_text, value):
    row = _one(text, "2030-01-01", expected_text)
    assert row["value"] == value
    assert row["anchor"] is None


# Relative expressions resolved against the publication date.
RELATIVE = [
    # weekdays: tense decides, "ce" is the anchor's week, "dernier"/"prochain" strict
    ("La délégation a été reçue mardi.", "2024-03-14", "mardi", "2024-03-12"),
    ("La délégation sera reçue vendredi.", "2024-03-14", "vendredi", "2024-03-15"),
    ("Le ministre a été reçu lundi dernier.", "2024-03-14", "lundi dernier", "2024-03-11"),
    ("La délégation sera reçue mardi prochain.", "2024-03-14", "mardi prochain", "2024-03-19"),
    (
        "La séquence principale se joue ce lundi au Kremlin.",
        "2025-06-23T07:31",
        "ce lundi",
        "2025-06-23",
    ),
    ("Ce vendredi, le Conseil des ministres se réunit.", "2024-03-14", "Ce vendredi", "2024-03-15"),
    ("Les tirs ont repris jeudi à 7h30.", "2024-03-16", "jeudi à 7h30", "2024-03-14T07:30"),
    ("Mardi soir, le couvre-feu a été levé.", "2024-03-14", "Mardi soir", "2024-03-12TEV"),
    # months: "dernier" before the anchor's month, "prochain" after, else tense / nearest
    ("La visite remonte à avril dernier.", "2025-06-23", "avril dernier", "2025-04"),
    (
        "Son entrée en vigueur en janvier dernier a tout changé.",
        "2025-06-23",
        "en janvier dernier",
        "2025-01",
    ),
    ("Il se rendra à Moscou en juin prochain.", "2025-04-03", "en juin prochain", "2025-06"),
    ("Le sommet aura lieu en décembre prochain.", "2025-12-10", "en décembre prochain", "2026-12"),
    ("Il avait annoncé qu'il se rendrait en juin à Moscou.", "2025-04-03", "en juin", "2025-06"),
    ("Les trois pays ont quitté la Cédéao en janvier.", "2025-04-03", "en janvier", "2025-01"),
    ("Les élections sont prévues en février.", "2025-11-20", "en février", "2026-02"),
    ("Une réunion s'est tenue en décembre à Niamey.", "2025-02-10", "en décembre", "2024-12"),
    ("Depuis juin, les prix montent.", "2024-03-14", "juin", "2023-06"),
    ("des convois aperçus en janvier et mars derniers", "2025-06-23", "mars derniers", "2025-03"),
    ("des convois aperçus en janvier et mars derniers", "2025-06-23", "en janvier", "2025-01"),
    ("un renfort arrivé ce début de juin", "2025-06-23", "ce début de juin", "2025-06"),
    # days and months without a year
    ("les discussions engagées le 11 mai", "2025-08-20", "le 11 mai", "2025-05-11"),
    ("Le texte sera examiné le 20 mars.", "2024-03-14", "le 20 mars", "2024-03-20"),
    (
        "Le 20 août dernier, la brigade a été lancée.",
        "2025-09-02",
        "Le 20 août dernier",
        "2025-08-20",
    ),
    ("Il a signé le 28 décembre.", "2025-01-05", "le 28 décembre", "2024-12-28"),
    (
        "La Russie a salué jeudi 3 avril la coopération.",
        "2025-04-05",
        "jeudi 3 avril",
        "2025-04-03",
    ),
    ("Jeudi 14 août, les ministres ont signé.", "2025-09-30", "Jeudi 14 août", "2025-08-14"),
    (
        "Du 7 au 9 juillet dernier, les acteurs se sont réunis.",
        "2025-08-19",
        "Du 7 au 9 juillet dernier",
        "2025-07-07/2025-07-09",
    ),
    (
        "Les 2 et 3 décembre prochains, le sommet se tiendra.",
        "2024-06-02",
        "Les 2 et 3 décembre prochains",
        "2024-12-02/2024-12-03",
    ),
    (
        "La réunion se tiendra entre le 3 et le 5 juillet.",
        "2024-06-02",
        "entre le 3 et le 5 juillet",
        "2024-07-03/2024-07-05",
    ),
    (
        "Du 29 mai au 4 août, le programme a duré.",
        "2025-09-01",
        "Du 29 mai au 4 août",
        "2025-05-29/2025-08-04",
    ),
    ("entre mars et mai derniers", "2024-06-10", "entre mars et mai derniers", "2024-03/2024-05"),
    (
        "du lundi au mercredi dernier",
        "2024-03-14",
        "du lundi au mercredi dernier",
        "2024-03-11/2024-03-13",
    ),
    (
        "du lundi 3 au mercredi 5 mars",
        "2025-03-10",
        "du lundi 3 au mercredi 5 mars",
        "2025-03-03/2025-03-05",
    ),
    (
        "depuis le coup d'État du 26 juillet 2023 et le 26 juillet dernier",
        "2024-08-10",
        "le 26 juillet dernier",
        "2024-07-26",
    ),
    (
        "mercredi 5 et jeudi 6 mars, les ministres se sont réunis",
        "2025-03-10",
        "mercredi 5 et jeudi 6 mars",
        "2025-03-05/2025-03-06",
    ),
    (
        "Le 10 et le 11 avril, la mission a visité Gao.",
        "2025-06-01",
        "Le 10 et le 11 avril",
        "2025-04-10/2025-04-11",
    ),
    (
        "dans la nuit de samedi à dimanche, des hommes armés ont attaqué",
        "2024-06-10",
        "de samedi à dimanche",
        "2024-06-08/2024-06-09",
    ),
    # "courant": the anchor's month
    ("La session s'ouvre le 15 courant.", "2024-03-10", "le 15 courant", "2024-03-15"),
    ("le mardi 5 mars courant", "2024-03-10", "le mardi 5 mars courant", "2024-03-05"),
    ("Les prix ont augmenté le mois courant.", "2024-03-10", "le mois courant", "2024-03"),
    # relative days, weeks, months, years
    ("Le sommet s'est tenu hier à Niamey.", "2024-03-14", "hier", "2024-03-13"),
    ("Il arrivera demain à Bamako.", "2024-03-14", "demain", "2024-03-15"),
    ("Avant-hier, deux soldats ont été tués.", "2024-03-14", "Avant-hier", "2024-03-12"),
    ("Des tirs ont été entendus hier soir.", "2024-03-14", "hier soir", "2024-03-13TEV"),
    ("Ce matin, le président a reçu le ministre.", "2024-03-14", "Ce matin", "2024-03-14TMO"),
    (
        "La semaine dernière, le ministre a reçu l'ambassadeur.",
        "2024-03-14",
        "La semaine dernière",
        "2024-W10",
    ),
    ("en fin de semaine dernière", "2025-08-12", "en fin de semaine dernière", "2025-W32"),
    ("le week-end dernier", "2024-03-14", "le week-end dernier", "2024-W10-WE"),
    ("Il reviendra la semaine prochaine.", "2024-03-14", "la semaine prochaine", "2024-W12"),
    ("Le mois dernier, les attaques ont baissé.", "2024-01-10", "Le mois dernier", "2023-12"),
    ("ce mois-ci", "2024-03-14", "ce mois-ci", "2024-03"),
    (
        "L'année dernière, les deux pays ont signé un accord.",
        "2024-03-14",
        "L'année dernière",
        "2023",
    ),
    ("L\u2019an passé, la junte a rompu avec Paris.", "2024-03-14", "L\u2019an passé", "2023"),
    ("Cette année, la récolte est bonne.", "2024-03-14", "Cette année", "2024"),
    ("l'an prochain", "2024-03-14", "l'an prochain", "2025"),
    ("Il y a deux ans, le Niger a connu un coup d'État.", "2025-07-26", "Il y a deux ans", "2023"),
    ("Il y a trois mois, Moscou a livré des avions.", "2024-03-14", "Il y a trois mois", "2023-12"),
    ("Il y a 10 jours, l'armée a repris la ville.", "2024-03-14", "Il y a 10 jours", "2024-03-04"),
    (
        "Le président se rendra à Moscou dans deux semaines.",
        "2024-03-14",
        "dans deux semaines",
        "2024-W13",
    ),
    ("Dans un an, le pays votera.", "2025-01-10", "Dans un an", "2026"),
    (
        "L'été dernier, la Russie a envoyé des instructeurs.",
        "2024-03-14",
        "L'été dernier",
        "2023-SU",
    ),
    ("cet été", "2024-03-14", "cet été", "2024-SU"),
    ("Ce week-end, la frontière restera fermée.", "2024-06-05", "Ce week-end", "2024-W23-WE"),
]


@pytest.mark.parametrize(("text", "published", "expected_text", "value"), RELATIVE)
def test_relative_expressions_resolve_against_publication_date(
    text, published, expected_text, value
):
    row = _one(text, published, expected_text)
    assert row["value"] == value
    assert row["anchor"] == published[:10]


# Undated articles: the article's own dates are the anchor.
UNDATED = [
    # a fully specified date later in the text anchors an earlier partial one
    (
        "À Moscou, la Russie a salué jeudi 3 avril le renforcement de la coopération. "
        "La Russie s'est félicitée jeudi 3 avril 2025 de ce renforcement. "
        "Le président se rendrait en juin à Moscou. Ils ont quitté la Cédéao en janvier.",
        {"jeudi 3 avril": "2025-04-03", "en juin": "2025-06", "en janvier": "2025-01"},
        "2025-04-03",
    ),
    # a day range whose year comes from elsewhere in the text anchors a bare weekday
    (
        "Le président a accueilli mardi une délégation au Salon de Bamako (BAMEX 2025). "
        "En juin 2025, il s'était rendu en Russie. "
        "La tenue du BAMEX 2025, du 11 au 14 novembre, est une vitrine.",
        {"mardi": "2025-11-11", "du 11 au 14 novembre": "2025-11-11/2025-11-14"},
        "2025-11-11/2025-11-14",
    ),
    # no year anywhere: a weekday-and-date picks the latest matching year up to today
    (
        "Les ministres ont tenu, jeudi 14 août à Moscou, des consultations, prolongeant "
        "les discussions engagées le 11 mai. Le ministre a rappelé qu'en juillet, "
        "l'alliance a célébré son anniversaire.",
        {"jeudi 14 août": "2025-08-14", "le 11 mai": "2025-05-11", "en juillet": "2025-07"},
        "2025-08-14",
    ),
    # the latest full date is the anchor
    (
        "Le 12 février 2024, il avait signé un accord. Le 5 mars 2024, lundi, un second "
        "texte a suivi. Mardi, les deux délégations se sont séparées.",
        {"Mardi": "2024-03-05"},
        "2024-03-05",
    ),
    # a later day-and-month placed near the full date moves the anchor forward
    (
        "Le 11 mai 2025, ils se sont vus. Jeudi 14 août, les ministres ont signé. "
        "Mardi, ils ont visité une usine.",
        {"Jeudi 14 août": "2025-08-14", "Mardi": "2025-08-12"},
        "2025-08-14",
    ),
    # a day in a future-tense clause does not anchor the past events
    (
        "Le 3 avril 2025, Lavrov a reçu Diop. Goïta se rendra à Moscou le 9 mai. "
        "Mardi, les ministres ont signé un accord.",
        {"le 9 mai": "2025-05-09", "Mardi": "2025-04-01"},
        "2025-04-03",
    ),
    # only a year: months take it
    (
        "Il a été nommé en mars. Le Niger a quitté la CEDEAO en janvier 2024.",
        {"en mars": "2024-03"},
        "2024",
    ),
    # a year inside a name is a hint, not a time expression
    (
        "Le 14 juillet, la délégation a visité le salon BAMEX 2024.",
        {"Le 14 juillet": "2024-07-14"},
        "2024-07-14",
    ),
]


@pytest.mark.parametrize(("text", "expected", "anchor"), UNDATED)
def test_undated_articles_anchor_on_their_own_dates(text, expected, anchor):
    rows = _rows(text)
    by_text = {r["text"]: r for r in rows}
    for expected_text, value in expected.items():
        assert _find(rows, text, expected_text)["value"] == value, expected_text
        assert _find(rows, text, expected_text)["anchor"] == anchor
    assert "BAMEX 2024" not in by_text and "2024" not in by_text


def test_today_bounds_the_year_of_an_undated_weekday_date():
    text = "Les ministres ont signé jeudi 14 août un accord."
    assert _rows(text, today=date(2026, 11, 25))[0]["value"] == "2025-08-14"
    assert _rows(text, today=date(2024, 1, 1))[0]["value"] == "2014-08-14"


def test_unresolvable_expressions_have_no_value():
    rows = _rows("Cinq accords ont été signés mardi entre les deux pays.")
    assert [(r["text"], r["value"], r["anchor"]) for r in rows] == [("mardi", None, None)]
    rows = _rows("Le 14 juillet, la France a célébré.")
    assert [(r["text"], r["value"]) for r in rows] == [("Le 14 juillet", None)]


# Not time expressions (counts, ordinals, names, generic uses).
NOT_DATES = [
    "La délégation est composée de 12 personnes.",
    "Ils sont face à face pour la 2è fois.",
    "lors des commémorations du 80ᵉ anniversaire de la victoire",
    "la 1ère Conférence ministérielle du Forum",
    "La tenue du BAMEX 2025 constitue une vitrine.",
    "Mai Ahmed a été élu à la tête du parti.",
    "Il a joué au stade du 26 Mars à Bamako.",
    "Le Mouvement du 23 mars a repris Goma.",
    "Pour 2000 soldats déployés, il faut des moyens.",
    "Les défis de demain sont immenses.",
    "Les alliés d'hier sont devenus des rivaux.",
    "Chaque lundi, le marché est fermé.",
    "Le printemps arabe a changé la région.",
    "une guerre des 12 jours entre l'Iran et Israël",
    "Tel : 20 22 30 40.",
    "Il a 7 sept ans.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_no_false_positives(text):
    assert _rows(text, "2025-06-23") == []


def test_offsets_index_the_original_text():
    text = "L\u2019année dernière, il a rappelé qu\u2019en juillet\u00a02023 la junte\u2026"
    rows = _rows(text, "2024-03-14")
    assert [(r["text"], r["value"]) for r in rows] == [
        ("L\u2019année dernière", "2023"),
        ("en juillet\u00a02023", "2023-07"),
    ]
    for r in rows:
        assert text[r["start"] : r["end"]] == r["text"]


def test_rows_are_in_text_order_without_overlaps():
    text = (
        "Le 3 avril 2025, hier et jeudi 3 avril 2025 à 10h, puis du 11 au 14 novembre, "
        "entre 2020 et 2023, en janvier et mars derniers."
    )
    rows = _rows(text, "2025-04-04")
    starts = [r["start"] for r in rows]
    assert starts == sorted(starts)
    for a, b in zip(rows, rows[1:], strict=False):
        assert a["end"] <= b["start"]
    # a range is its two TimeML points (no row of its own), each carrying the range
    assert [(r["text"], r["range_value"]) for r in rows] == [
        ("Le 3 avril 2025", None),
        ("hier", None),
        ("jeudi 3 avril 2025 à 10h", None),
        ("11", "2024-11-11/2024-11-14"),
        ("14 novembre", "2024-11-11/2024-11-14"),
        ("2020", "2020/2023"),
        ("2023", "2020/2023"),
        ("en janvier", None),
        ("mars derniers", None),
    ]


TENSES = [
    ("Le président a accueilli mardi une délégation.", "mardi", "past"),
    ("Cinq accords ont été signés mardi entre les deux pays.", "mardi", "past"),
    ("Il a rappelé qu'en juillet, l'AES a célébré son anniversaire.", "en juillet", "past"),
    ("Les pays accordaient en mars une grande importance.", "en mars", "past"),
    ("Une réunion s'est tenue en avril à Moscou.", "en avril", "past"),
    ("Goïta se rendrait en juin à Moscou.", "en juin", "future"),
    ("Le sommet se tiendra en juin à Bamako.", "en juin", "future"),
    ("Les élections sont prévues en février.", "en février", "future"),
    ("La séquence principale se joue ce lundi au Kremlin.", "ce lundi", None),
]


@pytest.mark.parametrize(("text", "expression", "tense"), TENSES)
def test_clause_tense(text, expression, tense):
    start = text.index(expression)
    assert clause_tense(text, start, start + len(expression)) == tense


def test_publication_dates_parse_at_their_precision():
    assert parse_published("2025-06-23T07:31") == Anchor.day(date(2025, 6, 23))
    assert parse_published("2025-06").iso() == "2025-06"
    assert parse_published("2025").iso() == "2025"
    assert parse_published("") is None
    assert parse_published("juin 2025") is None


def test_vocabulary_comes_from_the_data_file():
    vocab = load_vocabulary()
    assert vocab.months["août"] == vocab.months["aout"] == 8
    assert vocab.weekdays["jeudi"] == 4
    assert "dernier" in vocab.last_words and "prochaine" in vocab.next_words


# Scoring: matching gold expressions to rows of the timex table.
def test_scoring_matches_spans_and_prefers_same_text():
    text = "Salué jeudi 3 avril. Le jeudi 3 avril 2025, la Russie a parlé. En juin, visite."
    gold = {
        "a#1": {
            "timex": [
                {"text": "jeudi 3 avril", "value": "2025-04-03"},
                {"text": "jeudi 3 avril 2025", "value": "2025-04-03"},
                {"text": "en juin", "value": "2025-06"},
                {"text": "en mai", "value": "2025-05"},
            ]
        }
    }
    rows = [{"article_id": "a#1", **r} for r in _rows(text, "2025-04-04")]
    rows = [r if r["text"] != "En juin" else {**r, "value": "2026-06"} for r in rows]
    tables = {
        "articles": pd.DataFrame([{"article_id": "a#1", "text": text, "published": None}]),
        "timex": pd.DataFrame(rows),
    }
    table = timex_eval.details(tables, gold)
    assert list(table["predicted_text"]) == [
        "jeudi 3 avril",
        "Le jeudi 3 avril 2025",
        "En juin",
        None,
    ]
    assert list(table["value_right"]) == [True, True, False, False]
    scores = timex_eval.score(tables, gold)
    assert scores["recall"] == 0.75
    assert scores["value_accuracy"] == 0.5
    assert scores["value_accuracy_found"] == pytest.approx(2 / 3)


def test_scoring_uses_published_for_an_expression_in_the_dateline():
    gold = {"a#1": {"timex": [{"text": "lundi 23 juin 2025 à 07:31", "value": "2025-06-23T07:31"}]}}
    tables = {
        "articles": pd.DataFrame(
            [{"article_id": "a#1", "text": "Corps de l'article.", "published": "2025-06-23T07:31"}]
        ),
        "segments": pd.DataFrame(
            [
                {
                    "article_id": "a#1",
                    "segment_type": "dateline",
                    "text": "Publié lundi 23 juin 2025 à 07:31",
                }
            ]
        ),
        "timex": pd.DataFrame(columns=["article_id", "start", "end", "text", "value", "anchor"]),
    }
    assert timex_eval.score(tables, gold)["value_accuracy"] == 1.0
    tables["segments"] = tables["segments"].iloc[0:0]
    assert timex_eval.score(tables, gold)["recall"] == 0.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Il a été reçu le 9 septembre 2024. Le ministre a précisé le lendemain que …",
            "2024-09-10",
        ),
        ("Le sommet s'est ouvert le 3 mars 2025. Il était arrivé la veille.", "2025-03-02"),
        ("Du 11 au 14 novembre 2025 se tient le salon ; le lendemain, il repart.", "2025-11-15"),
    ],
)
def test_lendemain_and_veille_count_from_the_previous_day(text, expected):
    rows = [r for r in extract_timex(text, None) if r["text"].endswith(("lendemain", "veille"))]
    assert [r["value"] for r in rows] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "La veille de l'élection, le 3 mars 2025, rien ne bougeait.",
        "Le lendemain, tout a changé.",  # no day before it
    ],
)
def test_veille_without_a_previous_day_or_with_its_own_reference_is_left_alone(text):
    assert not [
        r
        for r in extract_timex(text, None)
        if "veille" in r["text"].lower() or "lendemain" in r["text"].lower()
    ]


def test_year_after_depuis_does_not_anchor_an_undated_article():
    rows = extract_timex(
        "Dimanche, Alger a rappelé son ambassadeur. Crise inédite depuis 2012.", None
    )
    by_text = {r["text"]: r["value"] for r in rows}
    assert by_text["Dimanche"] is None
    assert by_text["2012"] == "2012"


def test_normalized_text_passed_in_gives_the_same_rows():
    from sahel_utils.core.normalize import normalize_for_nlp

    text = (
        "Le sommet s\u2019est tenu le 3\u00a0avril 2025 ; "
        "l\u2019accord suivra «\u00a0demain\u00a0»."
    )
    norm = normalize_for_nlp(text)
    assert norm != text  # typography the tagging step normalises before spaCy
    plain = extract_timex(text, "2025-04-03")
    assert [r["value"] for r in plain] == ["2025-04-03", "2025-04-04"]
    assert extract_timex(text, "2025-04-03", normalized=norm) == plain
    with pytest.raises(ValueError):
        extract_timex(text, "2025-04-03", normalized=norm[:-1])
