"""A person's country from the text when the gazetteer does not list them (issue 16).

Table-driven made-up sentences, one per shape (people invented, so absent from
``people.csv``), run through the whole annotation pipeline; then the seed corpus
built with the gazetteer's people list emptied, scored honestly against the seed
gold so that the context route is measured on its own.
"""

from __future__ import annotations

import pandas as pd
import pytest

from sahel_utils.annotation.affiliation import COUNTRY_SOURCES
from sahel_utils.core.normalize import normalize_for_nlp
from sahel_utils.core.tables import SCHEMAS


def person_rows(text: str, family_name: str) -> list[dict]:
    from sahel_utils.annotation.nlp import shared_nlp

    normalized = normalize_for_nlp(text)
    doc = shared_nlp()(normalized)
    return [
        m
        for m in doc._.mentions
        if m["entity_type"] == "person" and family_name in normalized[m["start"] : m["end"]]
    ]


CASES = [
    pytest.param(
        "Mais Hellah Sidibaré, un ancien footballeur professionnel d'origine malienne, a décidé "
        "de traverser les États-Unis à pied.",
        "Sidibaré",
        "MLI",
        "apposition",
        id="apposition-between-commas-origin",
    ),
    pytest.param(
        "La maladie survient brutalement, explique le Dr Chaibou Maidokaré médecin nigérien "
        "infectiologue et spécialiste des maladies tropicales.",
        "Maidokaré",
        "NER",
        "apposition",
        id="apposition-without-comma",
    ),
    pytest.param(
        "Parole aux artistes. Marius Dansouvi est un sculpteur et artiste multimédia béninois "
        "reconnu pour son travail sur le fer.",
        "Dansouvi",
        "BEN",
        "apposition",
        id="predicate-after-est",
    ),
    pytest.param(
        "Il dit en avoir déjà parlé avec la romancière allemande Angelika Merkelbach.",
        "Merkelbach",
        "DEU",
        "demonym",
        id="nationality-before-the-name",
    ),
    pytest.param(
        "En 1972, l'équipe avait un cuisinier allemand du nom de Karl-Heinz Weigandt.",
        "Weigandt",
        "DEU",
        "demonym",
        id="nationality-then-du-nom-de",
    ),
    pytest.param(
        "« Aucune équipe n'a conservé le titre », a déclaré le sélectionneur du Maroc, "
        "Houcine Ammoutabi.",
        "Ammoutabi",
        "MAR",
        "role",
        id="noun-du-pays-comma-name",
    ),
    pytest.param(
        "« Il y a beaucoup de talents cachés », a déclaré Enez Mangora, du club kenyan Vihiga "
        "Queens, à la BBC. Plus tard, Mangora a ajouté qu'elle était confiante.",
        "Mangora",
        "KEN",
        "apposition",
        id="apposition-club-nationality-and-the-chain",
    ),
    pytest.param(
        "Simon Gongoré, photographe installé depuis vingt ans à Ouagadougou, affirme que la ville "
        "est calme.",
        "Gongoré",
        None,
        None,
        id="a-place-of-work-is-no-affiliation",
    ),
    pytest.param(
        "« Nous serons environ 3 000 à l'été », a déclaré le général Laurent Michonet, qui "
        "commande la mission militaire française au Sahel.",
        "Michonet",
        "FRA",
        "apposition",
        id="relative-clause-of-what-the-person-leads",
    ),
    pytest.param(
        "Au Burkina Faso, une attaque a visé un convoi près de Ouagadougou. Le survivant Abel "
        "Kaborégo a déclaré que les assaillants ont tiré. Le Burkina Faso est en deuil.",
        "Kaborégo",
        "BFA",
        "host",
        id="a-local-witness-takes-the-host-country",
    ),
    pytest.param(
        "Au Burkina Faso, la crise dure. L'analyste régional Paul Mellyson écrit que le "
        "Burkina Faso est isolé. Le Burkina Faso proteste.",
        "Mellyson",
        None,
        None,
        id="an-analyst-does-not-take-the-host-country",
    ),
    pytest.param(
        "Au Burkina Faso, la corruption grimpe. Selon Sagado Nacanabéo, secrétaire exécutif du "
        "réseau national de lutte anti-corruption, elle touche la police du Burkina Faso.",
        "Nacanabéo",
        "BFA",
        "host",
        id="an-office-of-a-national-body-takes-the-host-country",
    ),
    pytest.param(
        "Le ministre a reçu un envoyé. Kwesi Obandoré était porteur d'un message adressé à son "
        "homologue burkinabè.",
        "Obandoré",
        None,
        None,
        id="the-country-of-a-counterpart-is-not-the-person-s",
    ),
    pytest.param(
        "L'émission reçoit Kadher Kabonguiré et Dramane Kiendrebéogo, fondateurs de la "
        "start-up burkinabè Sank Business.",
        "Kabonguiré",
        "BFA",
        "apposition",
        id="a-plural-apposition-after-an-enumeration-holds-for-each",
    ),
    pytest.param(
        "Au Niger, la faim gagne. Selon Grégor Brouadé, directeur national d'Aide contre la "
        "soif au Niger, trois millions de personnes ont faim. Le Niger demande de l'aide.",
        "Brouadé",
        None,
        None,
        id="a-place-of-work-after-an-employer-is-not-the-person-s-country",
    ),
    pytest.param(
        "Au Cameroun, les séparatistes attaquent. « Rien n'est clair », lance Elvin Arréga, "
        "analyste principal pour le Cameroun au groupe Crisis Watch. Le Cameroun se tait.",
        "Arréga",
        None,
        None,
        id="a-country-after-pour-is-the-subject-of-the-work",
    ),
    pytest.param(
        "Le Burkina Faso vaccine. Le Dr Pedrino Alonsa, directeur du programme mondial de lutte "
        "contre le paludisme, s'en réjouit. Le Burkina Faso attend la suite.",
        "Alonsa",
        None,
        None,
        id="an-office-of-a-world-programme-does-not-take-the-host-country",
    ),
    pytest.param(
        "Au Bénin, l'exposition ouvre. Le ministre de la Culture, Jean Dossavi, a salué les "
        "artistes. Le Bénin fête ses sculpteurs.",
        "Dossavi",
        "BEN",
        "host",
        id="a-minister-named-without-country-still-takes-the-host-country",
    ),
    pytest.param(
        "Au Niger, le sommet s'ouvre. Selon Abdou Hamadoubé, ministre de la Coopération "
        "internationale, le Niger est prêt. Le Niger attend ses hôtes.",
        "Hamadoubé",
        "NER",
        "host",
        id="a-national-office-with-an-international-word-still-takes-the-host-country",
    ),
    pytest.param(
        "Au Cameroun, la Guinée a battu le Cameroun, pays hôte, grâce à des buts de Morlan "
        "Syllabé en première mi-temps. Le Cameroun pleure.",
        "Syllabé",
        None,
        None,
        id="a-role-word-qualifying-a-noun-is-no-office-of-the-person",
    ),
    pytest.param(
        "Le ministère a ordonné l'expulsion de quatre diplomates belges. Arno Claudel Perès, "
        "Benoît Hervard Payot, Richard Koslagi et Annick Fontanel doivent partir.",
        "Koslagi",
        "BEL",
        "apposition",
        id="a-list-of-people-after-a-group-noun-with-a-nationality",
    ),
    pytest.param(
        "Le ministère a reçu deux diplomates belges. Arno Perès et Richard Koslagi ont parlé.",
        "Koslagi",
        None,
        None,
        id="a-list-of-two-is-too-short-to-be-the-group",
    ),
]


@pytest.mark.parametrize(("text", "family_name", "country", "source"), CASES)
def test_affiliation_shapes(
    text: str, family_name: str, country: str | None, source: str | None
) -> None:
    rows = person_rows(text, family_name)
    assert rows, f"{family_name} is not found as a person"
    assert {r["country"] for r in rows} == {country}, rows
    sources = [r["country_source"] for r in rows]
    assert sources[0] == source, rows
    assert all(s in (source, "inherited") for s in sources), rows


def test_country_source_values_and_schema() -> None:
    rows = person_rows(
        "Enez Mangora, du club kenyan Vihiga Queens, a parlé. Mangora est confiante.", "Mangora"
    )
    assert [r["country_source"] for r in rows] == ["apposition", "inherited"]
    assert set(COUNTRY_SOURCES) >= {"gazetteer", "apposition", "role", "demonym", "inherited"}
    assert "country_source" in SCHEMAS["mentions"].columns


# ------------------------------------------------------------------ no people list


@pytest.fixture(scope="module")
def seed_without_people(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    from tests.no_people_gazetteer import build_seed_without_people

    out = build_seed_without_people(tmp_path_factory.mktemp("no_people"))
    return {p.stem: pd.read_parquet(p) for p in sorted(out.glob("*.parquet"))}


@pytest.mark.slow
def test_seed_with_the_people_list_emptied(seed_without_people: dict[str, pd.DataFrame]) -> None:
    """Measured when written (issue 16): people F1 0.988, affiliation 0.659, quote
    recall 1.00, speaker accuracy 0.947; after the structural speaker rules and the
    counterpart rule (issue 16, third session): affiliation 0.683, speaker accuracy
    1.00. Floors sit just under those numbers."""
    from sahel_utils.evaluation import entities, quotes

    people = entities.score(seed_without_people)
    said = quotes.score(seed_without_people)
    table = entities.details(seed_without_people)
    assert people["people_f1"] >= 0.97, table[["article_id", "people_missing", "people_extra"]]
    assert people["people_affiliation"] >= 0.67, table[["article_id", "affiliation_errors"]]
    assert said["recall"] >= 0.97
    assert said["speaker_accuracy"] >= 0.97, quotes.details(seed_without_people)
    mentions = seed_without_people["mentions"]
    persons = mentions[mentions["entity_type"] == "person"]
    assert not (persons["country_source"] == "gazetteer").any()  # the list really was empty
