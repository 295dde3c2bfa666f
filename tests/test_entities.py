"""Entity rules on short invented French news sentences (general rules, not seed text)."""

from __future__ import annotations

import pytest

from sahel_utils.annotation.entities import load_entity_rules
from sahel_utils.core.normalize import normalize_for_nlp


@pytest.fixture(scope="module")
def nlp():
    from sahel_utils.annotation.nlp import shared_nlp

    return shared_nlp()


def mentions(nlp, text: str) -> list[dict]:
    doc = nlp(normalize_for_nlp(text))
    return [{**m, "text": text[m["start"] : m["end"]]} for m in doc._.mentions]


def people(rows: list[dict]) -> dict[str, str | None]:
    return {r["entity_id"]: r["country"] for r in rows if r["entity_type"] == "person"}


def countries(rows: list[dict]) -> set[str]:
    return {r["entity_id"] for r in rows if r["entity_type"] == "country"}


def test_rules_file_loads_folded_vocabulary():
    rules = load_entity_rules()
    assert "general de corps d'armee" in rules.titles
    assert "ministre" in rules.roles
    assert rules.title_regex.search("le capitaine jean") is not None


@pytest.mark.slow
def test_titles_are_not_part_of_names(nlp):
    rows = mentions(nlp, "Le Colonel Jean-Baptiste Ouédraogo a rencontré Dr Aminata Sow à Dakar.")
    names = {r["text"] for r in rows if r["entity_type"] == "person"}
    assert "Jean-Baptiste Ouédraogo" in names
    assert "Aminata Sow" in names


@pytest.mark.slow
def test_elided_words_are_never_entities(nlp):
    rows = mentions(
        nlp, "L’Élysée a confirmé que Koffi Mensah s’est rendu à Lomé. L’armée togolaise suit."
    )
    texts = {r["text"] for r in rows}
    assert "L’" not in texts and "s’" not in texts
    assert "Koffi Mensah" in texts
    assert not any(t.endswith("s’") for t in texts)


@pytest.mark.slow
def test_affiliation_from_role_before_and_after_the_name(nlp):
    text = (
        "Le ministre ivoirien de la Défense, Moussa Kanté, a reçu son homologue tchadien, "
        "Idriss Mahamat. Pierre Lefort, ambassadeur de la France au Niger, était présent."
    )
    found = people(mentions(nlp, text))
    assert found["Moussa Kanté"] == "CIV"
    assert found["Idriss Mahamat"] == "TCD"
    assert found["Pierre Lefort"] == "FRA"


@pytest.mark.slow
def test_apposition_of_one_person_does_not_leak_to_the_next(nlp):
    text = (
        "Lors de sa rencontre avec Amadou Sy, ministre sénégalais de la Santé, "
        "Karim Benali a salué les progrès."
    )
    found = people(mentions(nlp, text))
    assert found["Amadou Sy"] == "SEN"
    assert found.get("Karim Benali") != "SEN"


@pytest.mark.slow
def test_one_person_within_an_article(nlp):
    text = (
        "Le président guinéen Mamadou Keïta a ouvert le sommet. Keita a ensuite rappelé "
        "les priorités. Le président guinéen a conclu la séance."
    )
    rows = [r for r in mentions(nlp, text) if r["entity_type"] == "person"]
    assert {r["entity_id"] for r in rows} == {"Mamadou Keïta"}
    assert len(rows) == 3
    assert {r["country"] for r in rows} == {"GIN"}


@pytest.mark.slow
def test_capital_for_the_state_and_capital_as_place(nlp):
    rows = mentions(nlp, "Dakar a signé un accord avec Rabat. La cérémonie a eu lieu à Nouakchott.")
    by_text = {r["text"]: r for r in rows}
    assert by_text["Dakar"]["entity_type"] == "country" and by_text["Dakar"]["entity_id"] == "SEN"
    assert by_text["Rabat"]["entity_id"] == "MAR"
    assert by_text["Nouakchott"]["entity_type"] == "place"
    assert by_text["Nouakchott"]["country"] == "MRT"
    assert "MRT" not in countries(rows)


@pytest.mark.slow
def test_hyphenated_pairs_and_adjectives_give_both_sides(nlp):
    rows = mentions(
        nlp, "Le partenariat Tchad-Soudan et l’axe sino-nigérien intéressent la partie turque."
    )
    assert {"TCD", "SDN", "CHN", "NER", "TUR"} <= countries(rows)


@pytest.mark.slow
def test_rivers_seas_and_languages_are_not_states(nlp):
    rows = mentions(
        nlp,
        "Les pirates du golfe de Guinée menacent le trafic. Le fleuve Niger est en crue. "
        "Le ministre s’est exprimé en français devant la presse.",
    )
    assert not {"GIN", "NER", "FRA"} & countries(rows)


@pytest.mark.slow
def test_family_name_alone_goes_to_the_last_person_with_that_name(nlp):
    text = (
        "Le ministre Seydou Koné a démissionné. Son successeur, le général Adama Koné, "
        "a été nommé jeudi. Koné a aussitôt réuni son cabinet."
    )
    rows = [r for r in mentions(nlp, text) if r["entity_type"] == "person"]
    last = max(rows, key=lambda r: r["start"])
    assert last["text"] == "Koné"
    assert last["entity_id"] == "Adama Koné"


@pytest.mark.slow
def test_demonym_noun_before_a_name_gives_the_country(nlp):
    found = people(mentions(nlp, "Le Sénégalais Ousmane Ndiaye a battu l’Ivoirien Kouadio Yao."))
    assert found == {"Ousmane Ndiaye": "SEN", "Kouadio Yao": "CIV"}


@pytest.mark.slow
def test_a_name_used_for_a_thing_elsewhere_is_not_a_person(nlp):
    rows = mentions(
        nlp,
        "L’hôtel Radisson Blu de Bamako a rouvert. Sachant que Radisson Blu de Bamako est "
        "le plus grand hôtel du pays, les drones Bayraktar y sont exposés.",
    )
    assert not [r for r in rows if r["entity_type"] == "person"]


@pytest.mark.slow
def test_office_without_country_takes_the_host_country_unless_international(nlp):
    text = (
        "Le ministre de la Défense, Oumar Diallo, a accueilli à Bamako plusieurs délégations. "
        "Le président de la Commission de la CEDEAO, Omar Tourané, était aussi à Bamako."
    )
    found = people(mentions(nlp, text))
    assert found["Oumar Diallo"] == "MLI"
    assert found["Omar Tourané"] is None


@pytest.mark.parametrize(
    ("text", "person", "country"),
    [
        (  # a coordinated second role describes the second name, not the first
            "La cérémonie s'est tenue en présence du général Salifou Mody, ministre de la "
            "Défense, et de l'ambassadeur de Turquie au Niger, Kerem Demirtaş.",
            "Kerem Demirtaş",
            "TUR",
        ),
        (  # a participle inside the role phrase does not end it
            "Le secrétaire d'État hongrois chargé de l'Afrique, Gergely Pálfi, a parlé.",
            "Gergely Pálfi",
            "HUN",
        ),
        (  # a role noun the model may tag as a verb
            "Selon Karim Benjelloun, consultant marocain basé à Casablanca, les travaux "
            "commencent.",
            "Karim Benjelloun",
            "MAR",
        ),
        (  # commentators are roles too
            "Pour l'analyste togolais Kossi Amégan, une adhésion serait un signal.",
            "Kossi Amégan",
            "TGO",
        ),
        (  # "sous-secrétaire d'État" is one role
            "Molly Phee, sous-secrétaire d'État américaine aux Affaires africaines, a parlé.",
            "Molly Phee",
            "USA",
        ),
        (  # an office named without country: the article's own country, not a visited one
            "Le gouvernement tchadien a rompu avec Paris. N'Djamena l'a annoncé, et le Tchad "
            "confirme. Le porte-parole du gouvernement, Gassim Chérif Mahamat, a nuancé.",
            "Gassim Chérif Mahamat",
            "TCD",
        ),
    ],
)
def test_affiliation_of_people_absent_from_the_gazetteer(nlp, text, person, country):
    assert people(mentions(nlp, text)).get(person) == country


def test_full_name_with_another_first_name_is_not_the_gazetteer_namesake(nlp):
    found = people(mentions(nlp, "La ministre Aminata Zerbo a salué l'accord."))
    assert "Aminata Zerbo" in found
    assert not any(name.startswith("Émile") for name in found)


def test_towns_are_places_not_people(nlp):
    rows = mentions(nlp, "L'attaque de Tinzaouatène a fait des dizaines de morts près de Kidal.")
    assert not [r for r in rows if r["entity_type"] == "person"]
    assert {r["text"] for r in rows if r["entity_type"] == "place"} >= {"Tinzaouatène", "Kidal"}
    assert "MLI" not in countries(rows)


def test_middle_initial_is_part_of_the_name(nlp):
    text = (
        "« Wagner est un groupe de mercenaires », a affirmé le général Stephen J. Townsendo, "
        "commandant du commandement américain pour l'Afrique. Townsendo a précisé."
    )
    rows = [r for r in mentions(nlp, text) if r["entity_type"] == "person"]
    assert {r["entity_id"] for r in rows} == {"Stephen J. Townsendo"}


def test_a_club_before_a_family_name_is_not_a_given_name(nlp):
    text = (
        "Sadio Manéro et Edouard Mendyso affirment que le Sénégal est prêt. Le gardien de "
        "Chelsea Mendyso a manqué deux matchs. Mendyso se souvient de la finale."
    )
    rows = [r for r in mentions(nlp, text) if r["entity_type"] == "person"]
    assert {r["entity_id"] for r in rows} == {"Sadio Manéro", "Edouard Mendyso"}


def test_a_family_name_the_model_reads_as_an_organisation_is_the_person(nlp):
    text = (
        "Zawadi Mudibova est analyste. Il y avait peu de substance, et aucun contrat n'a été "
        "signé, dit Mudibova."
    )
    rows = [r for r in mentions(nlp, text) if r["text"] == "Mudibova"]
    assert rows and all(r["entity_type"] == "person" for r in rows), rows
    assert {r["entity_id"] for r in rows} == {"Zawadi Mudibova"}


def test_an_acronym_in_parentheses_does_not_cut_the_role_phrase(nlp):
    text = (
        "« C'est assez », a affirmé le président du mouvement burkinabè des droits de l'homme "
        "et des peuples (MBDHP), Chrisogone Zougmorédo."
    )
    assert people(mentions(nlp, text)) == {"Chrisogone Zougmorédo": "BFA"}


def test_a_one_word_name_after_a_determiner_or_a_locative_is_no_person(nlp):
    text = (
        "Les Louvettes MINPROFF ont été déclarées championnes. Sa famille a échappé à une "
        "attaque menée à Botodjiga, dans le nord du pays. Le ministre Adama Koné a parlé."
    )
    assert set(people(mentions(nlp, text))) == {"Adama Koné"}


def test_diseases_competitions_and_set_phrases_are_no_person(nlp):
    text = (
        "Le Covid a tout arrêté, mais Mohamed Salla reste le meilleur buteur de Premier "
        "League. « Allahu Akbar », criaient les assaillants."
    )
    assert set(people(mentions(nlp, text))) == {"Mohamed Salla"}


def test_an_employer_s_country_is_not_a_journalist_s(nlp):
    text = (
        "Au Burkina Faso, la capitale est calme. Simon Gongoré, journaliste de la BBC à "
        "Ouagadougou, affirme que les tirs ont cessé. Le Burkina Faso attend."
    )
    assert people(mentions(nlp, text)) == {"Simon Gongoré": None}


def test_a_name_situated_on_a_map_is_a_place(nlp):
    text = (
        "Le centre est basé au camp de Tillabiri, dans la région de Tahoua. Le ministre "
        "Adama Koné l'a inauguré. Il est parti de Huntingdon Beach, près de Los Angeles."
    )
    assert set(people(mentions(nlp, text))) == {"Adama Koné"}
