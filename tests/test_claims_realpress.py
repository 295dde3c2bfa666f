"""Claims on real press (issue 9): headlines, guessed dates, counts, quotes, blocking."""

from __future__ import annotations

from test_claims import _clusters, _tables

from sahel_utils.relations.claims import extract_claims
from sahel_utils.relations.claims.cluster import BLOCK_WINDOW, candidate_pairs
from sahel_utils.relations.claims.extract import Claim, extract_all


def _claims(tables: dict, kind: str) -> list[Claim]:
    return [c for c in extract_all(tables) if c.kind == kind]


def test_headline_events_are_claims_with_the_names_the_headline_gives() -> None:
    tables = _tables({"a#1": "Le texte ne répète pas la nouvelle.", "b#1": "Rien ici."})
    tables["articles"]["title"] = ["Le Mali expulse l'ambassadeur de France", None]
    tables["articles"]["published"] = ["2022-01-31", "2022-01-31"]
    events = _claims(tables, "event")
    assert [(c.article_id, c.subtype) for c in events] == [("a#1", "expel")]
    headline = events[0]
    assert headline.extra["title"] and headline.start == headline.end == 0
    assert {"MLI", "FRA"} <= headline.actors
    assert headline.date == "2022-01-24/2022-01-31"  # the week before publication


def test_headline_date_and_lasting_situation() -> None:
    tables = _tables({"a#1": "Rien ici.", "b#1": "Rien non plus."})
    tables["articles"]["title"] = [
        "A Bamako, le procès des 46 militaires ivoiriens arrêtés en juillet au Mali",
        "Militaires ivoiriens détenus au Mali : une médiation",
    ]
    tables["articles"]["published"] = ["2022-12-29", "2022-09-20"]
    events = {c.article_id: c for c in _claims(tables, "event") if c.subtype == "arrest"}
    assert events["a#1"].date == "2022-07"  # the headline's own date, read against publication
    assert events["b#1"].date is None  # "détenus" lasts: not dated to the week before
    counts = [c for c in _claims(tables, "number") if c.article_id == "a#1"]
    assert [(c.subtype, c.value) for c in counts] == [("arrested", "46")]
    assert counts[0].extra["nationality"] == frozenset({"CIV"})


def test_relative_dates_of_an_undated_article_are_not_guessed() -> None:
    text = "Le second putsch a eu lieu en mai au Mali. Le coup d'État d'août 2020 au Mali."
    tables = _tables(
        {"a#1": text},
        mentions=[("a#1", "Mali", "country", "MLI", "MLI")],
        timex=[("a#1", "en mai", "2024-05"), ("a#1", "août 2020", "2020-08")],
    )
    tables["timex"]["anchor"] = ["2024", None]  # the tagger's guessed year, then none
    dates = sorted(str(c.date) for c in _claims(tables, "event"))
    assert dates == ["2020-08", "None"]


def test_offsets_in_time_are_not_durations_and_definite_counts_are() -> None:
    text = (
        "La mesure intervient quatre jours après l'interpellation de 49 militaires. "
        "La junte conditionne la libération des 46 militaires détenus."
    )
    values = {(c.subtype, c.value) for c in _claims(_tables({"a#1": text}), "number")}
    assert values == {("arrested", "49"), ("arrested", "46")}


def test_same_distinctive_count_of_people_links_across_units() -> None:
    tables = _tables(
        {
            "a#1": "La Côte d'Ivoire demande au Mali de libérer ses 49 soldats.",
            "b#1": "Le 10 juillet, 49 soldats ont été arrêtés à l'aéroport de Bamako au Mali.",
        },
        mentions=[
            ("a#1", "Mali", "country", "MLI", "MLI"),
            ("b#1", "Mali", "country", "MLI", "MLI"),
        ],
    )
    assert _clusters(extract_claims(tables), "number") == [
        (frozenset({"a#1", "b#1"}), "corroborated", None)
    ]


def test_people_of_other_nationalities_conflict_on_nationality() -> None:
    tables = _tables(
        {
            "a#1": "À Niamey, 12 soldats français ont été arrêtés par la garde.",
            "b#1": "À Niamey, 12 soldats belges ont été arrêtés par la garde.",
        },
        mentions=[
            ("a#1", "Niamey", "place", "Niamey", "NER"),
            ("b#1", "Niamey", "place", "Niamey", "NER"),
        ],
    )
    assert _clusters(extract_claims(tables), "number") == [
        (frozenset({"a#1", "b#1"}), "conflicting", "nationality")
    ]


def test_counts_an_order_of_magnitude_apart_are_two_quantities() -> None:
    tables = _tables(
        {
            "a#1": "Au Mali, environ 3 millions de personnes ont faim cette année.",
            "b#1": "Au Mali, plus de 50 millions de personnes ont faim cette année.",
        },
        mentions=[
            ("a#1", "Mali", "country", "MLI", "MLI"),
            ("b#1", "Mali", "country", "MLI", "MLI"),
        ],
    )
    assert _clusters(extract_claims(tables), "number") == []


def test_quote_adapted_to_its_sentence_is_the_same_quote() -> None:
    tables = _tables(
        {
            "a#1": "« Des mercenaires russes sont à notre frontière nord », a dit Nana Akufo-Addo.",
            "b#1": "Selon Nana Akufo-Addo, les paramilitaires russes « sont à la frontière nord ».",
        },
        quotes=[
            ("a#1", "Des mercenaires russes sont à notre frontière nord", "Nana Akufo-Addo"),
            ("b#1", "sont à la frontière nord", "Nana Akufo-Addo"),
        ],
    )
    assert _clusters(extract_claims(tables), "quote") == [
        (frozenset({"a#1", "b#1"}), "corroborated", None)
    ]


def test_large_blocks_give_linearly_many_pairs() -> None:
    claims = [
        Claim(f"x{i:04d}.txt#1", "event", "coup", 0, 10, "Coup au Mali.", actors=frozenset({"MLI"}))
        for i in range(400)
    ]
    pairs = candidate_pairs(claims)
    assert len(pairs) <= 400 * BLOCK_WINDOW  # not the 79 800 of all pairs
    assert all(i < k for i, k in pairs)


def test_deadline_in_days_and_in_hours_conflicts_and_airspace_violations_count() -> None:
    tables = _tables(
        {
            "a#1": "La Cedeao a lancé un ultimatum de sept jours à la junte du Niger.",
            "b#1": "La Cedeao a lancé un ultimatum de 72 heures à la junte du Niger.",
            "c#1": "Le Mali dénonce plus de 50 violations de son espace aérien.",
        },
        mentions=[
            ("a#1", "Niger", "country", "NER", "NER"),
            ("b#1", "Niger", "country", "NER", "NER"),
            ("c#1", "Mali", "country", "MLI", "MLI"),
        ],
    )
    claims = extract_claims(tables)
    assert ("violations", "51/..") in set(zip(claims["subtype"], claims["value"], strict=True))
    durations = [c for c in _clusters(claims, "number") if c[0] == frozenset({"a#1", "b#1"})]
    assert durations == [(frozenset({"a#1", "b#1"}), "conflicting", "value")]


def test_synthetic_claim_tables_move_dates_per_copy() -> None:
    from sahel_utils.bench import shift_months, synthetic_claim_tables

    assert shift_months("2022-11-30", 3) == "2023-02-28"
    assert shift_months("2022-01/2022-03", 1) == "2022-02/2022-04"
    assert shift_months("P3D", 5) == "P3D" and shift_months(None, 2) is None
    text = "Le 10 juillet, 49 soldats ont été arrêtés au Mali."
    tagged = _tables(
        {"a#1": text},
        mentions=[("a#1", "Mali", "country", "MLI", "MLI")],
        timex=[("a#1", "Le 10 juillet", "2022-07-10")],
    )
    tagged["articles"]["published"] = ["2022-07-12"]
    tables = synthetic_claim_tables(tagged, 3)
    assert len(tables["articles"]) == 3 and tables["articles"]["article_id"].is_unique
    assert list(tables["timex"]["value"]) == ["2022-07-10", "2022-08-10", "2022-09-10"]
    counts = [c for c in extract_all(tables) if c.kind == "number"]
    assert len(counts) == 3
