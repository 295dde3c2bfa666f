"""TimeML categories of the French time resolver: table-driven (text, DCT -> span, value, type).

Each row is a sentence of general press French, its publication date, the text of
one expression and the TimeML value and type expected for it (issue 10).
"""

from datetime import date

import pytest

from sahel_utils.annotation.timex import easter, extract_timex

CASES = [
    # times of day, on the last day the text gave (or the publication day)
    (
        "times",
        "L'incendie a été signalé hier vers 22 h.",
        "2003-02-04",
        "22 h",
        "2003-02-03T22:00",
        "TIME",
    ),  # noqa: E501
    (
        "times",
        "Le train est arrivé lundi. A 21 h 45, il repartait.",
        "2003-02-05",
        "21 h 45",
        "2003-02-03T21:45",
        "TIME",
    ),  # noqa: E501
    ("times", "La séance a repris à midi.", "2003-02-04", "midi", "2003-02-04T12:00", "TIME"),
    (
        "times",
        "Vers 0 h 40, jeudi, deux voitures se sont percutées.",
        "2003-02-22",
        "Vers 0 h 40",
        "2003-02-20T00:40",
        "TIME",
    ),  # noqa: E501
    (
        "times",
        "Rendez-vous le jeudi 12 septembre, à partir de 14 h.",
        "2002-09-10",
        "14 h",
        "2002-09-12T14:00",
        "TIME",
    ),  # noqa: E501
    # parts of the day
    (
        "day parts",
        "Hier soir, le conseil a voté.",
        "2003-02-04",
        "Hier soir",
        "2003-02-03TEV",
        "TIME",
    ),  # noqa: E501
    (
        "day parts",
        "Les syndicats ont été reçus mardi matin.",
        "2003-02-06",
        "mardi matin",
        "2003-02-04TMO",
        "TIME",
    ),  # noqa: E501
    (
        "day parts",
        "Le blessé a été transporté à l'hôpital le 3 mars. Il est mort dans la nuit.",
        "2003-03-05",
        "nuit",
        "2003-03-03TNI",
        "TIME",
    ),  # noqa: E501
    (
        "day parts",
        "Ils sont arrivés en début d'après-midi.",
        "2003-02-04",
        "en début d'après-midi",
        "2003-02-04TAF",
        "TIME",
    ),  # noqa: E501
    # tense gives the direction of a bare weekday or month
    (
        "tense",
        "Rendez-vous est fixé samedi devant la mairie.",
        "2003-02-04",
        "samedi",
        "2003-02-08",
        "DATE",
    ),  # noqa: E501
    ("tense", "La réunion a eu lieu samedi.", "2003-02-04", "samedi", "2003-02-01", "DATE"),
    (
        "tense",
        "Les travaux seront achevés le 30 juin.",
        "2003-02-04",
        "le 30 juin",
        "2003-06-30",
        "DATE",
    ),  # noqa: E501
    (
        "tense",
        "Chacun aura été auditionné à partir du 30 août.",
        "1999-07-09",
        "30 août",
        "1999-08-30",
        "DATE",
    ),  # noqa: E501
    ("tense", "Le contrat a été signé en septembre.", "2003-02-04", "septembre", "2002-09", "DATE"),  # noqa: E501
    # anaphoric references: the previous day in the text
    (
        "anaphora",
        "Le sommet s'est ouvert le 3 mars 2003. Le lendemain, il a fermé.",
        "2003-03-10",
        "Le lendemain",
        "2003-03-04",
        "DATE",
    ),  # noqa: E501
    (
        "anaphora",
        "Il est arrivé le 3 mars 2003 ; la veille, il était à Paris.",
        "2003-03-10",
        "la veille",
        "2003-03-02",
        "DATE",
    ),  # noqa: E501
    (
        "anaphora",
        "L'accord a été signé le 3 mars 2003. Le même jour, la grève a cessé.",
        "2003-03-10",
        "Le même jour",
        "2003-03-03",
        "DATE",
    ),  # noqa: E501
    (
        "anaphora",
        "Il a voté le 3 mars 2003. Ce jour-là, il pleuvait.",
        "2003-03-10",
        "Ce jour-là",
        "2003-03-03",
        "DATE",
    ),  # noqa: E501
    # present, past and future references
    (
        "references",
        "Le pays traverse actuellement une crise.",
        "2003-02-04",
        "actuellement",
        "PRESENT_REF",
        "TIME",
    ),  # noqa: E501
    (
        "references",
        "A l'époque, personne n'y croyait.",
        "2003-02-04",
        "l'époque",
        "PAST_REF",
        "TIME",
    ),  # noqa: E501
    (
        "references",
        "A l'avenir, les règles changeront.",
        "2003-02-04",
        "l'avenir",
        "FUTURE_REF",
        "TIME",
    ),  # noqa: E501
    (
        "references",
        "Il l'a annoncé aujourd'hui.",
        "2003-02-04",
        "aujourd'hui",
        "2003-02-04",
        "DATE",
    ),  # noqa: E501
    (
        "references",
        "Les combats ont repris ces derniers jours.",
        "2022-01-10",
        "ces derniers jours",
        "PAST_REF",
        "TIME",
    ),  # noqa: E501
    (
        "references",
        "Un accord est attendu dans les prochains jours.",
        "2022-01-10",
        "dans les prochains jours",
        "FUTURE_REF",
        "TIME",
    ),  # noqa: E501
    # seasons
    (
        "seasons",
        "Les travaux ont commencé à l'automne.",
        "1999-12-10",
        "l'automne",
        "1999-FA",
        "DATE",
    ),  # noqa: E501
    (
        "seasons",
        "Le chantier reprendra au printemps.",
        "1999-12-10",
        "printemps",
        "2000-SP",
        "DATE",
    ),  # noqa: E501
    ("seasons", "Les ventes augmentent en été.", "1999-08-06", "en été", "XXXX-SU", "DATE"),
    # two-digit years and decades
    ("years", "Le projet date d'octobre 98.", "1999-05-23", "octobre 98", "1998-10", "DATE"),
    (
        "years",
        "Dans les années 60, la ville a grandi.",
        "1999-05-23",
        "les années 60",
        "196",
        "DATE",
    ),  # noqa: E501
    ("years", "La présidentielle de 2002 approche.", "2001-05-23", "2002", "2002", "DATE"),
    # durations
    (
        "durations",
        "Il devance Irvine de 30,4 secondes.",
        "1999-05-17",
        "30,4 secondes",
        "PT30.4S",
        "DURATION",
    ),  # noqa: E501
    ("durations", "La grève a duré trois jours.", "1999-05-17", "trois jours", "P3D", "DURATION"),  # noqa: E501
    ("durations", "Il vit ici depuis dix ans.", "1999-05-17", "dix ans", "P10Y", "DURATION"),
    (
        "durations",
        "Le trajet prend quinze minutes.",
        "1999-05-17",
        "quinze minutes",
        "PT15M",
        "DURATION",
    ),  # noqa: E501
    ("durations", "Cela a pris quelques mois.", "1999-05-17", "quelques mois", "PXM", "DURATION"),  # noqa: E501
    ("durations", "Le quinquennat s'achève.", "1999-05-17", "quinquennat", "P5Y", "DURATION"),
    ("durations", "Il a tenu vingt-cinq ans.", "1999-05-17", "vingt-cinq ans", "P25Y", "DURATION"),  # noqa: E501
    (
        "durations",
        "Il a régné une trentaine d'années.",
        "1999-05-17",
        "une trentaine d'années",
        "P30Y",
        "DURATION",
    ),  # noqa: E501
    ("durations", "Il est mort à l'âge de 67 ans.", "2022-01-17", "67 ans", "P67Y", "DURATION"),  # noqa: E501
    # sets
    ("sets", "La fête a lieu chaque année.", "2002-02-09", "chaque année", "P1Y", "SET"),
    (
        "sets",
        "Le club se réunit tous les deux mois.",
        "2002-02-09",
        "tous les deux mois",
        "P2M",
        "SET",
    ),  # noqa: E501
    ("sets", "Il paie deux fois par an.", "2002-02-09", "par an", "P1Y", "SET"),
    # festivals, fixed or computed from Easter
    ("festivals", "Les marchés ouvriront avant Noël.", "2002-11-20", "Noël", "2002-12-25", "DATE"),  # noqa: E501
    (
        "festivals",
        "Le rassemblement aura lieu à la Pentecôte.",
        "1999-05-10",
        "Pentecôte",
        "1999-05-23",
        "DATE",
    ),  # noqa: E501
    (
        "festivals",
        "Les cloches ont sonné à Pâques 2003.",
        "2003-06-01",
        "Pâques 2003",
        "2003-04-20",
        "DATE",
    ),  # noqa: E501
]


def _rows(text, published):
    return extract_timex(text, published, today=date(2026, 11, 25))


@pytest.mark.parametrize(("category", "text", "published", "expected", "value", "kind"), CASES)
def test_category(category, text, published, expected, value, kind):
    rows = _rows(text, published)
    hits = [r for r in rows if expected in r["text"]]
    assert hits, f"{category}: {expected!r} not in {[r['text'] for r in rows]}"
    row = min(hits, key=lambda r: len(r["text"]))
    assert (row["value"], row["type"]) == (value, kind), f"{category}: {row}"
    assert row["rule"]


# A range is two TimeML expressions, each carrying the range in ``range_value``.
RANGES = [
    ("De 1982 à 1990, il a dirigé l'usine.", "1999-05-17", ["1982/1990", "1982", "1990"]),
    (
        "Le salon se tient du 11 au 14 novembre 2002.",
        "2002-10-01",
        ["2002-11-11/2002-11-14", "2002-11-11", "2002-11-14"],
    ),
    ("pour cette saison 2002/2003", "2002-09-10", ["2002/2003", "2002", "2003"]),
]


@pytest.mark.parametrize(("text", "published", "values"), RANGES)
def test_range_gives_its_two_points(text, published, values):
    rows = _rows(text, published)
    assert [r["value"] for r in rows] == values[1:]
    assert [r["range_value"] for r in rows] == [values[0]] * 2
    assert [r["rule"] for r in rows] == ["range_start", "range_end"]
    for r in rows:
        assert text[r["start"] : r["end"]] == r["text"]


def test_weekday_that_disagrees_with_the_date_is_flagged_and_the_date_kept():
    (row,) = _rows("Le scrutin a eu lieu mardi 3 mars 2021.", "2021-03-10")
    assert row["value"] == "2021-03-03"
    assert row["weekday_mismatch"] is True
    (row,) = _rows("Le scrutin a eu lieu mercredi 3 mars 2021.", "2021-03-10")
    assert row["weekday_mismatch"] is False
    # without a year, the article's date places it; the weekday does not move the year
    (row,) = _rows("Le scrutin aura lieu mardi 3 mars.", "2021-02-10")
    assert (row["value"], row["weekday_mismatch"]) == ("2021-03-03", True)


def test_anchor_and_rule_are_recorded():
    rows = _rows("Le 3 mars 2003, il a parlé. Le lendemain, vers 18 h, il est parti.", "2003-03-10")
    by_text = {r["text"]: r for r in rows}
    assert by_text["Le 3 mars 2003"]["anchor"] is None  # absolute
    assert by_text["Le lendemain"]["anchor"] == "2003-03-03"
    assert by_text["vers 18 h"]["anchor"] == "2003-03-04"
    assert by_text["vers 18 h"]["rule"] == "clock"


@pytest.mark.parametrize(
    "text",
    [
        "Florian Désoteux, 26 ans, demeurant à Commercy.",  # an age
        "Un chauffeur de 38 ans a été agressé.",
        "Le Midi a connu des orages.",
        "Il a gravi l'ascension du col.",
        "Il a été élu.",  # "été" is not a season
    ],
)
def test_not_time_expressions(text):
    assert _rows(text, "2003-02-04") == []


def test_easter():
    assert [easter(y) for y in (1999, 2002, 2003, 2024)] == [
        date(1999, 4, 4),
        date(2002, 3, 31),
        date(2003, 4, 20),
        date(2024, 3, 31),
    ]
