"""Conflicting fields of claim clusters: places of one event."""

from __future__ import annotations

from datetime import date

from sahel_utils.relations.claims.cluster import conflict_field
from sahel_utils.relations.claims.extract import Claim


def _event(article: str, place: str, first: date | None, last: date | None = None) -> Claim:
    span = None if first is None else (first, last or first)
    return Claim(
        article_id=article,
        kind="event",
        subtype="announce",
        start=0,
        end=10,
        evidence=f"Le président a annoncé à {place} le retrait.",
        actors=frozenset({"FRA", f"place:{place}"}),
        countries=frozenset({"FRA"}),
        span=span,
        places=frozenset({place}),
    )


def test_one_event_dated_to_a_week_in_two_places_conflicts_on_place() -> None:
    week = (date(2022, 2, 10), date(2022, 2, 17))
    a = _event("a#1", "paris", *week)
    b = _event("b#1", "bruxelles", date(2022, 2, 17))
    assert conflict_field([a, b]) == "place"


def test_no_place_conflict_for_spellings_vague_dates_or_undated_events() -> None:
    day = date(2022, 2, 17)
    assert (
        conflict_field([_event("a#1", "chinegodar", day), _event("b#1", "chinagodrar", day)])
        is None
    )
    year = (date(2022, 1, 1), date(2022, 12, 31))
    assert conflict_field([_event("a#1", "paris", *year), _event("b#1", "bruxelles", day)]) is None
    assert conflict_field([_event("a#1", "paris", None), _event("b#1", "bruxelles", day)]) is None


def test_two_seats_of_one_state_are_one_place() -> None:
    day = date(2025, 6, 23)
    a, b = _event("a#1", "moscou", day), _event("b#1", "kremlin", day)
    assert conflict_field([a, b]) is None


def _announcement(article: str, day: date, evidence: str) -> Claim:
    return Claim(
        article_id=article,
        kind="event",
        subtype="withdraw",
        start=0,
        end=len(evidence),
        evidence=evidence,
        actors=frozenset({"FRA", "MLI", "person:macron"}),
        countries=frozenset({"FRA", "MLI"}),
        date=day.isoformat(),
        span=(day, day),
        context=frozenset(evidence.lower().split()),
    )


def test_one_announcement_dated_two_days_apart_is_one_cluster_in_conflict_on_date() -> None:
    from sahel_utils.relations.claims.cluster import cluster_claims

    a = _announcement(
        "a#1",
        date(2022, 2, 17),
        "Emmanuel Macron a annoncé le retrait des soldats français du Mali.",
    )
    b = _announcement(
        "b#1",
        date(2022, 2, 18),
        "Emmanuel Macron a annoncé le retrait des troupes françaises du Mali.",
    )
    far = _announcement(
        "c#1",
        date(2022, 3, 1),
        "Emmanuel Macron a annoncé le retrait des soldats français du Mali.",
    )
    assert cluster_claims([a, b]) == [[0, 1]]
    assert conflict_field([a, b]) == "date"
    # twelve days apart: two events, not one dated twice
    assert cluster_claims([a, far]) == [[0], [1]]


def test_an_organisation_referred_back_to_keeps_its_attribute_and_events() -> None:
    from sahel_utils.relations.claims.extract import extract_all
    from tests.test_claims import _tables

    text = (
        "Le G5 Sahel réunit cinq pays. "
        "Le Mali a annoncé en mai qu'il quittait cette organisation régionale créée en 2014."
    )
    tables = _tables(
        {"a#1": text},
        mentions=[
            ("a#1", "G5 Sahel", "bloc", "G5 Sahel", None),
            ("a#1", "Mali", "country", "MLI", "MLI"),
        ],
        timex=[("a#1", "en mai", "2022-05"), ("a#1", "en 2014", "2014")],
    )
    claims = extract_all(tables)
    formed = [c for c in claims if c.kind == "attribute" and c.subtype == "formed"]
    assert [(c.entity, c.value) for c in formed] == [("G5 Sahel", "2014")]
    left = [c for c in claims if c.kind == "event" and c.subtype == "withdraw"]
    assert left and all("G5 Sahel" in c.actors for c in left)


def test_an_announcement_given_another_day_and_place_needs_closer_wording() -> None:
    from dataclasses import replace

    from sahel_utils.relations.claims.cluster import cluster_claims

    text = "La junte a annoncé à {} la dissolution des partis politiques du pays."
    a = replace(
        _announcement("a#1", date(2022, 2, 17), text.format("Bamako")),
        places=frozenset({"bamako"}),
    )
    b = replace(
        _announcement("b#1", date(2022, 2, 18), text.format("Kati")), places=frozenset({"kati"})
    )
    assert cluster_claims([a, b]) == [[0, 1]]
    assert conflict_field([a, b]) == "date"
    other = replace(
        _announcement("c#1", date(2022, 2, 18), "Macron a rencontré à Kati les chefs militaires."),
        places=frozenset({"kati"}),
    )
    assert cluster_claims([a, other]) == [[0], [1]]
