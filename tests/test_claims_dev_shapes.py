# ruff: noqa: E501 - whole made-up sentences
"""Claims shapes met on the dev press (issue 9), on made-up sentences.

Undated mentions that fit two dated events, two events of one type in one sentence,
outlets credited in a sentence, counts of people of one nationality reported alike.
"""

from __future__ import annotations

from datetime import date

from test_claims import _clusters, _tables

from sahel_utils.relations.claims import extract_claims
from sahel_utils.relations.claims.cluster import drop_ambiguous_undated
from sahel_utils.relations.claims.extract import Claim, extract_all


def _claims(tables: dict, kind: str) -> list[Claim]:
    return [c for c in extract_all(tables) if c.kind == kind]


def _event(article: str, day: tuple[int, int, int] | None) -> Claim:
    span = (date(*day), date(*day)) if day else None
    return Claim(
        article_id=article,
        kind="event",
        subtype="withdraw",
        start=0,
        end=10,
        evidence="La France retire ses troupes du Mali.",
        actors=frozenset({"FRA", "MLI"}),
        date=span[0].isoformat() if span else None,
        span=span,
    )


def test_undated_mention_fitting_two_dated_events_alike_joins_neither() -> None:
    claims = [
        _event("u#1", None),
        _event("a#1", (2022, 2, 17)),
        _event("b#1", (2022, 8, 15)),
        _event("c#1", (2022, 2, 17)),
    ]
    scored = [(40.0, 0, 1), (38.0, 0, 2), (60.0, 1, 3)]
    # announcement in February, last soldiers gone in August: either event
    assert drop_ambiguous_undated(claims, scored) == [(60.0, 1, 3)]


def test_undated_mention_joins_the_event_it_fits_best() -> None:
    claims = [_event("u#1", None), _event("a#1", (2022, 2, 17)), _event("b#1", (2022, 8, 15))]
    scored = [(55.0, 0, 1), (30.0, 0, 2)]
    assert drop_ambiguous_undated(claims, scored) == [(55.0, 0, 1)]
    # dates that can both hold are no ambiguity
    claims[2] = _event("b#1", (2022, 2, 17))
    assert drop_ambiguous_undated(claims, scored) == scored


def test_two_events_of_one_sentence_take_their_own_clause_names() -> None:
    text = (
        "Un coup d'État en août 2020 a chassé le président Ibrahim Keïta, "
        "et un autre coup d'État en mai 2021 a renversé les autorités de transition."
    )
    tables = _tables(
        {"a#1": text},
        mentions=[("a#1", "Ibrahim Keïta", "person", "Ibrahim Keïta", "MLI")],
        timex=[("a#1", "août 2020", "2020-08"), ("a#1", "mai 2021", "2021-05")],
    )
    coups = {c.date: c for c in _claims(tables, "event") if c.subtype == "coup"}
    assert {"2020-08", "2021-05"} <= set(coups)
    assert "person:keita" in coups["2020-08"].actors
    assert "person:keita" not in coups["2021-05"].actors
    assert "MLI" in coups["2021-05"].countries  # the sentence's state, its clause naming none


def test_an_outlet_credited_in_a_sentence_gives_no_country() -> None:
    text = "Le ministre a déclaré à la BBC que le Mali a expulsé l'ambassadeur de France."
    tables = _tables(
        {"a#1": text},
        mentions=[
            ("a#1", "BBC", "organization", "BBC", "GBR"),
            ("a#1", "Mali", "country", "MLI", "MLI"),
            ("a#1", "France", "country", "FRA", "FRA"),
        ],
    )
    (expel,) = [c for c in _claims(tables, "event") if c.subtype == "expel"]
    assert "organization:bbc" in expel.actors
    assert "GBR" not in expel.countries and {"MLI", "FRA"} <= expel.countries


def test_nationality_of_the_people_counted() -> None:
    texts = {
        "a#1": "La famille des 41 Belges morts au combat demande des comptes.",
        "b#1": "Depuis 2014, la Belgique a perdu 41 soldats au Niger.",
        "c#1": "Environ 40 militaires belges et plusieurs centaines de Nigériens ont été tués.",
    }
    tables = _tables(texts, mentions=[("b#1", "Belgique", "country", "BEL", "BEL")])
    counts = {c.article_id: c for c in _claims(tables, "number")}
    assert {a: (c.subtype, c.extra["nationality"]) for a, c in counts.items()} == {
        "a#1": ("casualties", frozenset({"BEL"})),
        "b#1": ("casualties", frozenset({"BEL"})),
        # the cue ends the clause, after a second counted group
        "c#1": ("casualties", frozenset({"BEL"})),
    }


def test_one_count_of_people_of_one_nationality_reported_alike_links() -> None:
    tables = _tables(
        {
            "a#1": "Plus de 50 soldats belges ont perdu la vie au Niger depuis 2014.",
            "b#1": "La Belgique a perdu 53 soldats en neuf ans d'engagement.",
            "c#1": "Environ 55 militaires belges et des centaines de civils ont été tués.",
        },
        mentions=[
            ("a#1", "Niger", "country", "NER", "NER"),
            ("b#1", "Belgique", "country", "BEL", "BEL"),
        ],
        timex=[("a#1", "depuis 2014", "2014")],
    )
    assert _clusters(extract_claims(tables), "number") == [
        (frozenset({"a#1", "b#1", "c#1"}), "corroborated", None)
    ]


def test_an_open_ended_count_does_not_take_in_a_far_larger_one() -> None:
    tables = _tables(
        {
            "a#1": "Au moins 10 soldats belges ont été tués dans une embuscade.",
            "b#1": "Au total, 42 soldats belges ont été tués depuis le début de la mission.",
        }
    )
    assert _clusters(extract_claims(tables), "number") == []


def test_a_bloc_s_members_listed_by_two_outlets_corroborate() -> None:
    tables = _tables(
        {
            "a#1": "L'AES regroupe le Mali, le Burkina Faso et le Niger depuis septembre.",
            "b#1": "Les pays membres de l'AES, à savoir le Niger, le Mali et le Burkina Faso, se réunissent.",
            "c#1": "L'AES a salué le Mali, le Burkina Faso et le Niger.",  # no membership cue
        },
        mentions=[
            (a, name, "country", code, code)
            for a in ("a#1", "b#1", "c#1")
            for name, code in (("Mali", "MLI"), ("Burkina Faso", "BFA"), ("Niger", "NER"))
        ]
        + [(a, "AES", "bloc", "AES", None) for a in ("a#1", "b#1", "c#1")],
    )
    members = [c for c in _claims(tables, "attribute") if c.subtype == "members"]
    assert {(c.article_id, c.entity, c.value) for c in members} == {
        ("a#1", "AES", "BFA+MLI+NER"),
        ("b#1", "AES", "BFA+MLI+NER"),
    }
    assert _clusters(extract_claims(tables), "attribute") == [
        (frozenset({"a#1", "b#1"}), "corroborated", None)
    ]


def test_durations_of_the_same_thing_agree_and_others_stay_apart() -> None:
    tables = _tables(
        {
            "a#1": "Au Niger, une transition de deux ans maintient la junte.",
            "b#1": "La junte a ramené cette transition à moins de deux ans, a-t-on appris au Niger.",
            "c#1": "Au Niger, un opposant purge une peine de deux ans.",
        },
        mentions=[(a, "Niger", "country", "NER", "NER") for a in ("a#1", "b#1", "c#1")],
    )
    heads = {c.article_id: c.extra["head"] for c in _claims(tables, "number")}
    assert heads == {"a#1": "trans", "b#1": "trans", "c#1": "peine"}
    assert _clusters(extract_claims(tables), "number") == [
        (frozenset({"a#1", "b#1"}), "corroborated", None)
    ]


def test_sanctions_in_force_are_not_dated_to_the_week_before_publication() -> None:
    tables = _tables(
        {
            "a#1": "Au Mali, des commerçants étranglés par six mois d'embargo saluent la décision.",
            "b#1": "La Cédéao a décrété un embargo contre le Mali.",
        },
        mentions=[
            ("a#1", "Mali", "country", "MLI", "MLI"),
            ("b#1", "Mali", "country", "MLI", "MLI"),
        ],
    )
    tables["articles"]["published"] = ["2022-07-04", "2022-01-10"]
    dates = {c.article_id: c.date for c in _claims(tables, "event") if c.subtype == "sanction"}
    assert dates == {"a#1": None, "b#1": "2022-01-03/2022-01-10"}


def test_like_tolls_of_one_nationality_in_two_places_stay_apart() -> None:
    tables = _tables(
        {
            "a#1": "Au moins 20 soldats belges ont été tués à Diapaga.",
            "b#1": "Au total, 22 soldats belges ont été tués à Djibo.",
        },
        mentions=[
            ("a#1", "Diapaga", "place", "Diapaga", "BFA"),
            ("b#1", "Djibo", "place", "Djibo", "BFA"),
        ],
    )
    assert _clusters(extract_claims(tables), "number") == []


def test_a_junta_named_by_its_acronym_stands_for_its_state() -> None:
    text = "Le CNRD a pris le pouvoir le 5 septembre 2021. La Guinée a été suspendue."
    tables = _tables(
        {"a#1": text},
        mentions=[("a#1", "Guinée", "country", "GIN", "GIN")],
        timex=[("a#1", "le 5 septembre 2021", "2021-09-05")],
    )
    (coup,) = [c for c in _claims(tables, "event") if c.subtype == "coup"]
    assert "GIN" in coup.actors


def test_counts_of_strikes_compared_as_ranges() -> None:
    tables = _tables(
        {
            "a#1": "L'armée a mené plus de 30 frappes aériennes contre les positions rebelles près de Kidal au Mali.",
            "b#1": "Une petite quinzaine de frappes aériennes ont visé les positions rebelles près de Kidal au Mali.",
        },
        mentions=[
            (a, name, etype, eid, "MLI")
            for a in ("a#1", "b#1")
            for name, etype, eid in (("Kidal", "place", "Kidal"), ("Mali", "country", "MLI"))
        ],
    )
    strikes = {c.article_id: (c.low, c.high) for c in _claims(tables, "number")}
    assert strikes == {"a#1": (31.0, float("inf")), "b#1": (12.0, 15.0)}
    assert _clusters(extract_claims(tables), "number") == [
        (frozenset({"a#1", "b#1"}), "conflicting", "value")
    ]
