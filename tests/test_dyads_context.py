"""Dyads: what a sentence without a pair of its own gives its context, tension sides,
adverbial infinitives (made-up sentences)."""

from __future__ import annotations

from tests.test_dyads_relations import pairs, rows


def domains_of(dyads, pair):
    selected = dyads[(dyads.actor_a == pair[0]) & (dyads.actor_b == pair[1])]
    return set(selected.domain.dropna())


def test_a_sentence_naming_no_side_and_referring_to_nothing_gives_no_domain():
    text = (
        "La Russie et le Mali ont signé un accord de coopération militaire. "
        "Il faut beaucoup investir pour aider la population."
    )
    dyads = rows(text, {"militaire": "defence", "investir": "economy"})
    assert pairs(dyads) == {("MLI", "RUS")}
    assert domains_of(dyads, ("MLI", "RUS")) == {"defence"}


def test_a_sentence_referring_back_still_gives_its_domain():
    text = (
        "La Russie et le Mali ont signé un accord de coopération militaire. "
        "Cette coopération comprend aussi un soutien au commerce."
    )
    dyads = rows(text, {"militaire": "defence", "commerce": "economy"})
    assert domains_of(dyads, ("MLI", "RUS")) == {"defence", "economy"}


def test_a_sentence_about_a_collective_partner_gives_no_domain_to_the_pair():
    text = (
        "La Turquie a livré des drones au Niger. "
        "La Turquie développe aussi ses échanges commerciaux avec le continent africain."
    )
    dyads = rows(text, {"drones": "arms_equipment", "commerciaux": "economy"})
    assert pairs(dyads) == {("NER", "TUR")}
    assert domains_of(dyads, ("NER", "TUR")) == {"arms_equipment"}


def test_a_group_stands_for_its_state_in_a_cooperation_not_in_a_tension():
    cooperation = rows("Le Mali a recours au groupe Wagner.", {"Wagner": "private_military"})
    assert pairs(cooperation) == {("MLI", "RUS")}
    tension = rows("La France dénonce les exactions du groupe Wagner.")
    assert pairs(tension, "tension") == set()
    assert pairs(tension) == set()


def test_a_quoted_object_is_no_quotation_its_verb_reports():
    dyads = rows("La France a dénoncé « les manipulations » de Moscou.")
    assert pairs(dyads, "tension") == {("FRA", "RUS")}


def test_an_adverbial_infinitive_takes_the_main_clause_subject_and_is_planned():
    text = "Le président Lavrov a entamé une tournée au Tchad avant de se rendre au Niger."
    dyads = rows(text, {"tournée": "diplomacy"})
    assert ("NER", "RUS") in pairs(dyads, modality="planned")
    # the place named before the infinitive is no subject of it
    assert ("NER", "TCD") not in pairs(dyads)


def test_a_contact_or_an_alliance_with_no_cue_is_diplomacy_a_delivery_is_not():
    assert set(rows("Le président du Mali a parlé avec son homologue du Niger.").domain) == {
        "diplomacy"
    }
    assert set(rows("L’alliance de la France avec le Tchad reste solide.").domain) == {"diplomacy"}
    # a cue of the clause wins; a delivery with no cue says nothing of its domain
    assert set(
        rows(
            "Le Mali a parlé avec le Niger de la livraison de drones.", {"drones": "arms_equipment"}
        ).domain
    ) == {"arms_equipment"}
    assert rows("La Turquie a livré un lot au Niger.").domain.isna().all()


def test_a_partner_in_apposition_to_a_tension_side_was_a_partner():
    dyads = rows("Le Tchad a rompu avec la France, partenaire historique du pays.")
    assert pairs(dyads, "tension") == {("FRA", "TCD")}
    assert pairs(dyads) == {("FRA", "TCD")}
    cooperation = dyads[dyads.relation == "cooperation"]
    assert set(cooperation.domain) == {"diplomacy"}
    # no apposition: the tension pair only
    assert pairs(rows("Le Tchad a rompu avec la France.")) == set()


def test_shares_listed_with_their_origins_are_each_a_partner_of_the_importer():
    for text in (
        "Le Niger importe 60 % de son blé de la Russie et 20 % de l'Ukraine.",
        "Le Niger importe 60 % de son blé de la Russie contre 20 % de l'Ukraine.",
    ):
        dyads = rows(text, {"blé": "agriculture"})
        # two origins are no partners of each other
        assert pairs(dyads) == {("NER", "RUS"), ("NER", "UKR")}, text
