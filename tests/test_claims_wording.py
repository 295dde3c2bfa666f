# ruff: noqa: E501 - the tests hold whole made-up sentences
"""How other outlets word the same events, lone-state mentions and direct conflicts (issue 9)."""

from __future__ import annotations

import pytest

from sahel_utils.relations.claims import extract_claims
from sahel_utils.relations.claims.extract import _triggers
from sahel_utils.relations.claims.vocab import fold_same_length, load_vocab
from tests.test_claims import _clusters, _tables


@pytest.mark.parametrize(
    ("sentence", "etype"),
    [
        ("L'arrivée des mercenaires à Tombouctou a été confirmée par des habitants.", "deploy"),
        ("Des instructeurs étrangers sont présents au Niger depuis l'an dernier.", "deploy"),
        ("Le rapatriement du matériel de la force européenne a commencé.", "withdraw"),
        ("Paris a mis fin à l'opération engagée dans le pays voisin.", "withdraw"),
        ("L'attaché militaire a 72 heures pour quitter le territoire.", "expel"),
        ("Chassé du pouvoir par l'armée, l'ancien président vit en exil.", "coup"),
        ("Le chef de l'État a été destitué par une junte.", "coup"),
        ("Le ministre s'est entretenu avec son homologue à Accra.", "meeting"),
        ("Le capitaine a été reçu par le chef de la junte voisine.", "meeting"),
        ("L'acquisition de six hélicoptères a été financée par le budget national.", "delivery"),
        ("Les deux pays ont conclu un accord sur la formation des pilotes.", "agreement"),
        ("La guerre en Ukraine a fait flamber le prix du blé.", "invade"),
        ("L'exclusion du pays des instances de l'organisation a été prononcée.", "suspend"),
        ("Le Mali a suspendu toutes les rotations de la mission.", "suspend"),
        ("Le pays a gelé sa coopération militaire avec son voisin.", "suspend"),
    ],
)
def test_other_wordings_of_an_event_are_triggers(sentence: str, etype: str) -> None:
    found = {t[0] for t in _triggers(fold_same_length(sentence).lower(), load_vocab())}
    assert etype in found, found


def test_a_reference_to_an_existing_accord_is_no_signing() -> None:
    sentence = (
        "Le ministre a salué leur accord de coopération militaire, en vigueur depuis longtemps."
    )
    found = {t[0] for t in _triggers(fold_same_length(sentence).lower(), load_vocab())}
    assert "agreement" not in found


def test_undated_mention_of_a_coup_naming_one_state_joins_its_dated_report() -> None:
    texts = {
        "a#1": "Au Niger, un coup d'État militaire a renversé le président le 26 juillet 2023, selon la télévision.",
        "b#1": "Depuis le putsch au Niger, les frontières avec le pays voisin restent fermées aux camions.",
    }
    mentions = [
        ("a#1", "Niger", "country", "NER", "NER"),
        ("b#1", "Niger", "country", "NER", "NER"),
    ]
    timex = [("a#1", "le 26 juillet 2023", "2023-07-26")]
    claims = extract_claims(_tables(texts, mentions=mentions, timex=timex))
    assert (frozenset(texts), "corroborated", None) in _clusters(claims, "event"), claims[
        ["article_id", "subtype", "actors", "date", "cluster_id"]
    ].to_dict("records")


def test_undated_lone_mention_stays_out_when_two_dated_reports_fit() -> None:
    """Two coups in one state, at two times: the undated mention could be either."""
    texts = {
        "a#1": "Au Niger, un coup d'État militaire a renversé le président le 26 juillet 2023, selon la télévision.",
        "c#1": "Au Niger, un coup d'État militaire a renversé le président le 18 février 2010, selon la télévision.",
        "b#1": "Depuis le coup d'État militaire au Niger, le président reste détenu, selon la télévision.",
    }
    mentions = [(a, "Niger", "country", "NER", "NER") for a in texts]
    timex = [
        ("a#1", "le 26 juillet 2023", "2023-07-26"),
        ("c#1", "le 18 février 2010", "2010-02-18"),
    ]
    claims = extract_claims(_tables(texts, mentions=mentions, timex=timex))
    events = claims[(claims["kind"] == "event") & (claims["subtype"] == "coup")]
    cluster_of = events.groupby("article_id")["cluster_id"].agg(set)
    assert not cluster_of["b#1"] & (cluster_of["a#1"] | cluster_of["c#1"]), events.to_dict(
        "records"
    )


def test_undated_mention_of_a_common_event_type_needs_more_than_one_state() -> None:
    """An attack is no rare event: "une attaque au Niger" does not join a dated attack."""
    texts = {
        "a#1": "Au Niger, une attaque contre une base militaire a eu lieu le 10 décembre 2019 près de la frontière.",
        "b#1": "Les commerçants redoutent une nouvelle attaque au Niger sur la route du marché.",
    }
    mentions = [
        ("a#1", "Niger", "country", "NER", "NER"),
        ("b#1", "Niger", "country", "NER", "NER"),
    ]
    timex = [("a#1", "le 10 décembre 2019", "2019-12-10")]
    claims = extract_claims(_tables(texts, mentions=mentions, timex=timex))
    assert frozenset(texts) not in {c[0] for c in _clusters(claims, "event")}


def test_tolls_joined_only_through_a_third_report_are_no_conflict() -> None:
    """Two tolls joined through a third report that reads like each: no value conflict
    unless the two themselves are linked."""
    texts = {
        "a#1": "Au Niger, au moins 71 soldats ont été tués dans l'attaque du camp d'Inatès, selon l'armée.",
        "b#1": "Au Niger, 71 soldats ont été tués, et le bilan de l'attaque d'Inatès est lourd pour l'armée.",
        "c#1": "Au Mali, 25 soldats ont été tués lors d'une embuscade sur la route de Ménaka, selon des élus.",
    }
    mentions = [
        ("a#1", "Niger", "country", "NER", "NER"),
        ("b#1", "Niger", "country", "NER", "NER"),
        ("c#1", "Mali", "country", "MLI", "MLI"),
    ]
    claims = extract_claims(_tables(texts, mentions=mentions))
    numbers = claims[claims["kind"] == "number"]
    assert not (numbers["verdict"] == "conflicting").any(), numbers.to_dict("records")


def test_engaging_in_a_war_is_no_delivery() -> None:
    sentence = "Les groupes armés se livrent à une guerre d'usure dans les campagnes."
    found = {t[0] for t in _triggers(fold_same_length(sentence).lower(), load_vocab())}
    assert "delivery" not in found
    delivered = "Six drones ont été livrés à l'armée de l'air la semaine dernière."
    found = {t[0] for t in _triggers(fold_same_length(delivered).lower(), load_vocab())}
    assert "delivery" in found


def test_a_planned_purchase_is_no_delivery() -> None:
    """Folded wildcards must not turn "acheter" (to come) into a purchase made."""
    sentence = "Le pays compte acheter prochainement des véhicules blindés."
    found = {t[0] for t in _triggers(fold_same_length(sentence).lower(), load_vocab())}
    assert "delivery" not in found
