"""Gazetteer: data files, lookups, spaCy patterns."""

from __future__ import annotations

import gettext

import pycountry
import pytest
import spacy

from sahel_utils.annotation.gazetteer import Entry, inflect_adjective, load_gazetteer
from sahel_utils.core import paths
from sahel_utils.core.normalize import fold, normalize_for_nlp


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="module")
def nlp_with_ruler(gaz):
    nlp = spacy.blank("fr")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(gaz.ruler_patterns(nlp.tokenizer, adjectives=True))
    return nlp


def ents(nlp, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(normalize_for_nlp(text))
    return [(e.text, e.label_, e.ent_id_) for e in doc.ents]


# ----------------------------------------------------------------------------- loading


def test_load_is_cached_and_typed(gaz):
    assert load_gazetteer() is gaz
    types = {e.entity_type for e in gaz.entries.values()}
    assert types == {"country", "bloc", "organization", "person", "place"}
    assert all(isinstance(e, Entry) for e in gaz.entries.values())


def test_entries_follow_the_id_contract(gaz):
    russia = gaz.entries["RUS"]
    assert (russia.entity_type, russia.name, russia.country) == ("country", "Russie", "RUS")
    assert gaz.entries["SUN"].entity_type == "country"
    assert gaz.entries["AES"].entity_type == "bloc"
    goita = gaz.entries["Assimi Goïta"]
    assert (goita.entity_type, goita.country) == ("person", "MLI")
    assert goita.role
    assert gaz.entries["Koulouba"] == Entry("Koulouba", "place", "Koulouba", "MLI", "seat")
    for entry in gaz.entries.values():
        if entry.country is not None:
            assert gaz.entries[entry.country].entity_type == "country", entry


def test_data_files_live_in_the_package():
    for name in (
        "countries.csv",
        "country_forms.csv",
        "organizations.csv",
        "people.csv",
    ):
        assert (paths.ANNOTATION_RESOURCES / name).is_file()
    assert (paths.CORE_RESOURCES / "blocs.yaml").is_file()


def test_organisations_carry_their_country(gaz):
    assert gaz.entries["Groupe Wagner"].country == "RUS"
    assert gaz.entries["Africa Corps"].country == "RUS"
    assert gaz.entries["Forces armées maliennes"].country == "MLI"
    assert gaz.entries["Forces armées centrafricaines"].country == "CAF"
    assert gaz.entries["Rosatom"].country == "RUS"
    # Context decides: no country in the data.
    assert gaz.entries["Conseil national de Transition"].country is None
    assert gaz.lookup("le CNT").entity_id == "Conseil national de Transition"
    assert gaz.lookup("l'ONU").entity_id == "Organisation des Nations unies"
    assert gaz.lookup("JNIM").entity_type == "organization"


# ----------------------------------------------------------------------------- countries


def test_official_names_come_from_pycountry(gaz):
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    # Names typed nowhere in the package's data files: they can only come from pycountry.
    data = " ".join(
        fold(p.read_text(encoding="utf-8")) for p in paths.PACKAGE_DIR.glob("*/resources/fr/*")
    )
    for iso3, french_names in (
        ("VUT", ["Vanuatu", "République du Vanuatu"]),
        ("KAZ", ["Kazakhstan", "République du Kazakhstan"]),
        ("BTN", ["Bhoutan", "Royaume du Bouthan"]),
    ):
        country = pycountry.countries.get(alpha_3=iso3)
        assert [translation.gettext(country.name), translation.gettext(country.official_name)] == (
            french_names
        )
        for french in french_names:
            assert fold(french) not in data
            assert gaz.country_from_name(french) == iso3
    assert gaz.entries["KAZ"].aliases == ("République du Kazakhstan",)
    assert gaz.country_from_name("République orientale d'Uruguay") == "URY"
    assert gaz.country_from_name("Royaume hachémite de Jordanie") == "JOR"


def test_inverted_pycountry_names_are_put_back_in_order(gaz):
    assert gaz.country_from_name("Fédération de Russie") == "RUS"
    assert gaz.country_from_name("la Russie") == "RUS"
    assert gaz.country_from_name("République islamique d'Iran") == "IRN"
    assert gaz.country_from_name("République unie de Tanzanie") == "TZA"
    assert gaz.country_from_name("République arabe syrienne") == "SYR"
    # A short form two countries share names neither.
    assert gaz.country_from_name("Corée") is None
    assert gaz.country_from_name("Corée du Sud") == "KOR"


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("la Russie", "RUS"),
        ("Moscou", "RUS"),
        ("le Kremlin", "RUS"),
        ("Le Caire", "EGY"),
        ("au Caire", "EGY"),
        ("Koulouba", "MLI"),
        ("Bamako", "MLI"),
        ("Kosyam", "BFA"),
        ("Ouagadougou", "BFA"),
        ("le Faso", "BFA"),
        ("Faso", "BFA"),
        ("Burkina", "BFA"),
        ("président du Faso", "BFA"),
        ("Niamey", "NER"),
        ("Niger", "NER"),
        ("Centrafrique", "CAF"),
        ("RCA", "CAF"),
        ("la République centrafricaine", "CAF"),
        ("Bangui", "CAF"),
        ("Côte d'Ivoire", "CIV"),
        ("Côte d\u2019Ivoire", "CIV"),
        ("Guinée-Bissau", "GNB"),
        ("Guinée Bissau", "GNB"),
        ("Guinée", "GIN"),
        ("Conakry", "GIN"),
        ("Égypte", "EGY"),
        ("Egypte", "EGY"),
        ("Egypt", "EGY"),
        ("Libye", "LBY"),
        ("Lybie", "LBY"),
        ("Tripoli", "LBY"),
        ("Kigali", "RWA"),
        ("Brazzaville", "COG"),
        ("Congo", "COG"),
        ("RDC", "COD"),
        ("Paris", "FRA"),
        ("l'Élysée", "FRA"),
        ("le Quai d'Orsay", "FRA"),
        ("Washington", "USA"),
        ("la Maison-Blanche", "USA"),
        ("la Maison Blanche", "USA"),
        ("les États-Unis", "USA"),
        ("Etats-Unis", "USA"),
        ("Pékin", "CHN"),
        ("la Chine", "CHN"),
        ("Ankara", "TUR"),
        ("la Turquie", "TUR"),
        ("les Émirats", "ARE"),
        ("Alger", "DZA"),
        ("Rabat", "MAR"),
        ("N'Djamena", "TCD"),
        ("Ndjamena", "TCD"),
        ("Dakar", "SEN"),
        ("Abidjan", "CIV"),
        ("Lomé", "TGO"),
        ("Nouakchott", "MRT"),
        ("Kiev", "UKR"),
        ("Kyiv", "UKR"),
        ("Téhéran", "IRN"),
        ("URSS", "SUN"),
        ("l'Union soviétique", "SUN"),
        ("Union des Républiques socialistes soviétiques", "SUN"),
        ("RUSSIE", "RUS"),
    ],
)
def test_country_from_name(gaz, text, iso3):
    assert gaz.country_from_name(text) == iso3


@pytest.mark.parametrize("text", ["Sahel", "Afrique de l'Ouest", "réunion", "Maurice", "Grenade"])
def test_country_from_name_rejects_regions_and_common_words(gaz, text):
    assert gaz.country_from_name(text) is None


def test_ambiguous_forms_are_marked(gaz):
    assert gaz.country_from_name("Congo") == "COG"
    assert gaz.ambiguous_with("le Congo") == ("COD",)
    assert gaz.ambiguous_with("congolaises") == ("COD",)
    assert gaz.ambiguous_with("Mali") == ()


@pytest.mark.parametrize(
    ("word", "iso3"),
    [
        ("malien", "MLI"),
        ("maliens", "MLI"),
        ("malienne", "MLI"),
        ("maliennes", "MLI"),
        ("Maliens", "MLI"),
        ("russe", "RUS"),
        ("russes", "RUS"),
        ("burkinabè", "BFA"),
        ("burkinabé", "BFA"),
        ("burkinabe", "BFA"),
        ("nigérien", "NER"),
        ("nigériennes", "NER"),
        ("nigérian", "NGA"),
        ("centrafricaine", "CAF"),
        ("égyptien", "EGY"),
        ("égyptienne", "EGY"),
        ("libyens", "LBY"),
        ("rwandais", "RWA"),
        ("rwandaise", "RWA"),
        ("congolais", "COG"),
        ("français", "FRA"),
        ("françaises", "FRA"),
        ("américaine", "USA"),
        ("chinois", "CHN"),
        ("chinoises", "CHN"),
        ("turc", "TUR"),
        ("turque", "TUR"),
        ("soviétique", "SUN"),
        ("ivoiriens", "CIV"),
        ("tchadienne", "TCD"),
        ("EGYPTIEN", "EGY"),
    ],
)
def test_country_from_adjective(gaz, word, iso3):
    assert gaz.country_from_adjective(word) == iso3


@pytest.mark.parametrize("word", ["africain", "sahélien", "européen", "militaire", "Mali"])
def test_country_from_adjective_rejects_non_demonyms(gaz, word):
    assert gaz.country_from_adjective(word) is None


def test_regular_inflection_rule():
    assert set(inflect_adjective("malien")) == {"malien", "maliens", "malienne", "maliennes"}
    assert set(inflect_adjective("rwandais")) == {"rwandais", "rwandaise", "rwandaises"}
    assert set(inflect_adjective("russe")) == {"russe", "russes"}
    assert set(inflect_adjective("américain")) == {
        "américain",
        "américains",
        "américaine",
        "américaines",
    }
    # "on" is a YAML 1.1 boolean: the rule for "-on" must still double the n
    assert inflect_adjective("breton") == ("breton", "bretons", "bretonne", "bretonnes")
    assert inflect_adjective("chinois") == ("chinois", "chinoise", "chinoises")


# ----------------------------------------------------------------------------- blocs


def test_bloc_members(gaz):
    assert gaz.bloc_members("AES") == ("BFA", "MLI", "NER")
    assert "SEN" in gaz.bloc_members("CEDEAO")
    assert "MLI" not in gaz.bloc_members("CEDEAO")
    assert gaz.bloc_members("RUS") == ()
    assert gaz.bloc_members("nope") == ()


@pytest.mark.parametrize(
    ("text", "bloc"),
    [
        ("l'Alliance des États du Sahel", "AES"),
        ("la Confédération des États du Sahel", "AES"),
        ("Confédération AES", "AES"),
        ("l'espace AES", "AES"),
        ("la Cedeao", "CEDEAO"),
        ("ECOWAS", "CEDEAO"),
        ("l'Union africaine", "UA"),
        ("l'Union européenne", "UE"),
        ("CENSAD", "CEN-SAD"),
        ("l'OTAN", "OTAN"),
    ],
)
def test_bloc_from_name(gaz, text, bloc):
    assert gaz.bloc_from_name(text) == bloc


# ----------------------------------------------------------------------------- people


@pytest.mark.parametrize(
    ("name", "canonical", "iso3"),
    [
        ("Assimi Goïta", "Assimi Goïta", "MLI"),
        ("Assimi Goita", "Assimi Goïta", "MLI"),
        ("Goïta", "Assimi Goïta", "MLI"),
        ("GOITA", "Assimi Goïta", "MLI"),
        ("Iounous Bek-Evkourov", "Iounous-Bek Evkourov", "RUS"),
        ("Iounous-Bek Evkourov", "Iounous-Bek Evkourov", "RUS"),
        ("Serguei Lavrov", "Sergueï Lavrov", "RUS"),
        ("Andrei Belousov", "Andreï Belooussov", "RUS"),
        ("Faustin Archange Touedera", "Faustin-Archange Touadéra", "CAF"),
        ("Touadéra", "Faustin-Archange Touadéra", "CAF"),
        ("Henri Mari Dondra", "Henri-Marie Dondra", "CAF"),
        ("Celestin Simpone", "Célestin Simporé", "BFA"),
        ("Salifou Modi", "Salifou Mody", "NER"),
        ("Bakary Yaou Sangare", "Bakary Yaou Sangaré", "NER"),
        ("Abdel Fattah Al-Sissi", "Abdel Fattah al-Sissi", "EGY"),
        ("al-Sissi", "Abdel Fattah al-Sissi", "EGY"),
        ("Abdelaty", "Badr Abdelatty", "EGY"),
        ("Mohammed El-Menfi", "Mohammed el-Menfi", "LBY"),
        ("Paul Kagamé", "Paul Kagame", "RWA"),
        ("Denis Sassou N\u2019Guesso", "Denis Sassou N'Guesso", "COG"),
        ("Sassou Nguesso", "Denis Sassou N'Guesso", "COG"),
        ("Umaro Sissoco Embalo", "Umaro Sissoco Embaló", "GNB"),
        ("Vladimir Poutine", "Vladimir Poutine", "RUS"),
    ],
)
def test_match_person(gaz, name, canonical, iso3):
    entry = gaz.match_person(name)
    assert entry is not None, name
    assert (entry.entity_id, entry.country) == (canonical, iso3)


def test_match_person_near_spelling_uses_fuzzy_matching(gaz):
    # Not listed anywhere as an alias: found by rapidfuzz on the full name.
    assert "Sergueï Lavrof" not in gaz.entries["Sergueï Lavrov"].aliases
    assert gaz.match_person("Sergueï Lavrof").entity_id == "Sergueï Lavrov"


def test_match_person_ignores_leading_titles(gaz):
    assert gaz.match_person("Capitaine Ibrahim Traoré").entity_id == "Ibrahim Traoré"
    assert gaz.match_person("le général Sadio Camara").entity_id == "Sadio Camara"
    assert gaz.match_person("Dr Badr Abdelaty").entity_id == "Badr Abdelatty"


def test_match_person_is_conservative(gaz):
    assert gaz.match_person("Moussa Traoré") is None
    assert gaz.match_person("Jean Dupont") is None
    assert gaz.match_person("") is None


def test_shared_family_name_needs_context(gaz):
    assert gaz.match_person("Traoré") is None
    assert gaz.match_person("Traoré", context=["Ibrahim Traoré"]).entity_id == "Ibrahim Traoré"
    assert gaz.match_person("Maïga", context=["Choguel Kokalla Maïga"]).entity_id == (
        "Choguel Kokalla Maïga"
    )
    # A common family name with one bearer in the gazetteer still waits for context.
    assert gaz.match_person("Camara") is None
    assert gaz.match_person("Camara", context=["Sadio Camara"]).entity_id == "Sadio Camara"


def test_people_aliases_are_folded_consistently(gaz):
    for entry in gaz.entries.values():
        if entry.entity_type != "person":
            continue
        for alias in entry.aliases:
            found = gaz.match_person(alias)
            assert found is not None and found.entity_id == entry.entity_id, (alias, found)


# ----------------------------------------------------------------------------- hyphen pairs


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Mali-Russie", ("MLI", "RUS")),
        ("Burkina-Égypte", ("BFA", "EGY")),
        ("Russie\u2013AES", ("RUS", "AES")),
        ("Russie – AES", ("RUS", "AES")),
        ("RCA-Rwanda", ("CAF", "RWA")),
        ("Congo-Guinée Bissau", ("COG", "GNB")),
        ("Guinée-Bissau-Mali", ("GNB", "MLI")),
        ("maliano-russe", ("MLI", "RUS")),
        ("russo-malien", ("RUS", "MLI")),
        ("sino-africaines", None),
        ("franco-maliennes", ("FRA", "MLI")),
        ("Guinée-Bissau", None),
        ("Sud-Soudan", None),
        ("Russie-Afrique", None),
        ("Sud-Sud", None),
    ],
)
def test_hyphen_pair(gaz, text, pair):
    assert gaz.hyphen_pair(text) == pair


def test_capitals_pair_up_too(gaz):
    assert gaz.hyphen_pair("Bamako-Moscou") == ("MLI", "RUS")
    assert gaz.hyphen_pair("Ouagadougou – Le Caire") == ("BFA", "EGY")


def test_find_hyphen_pairs_in_running_text(gaz):
    text = "La coopération Mali-Russie et l'axe Congo-Guinée Bissau, pas la Guinée-Bissau seule."
    found = gaz.find_hyphen_pairs(text)
    assert [(text[s:e], a, b) for s, e, a, b in found] == [
        ("Mali-Russie", "MLI", "RUS"),
        ("Congo-Guinée Bissau", "COG", "GNB"),
    ]


# ----------------------------------------------------------------------------- patterns


def test_of_type_lists_people_with_country_and_role(gaz):
    people = gaz.of_type("person")
    assert len(people) > 200
    assert all(p.role for p in people)
    assert {"MLI", "BFA", "NER", "RUS", "CAF", "EGY", "LBY"} <= {p.country for p in people}


def test_ruler_patterns_shape(gaz):
    patterns = gaz.ruler_patterns()
    assert {p["label"] for p in patterns} == {"COUNTRY", "BLOC", "ORG", "PERSON", "PLACE"}
    for pattern in patterns:
        assert pattern["id"] in gaz.entries
        assert isinstance(pattern["pattern"], list) and pattern["pattern"]


def test_ruler_finds_entities_in_french_text(nlp_with_ruler):
    found = ents(
        nlp_with_ruler,
        "Le Président du Faso, le Capitaine Ibrahim Traoré, a reçu Badr Abdelaty au "
        "palais de Kosyam. L\u2019Égypte et le Burkina, puis Moscou et le Kremlin ; "
        "la Côte d\u2019Ivoire et la Confédération AES.",
    )
    assert ("Ibrahim Traoré", "PERSON", "Ibrahim Traoré") in found
    assert ("Badr Abdelaty", "PERSON", "Badr Abdelatty") in found
    assert ("Égypte", "COUNTRY", "EGY") in found
    assert ("Burkina", "COUNTRY", "BFA") in found
    assert ("Moscou", "PLACE", "Moscou") in found
    assert ("Kremlin", "PLACE", "Kremlin") in found
    assert ("Côte d'Ivoire", "COUNTRY", "CIV") in found
    assert ("Confédération AES", "BLOC", "AES") in found
    assert any(label == "PLACE" and eid == "Kosyam" for _, label, eid in found)


def test_ruler_folds_accents_and_case(nlp_with_ruler):
    found = ents(nlp_with_ruler, "EGYPTE, Egypte, Etats-Unis, Touedera et Goita.")
    ids = [eid for _, _, eid in found]
    assert ids == ["EGY", "EGY", "USA", "Faustin-Archange Touadéra", "Assimi Goïta"]


def test_ruler_keeps_common_words_out(nlp_with_ruler):
    found = ents(
        nlp_with_ruler,
        "La réunion a eu lieu hier ; une grenade a explosé. Maurice Dupont est venu. "
        "Une alliance militaire, une confédération de syndicats.",
    )
    assert found == []


def test_ruler_demonyms_and_organisations(nlp_with_ruler):
    found = ents(
        nlp_with_ruler,
        "Les autorités maliennes, les FAMa, le groupe Wagner et les Burkinabè à Bamako.",
    )
    assert ("maliennes", "DEMONYM", "MLI") in found
    assert ("FAMa", "ORG", "Forces armées maliennes") in found
    assert ("groupe Wagner", "ORG", "Groupe Wagner") in found
    assert ("Burkinabè", "DEMONYM", "BFA") in found
    assert ("Bamako", "PLACE", "Bamako") in found


def test_ruler_capital_with_article(nlp_with_ruler):
    found = ents(nlp_with_ruler, "Entre Ouagadougou et Le Caire, puis au Caire.")
    assert ("Le Caire", "PLACE", "Le Caire") in found
    assert ("Caire", "PLACE", "Le Caire") in found


@pytest.mark.parametrize(("town", "iso3"), [("Tinzaouatène", "MLI"), ("Arlit", "NER")])
def test_towns_are_places_of_their_country_not_seats(gaz, town, iso3):
    entry = gaz.entries[town]
    assert (entry.entity_type, entry.country, entry.role) == ("place", iso3, "town")
