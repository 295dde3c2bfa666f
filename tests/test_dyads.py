"""Dyad extraction on hand-built tagging tables (no spaCy model needed)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from sahel_utils.analysis import network
from sahel_utils.core import tables
from sahel_utils.relations.dyads import (
    Actor,
    actor_of_mention,
    extract_dyads,
    is_contrasted,
    load_dyad_cues,
    sentence_pairs,
)

ARTICLE = "a.txt#1"

# Surface form -> (entity_type, entity_id, country), as the tagging stage would give them.
LEXICON = {
    "Mali": ("country", "MLI", "MLI"),
    "malien": ("country", "MLI", "MLI"),
    "Bamako": ("country", "MLI", "MLI"),
    "Niger": ("country", "NER", "NER"),
    "Burkina Faso": ("country", "BFA", "BFA"),
    "Russie": ("country", "RUS", "RUS"),
    "russe": ("country", "RUS", "RUS"),
    "Moscou": ("country", "RUS", "RUS"),
    "France": ("country", "FRA", "FRA"),
    "française": ("country", "FRA", "FRA"),
    "Turquie": ("country", "TUR", "TUR"),
    "URSS": ("country", "SUN", "SUN"),
    "AES": ("bloc", "AES", None),
    "Wagner": ("organization", "Wagner", "RUS"),
    "FAMa": ("organization", "FAMa", "MLI"),
    "Lavrov": ("person", "Sergueï Lavrov", "RUS"),
    "Diop": ("person", "Abdoulaye Diop", "MLI"),
    "ONU": ("organization", "ONU", None),
    "Cedeao": ("bloc", "CEDEAO", None),
    "Algérie": ("country", "DZA", "DZA"),
    "Alger": ("country", "DZA", "DZA"),
    "Ukraine": ("country", "UKR", "UKR"),
    "américaine": ("country", "USA", "USA"),
    "nigérian": ("country", "NGA", "NGA"),
    "nigérien": ("country", "NER", "NER"),
    "Tchad": ("country", "TCD", "TCD"),
}


def make_tables(
    text: str,
    domains: dict[int, list[str]] | None = None,
    timex: dict[str, str] | None = None,
) -> dict[str, pd.DataFrame]:
    """Tagging tables for one article: sentences split on end punctuation and newlines."""
    sentences = []
    for match in re.finditer(r"[^\n]+?(?:[.!?:](?=\s|$)|$)", text, flags=re.M):
        chunk = match.group(0)
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            start = match.start() + lead
            sentences.append((start, match.end(), text[start : match.end()]))
    sentence_rows = [
        {"article_id": ARTICLE, "sent_index": i, "start": s, "end": e, "text": t}
        for i, (s, e, t) in enumerate(sentences)
    ]
    mention_rows = []
    names = sorted(LEXICON, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)")
    for match in pattern.finditer(text):
        kind, entity_id, country = LEXICON[match.group(1)]
        mention_rows.append(
            {
                "article_id": ARTICLE,
                "start": match.start(),
                "end": match.end(),
                "text": match.group(1),
                "entity_type": kind,
                "entity_id": entity_id,
                "country": country,
                "source": "gazetteer",
            }
        )
    domain_rows = [
        {
            "article_id": ARTICLE,
            "sent_index": i,
            "start": sentences[i][0],
            "end": sentences[i][1],
            "domain": d,
            "cue": d,
        }
        for i, ds in (domains or {}).items()
        for d in ds
    ]
    timex_rows = []
    for surface, value in (timex or {}).items():
        start = text.index(surface)
        timex_rows.append(
            {
                "article_id": ARTICLE,
                "start": start,
                "end": start + len(surface),
                "text": surface,
                "value": value,
                "anchor": None,
            }
        )
    articles = pd.DataFrame(
        [{"article_id": ARTICLE, "text": text, "outlet": "Test", "published": "2025-04-03"}]
    )

    def frame(name: str, rows: list[dict]) -> pd.DataFrame:
        return pd.DataFrame(rows) if rows else tables.empty_table(name)

    return {
        "articles": articles,
        "sentences": frame("sentences", sentence_rows),
        "mentions": frame("mentions", mention_rows),
        "domains": frame("domains", domain_rows),
        "timex": frame("timex", timex_rows),
    }


def pairs_of(dyads: pd.DataFrame) -> set[tuple[str, str]]:
    """Partner pairs: cooperation rows that are not denied (tension rows are kept apart)."""
    if "relation" in dyads:
        dyads = dyads[(dyads.relation == "cooperation") & (dyads.modality != "denied")]
    return set(zip(dyads.actor_a, dyads.actor_b, strict=True))


def tension_of(dyads: pd.DataFrame) -> set[tuple[str, str]]:
    rows = dyads[dyads.relation == "tension"]
    return set(zip(rows.actor_a, rows.actor_b, strict=True))


def test_sentence_pair_is_sorted_with_domain_evidence_and_date():
    text = "Le 3 avril 2025, la Russie et le Mali ont signé un accord de défense."
    dyads = extract_dyads(make_tables(text, {0: ["defence"]}, {"Le 3 avril 2025": "2025-04-03"}))
    assert list(dyads.columns) == list(tables.SCHEMAS["dyads"].columns)
    row = dyads.iloc[0]
    assert (row.actor_a, row.actor_b, row.domain) == ("MLI", "RUS", "defence")
    assert (row.start, row.end, row.evidence) == (0, len(text), text)
    assert row.date == "2025-04-03"
    tables.validate("dyads", dyads)


def test_co_mention_without_cooperation_cue_is_not_a_dyad():
    text = "Le Mali et la Turquie ont disputé un match de football samedi."
    assert extract_dyads(make_tables(text)).empty


def test_former_colonial_power_is_not_a_partner():
    text = (
        "L'AES a pris ses distances avec la France, ancienne puissance coloniale, "
        "pour se rapprocher de la Russie."
    )
    assert pairs_of(extract_dyads(make_tables(text))) == {("AES", "RUS")}


def test_ex_colonial_demonym_is_not_a_partner():
    text = (
        "Le Mali a tourné le dos à l'ex-puissance coloniale française pour coopérer avec la Russie."
    )
    assert pairs_of(extract_dyads(make_tables(text))) == {("MLI", "RUS")}


def test_bloc_members_in_a_list_are_one_side():
    text = "La Russie a reçu les ministres du Mali, du Burkina Faso et du Niger à Moscou."
    assert pairs_of(extract_dyads(make_tables(text))) == {("AES", "RUS")}


def test_bloc_is_never_paired_with_its_members():
    text = "Le Mali, membre de l'AES, renforce sa coopération avec la Russie."
    pairs = pairs_of(extract_dyads(make_tables(text)))
    assert ("AES", "MLI") not in pairs
    assert ("MLI", "RUS") in pairs


def test_members_of_one_bloc_are_paired_when_the_text_pairs_them():
    text = "La coopération Mali-Niger progresse."
    assert pairs_of(extract_dyads(make_tables(text))) == {("MLI", "NER")}


def test_les_deux_pays_refers_to_the_main_pair():
    text = (
        "Sergueï Lavrov a reçu Abdoulaye Diop à Moscou.\nLes deux pays coopèrent au sein de l'ONU."
    )
    dyads = extract_dyads(make_tables(text, {1: ["diplomacy"]}))
    second = dyads[dyads.start > 0]
    assert pairs_of(second) == {("MLI", "RUS")}
    assert set(second.domain) == {"diplomacy"}


def test_affiliation_of_organisations_makes_actors():
    text = "Wagner appuie les FAMa dans la lutte contre les jihadistes."
    dyads = extract_dyads(make_tables(text, {0: ["private_military", "counterterrorism"]}))
    assert pairs_of(dyads) == {("MLI", "RUS")}
    assert set(dyads.domain) == {"private_military", "counterterrorism"}


def test_historical_state_counts_as_its_successor():
    text = "Le Mali et l'URSS ont entretenu une coopération exemplaire."
    assert pairs_of(extract_dyads(make_tables(text))) == {("MLI", "RUS")}


def test_list_items_take_the_pair_of_their_introduction():
    text = (
        "La Turquie et le Mali ont évoqué plusieurs pistes de coopération :\n"
        "• la formation des soldats,\n"
        "• le partage de renseignements.\n"
        "Le Mali a perdu un match."
    )
    dyads = extract_dyads(make_tables(text, {1: ["training"], 2: ["intelligence"], 3: ["health"]}))
    assert pairs_of(dyads) == {("MLI", "TUR")}
    assert {"training", "intelligence"} <= set(dyads.domain)
    assert "health" not in set(dyads.domain)


def test_paragraph_context_gives_domains_to_a_one_sided_sentence():
    text = (
        "La Russie et le Mali ont signé un accord de coopération militaire. "
        "Des instructeurs de Moscou formeront les soldats.\n"
        "La Turquie a livré des drones au Niger."
    )
    dyads = extract_dyads(
        make_tables(text, {0: ["defence"], 1: ["training"], 2: ["arms_equipment"]})
    )
    training = dyads[dyads.domain == "training"]
    assert pairs_of(training) == {("MLI", "RUS")}
    assert pairs_of(dyads[dyads.domain == "arms_equipment"]) == {("NER", "TUR")}


def test_a_sentence_naming_no_state_gives_no_domain_to_the_main_pair():
    text = (
        "La Russie et le Mali ont signé un accord de coopération militaire.\n"
        "Des gouvernements africains ont demandé une aide contre les jihadistes.\n"
        "Des instructeurs de Moscou formeront les soldats."
    )
    dyads = extract_dyads(
        make_tables(text, {0: ["defence"], 1: ["counterterrorism"], 2: ["training"]})
    )
    assert pairs_of(dyads) == {("MLI", "RUS")}
    # another paragraph, no state named: it does not say which pair it is about
    assert "counterterrorism" not in set(dyads.domain)
    # a sentence naming a side of the main pair still gives it its domains
    assert {"defence", "training"} <= set(dyads.domain)


def test_a_sentence_referring_back_gives_its_domains_to_the_main_pair():
    text = (
        "La Russie et le Mali ont signé un accord de coopération militaire.\n"
        "Ces appareils renforcent la lutte contre les jihadistes."
    )
    dyads = extract_dyads(make_tables(text, {0: ["defence"], 1: ["counterterrorism"]}))
    assert pairs_of(dyads) == {("MLI", "RUS")}
    assert {"defence", "counterterrorism"} <= set(dyads.domain)


def test_bloc_reference_stands_for_the_named_bloc():
    text = "L'AES a été créée en 2023.\nMoscou a signé des accords de défense avec les trois pays."
    dyads = extract_dyads(make_tables(text, {1: ["defence"]}))
    assert pairs_of(dyads) == {("AES", "RUS")}


def test_empty_tables_give_an_empty_dyads_table():
    empty = {name: tables.empty_table(name) for name in ("sentences", "mentions", "domains")}
    dyads = extract_dyads(empty)
    assert dyads.empty
    assert list(dyads.columns) == list(tables.SCHEMAS["dyads"].columns)


def test_is_contrasted_applies_to_the_first_actor_after_the_cue():
    cues = load_dyad_cues()
    text = "Ces pays ont tourné le dos à la France pour se rapprocher de la Russie."
    france = (text.index("France"), text.index("France") + len("France"))
    russia = (text.index("Russie"), text.index("Russie") + len("Russie"))
    assert is_contrasted(text, *france, [russia], cues)
    assert not is_contrasted(text, *russia, [france], cues)


def test_lutte_contre_le_terrorisme_does_not_exclude_a_country():
    cues = load_dyad_cues()
    text = "La Russie aide le Mali dans la lutte contre le terrorisme au Niger."
    niger = (text.index("Niger"), text.index("Niger") + len("Niger"))
    assert not is_contrasted(text, *niger, [], cues)


def test_actor_of_mention_uses_affiliation_and_successors():
    assert actor_of_mention("organization", "Wagner", "RUS") == "RUS"
    assert actor_of_mention("organization", "ONU", None) is None
    assert actor_of_mention("country", "SUN", "SUN") == "RUS"
    assert actor_of_mention("bloc", "AES", None) == "AES"


def test_sentence_pairs_needs_two_sides():
    cues = load_dyad_cues()
    actors = [Actor("MLI", 0, 4), Actor("MLI", 10, 16)]
    assert sentence_pairs("Mali ... malien coopère", 0, actors, cues) == set()


@pytest.fixture()
def sample_dyads() -> tuple[pd.DataFrame, pd.DataFrame]:
    text = (
        "En 2024, la Russie et le Mali ont signé un accord de défense.\n"
        "En 2025, la Turquie a livré des drones au Niger dans le cadre de leur coopération."
    )
    tagged = make_tables(text, {0: ["defence"], 1: ["arms_equipment"]}, {"En 2024": "2024"})
    return extract_dyads(tagged), tagged["articles"]


def test_network_aggregations(sample_dyads):
    dyads, articles = sample_dyads
    edges = network.partner_edges(dyads)
    assert set(zip(edges.actor_a, edges.actor_b, strict=True)) == {("MLI", "RUS"), ("NER", "TUR")}
    assert set(edges.dominant_domain) == {"defence", "arms_equipment"}
    graph = network.partner_graph(edges)
    assert graph["MLI"]["RUS"]["weight"] == 1
    partners = network.partners_of_states(dyads, ["MLI", "NER"])
    assert set(zip(partners.state, partners.partner, strict=True)) == {
        ("MLI", "RUS"),
        ("NER", "TUR"),
    }
    reports = network.filter_dyads(dyads, articles, focus_countries=["MLI"])
    assert pairs_of(reports) == {("MLI", "RUS")}
    # the dyad's own date (2024) wins over the publication date (2025-04-03)
    assert set(reports.year) == {"2024"}
    dated = network.filter_dyads(dyads, articles, date_from="2025", date_to="2025-12")
    assert pairs_of(dated) == {("NER", "TUR")}
    matrix = network.domain_matrix(dyads)
    assert matrix.loc["defence", "MLI–RUS"] == 1
    shares = network.domain_shares(network.dyad_reports(dyads, articles), "outlet")
    assert shares["share"].sum() == pytest.approx(1.0)
    evidence = network.evidence_for(network.dyad_reports(dyads, articles), ("RUS", "MLI"))
    assert len(evidence) == 1 and "accord de défense" in evidence.evidence.iloc[0]


def test_aggregations_of_an_empty_selection():
    empty = tables.empty_table("dyads")
    assert network.partner_edges(empty).empty
    assert network.partners_of_states(empty).empty
    assert network.domain_matrix(empty).empty
    reports = network.filter_dyads(empty, None, ["MLI"], "2025", "2025")
    assert reports.empty
    assert network.partners_by(reports, "outlet").empty
    assert network.domain_shares(reports, "year").empty
    assert network.evidence_for(reports, ("MLI", "RUS"), "defence").empty


def test_bloc_pairs_count_for_each_member():
    dyads = pd.DataFrame(
        [
            {
                "article_id": ARTICLE,
                "actor_a": "AES",
                "actor_b": "RUS",
                "domain": "defence",
                "start": 0,
                "end": 5,
                "evidence": "x",
                "date": None,
            }
        ]
    )
    partners = network.partners_of_states(dyads)
    assert set(partners.state) == {"MLI", "BFA", "NER"}
    assert set(partners.partner) == {"RUS"}


def test_parse_pair_and_selection_summary(sample_dyads):
    assert network.parse_pair("MLI–rus") == ("MLI", "RUS")
    assert network.parse_pair("") is None
    with pytest.raises(ValueError, match="two actors"):
        network.parse_pair("MLI")
    dyads, articles = sample_dyads
    reports = network.filter_dyads(dyads, articles, ["NER"])
    summary = network.selection_summary(dyads, reports, ["NER"])
    assert "1 articles" in summary and "NER" in summary


def test_only_listed_blocs_are_dyad_sides():
    assert actor_of_mention("bloc", "CEDEAO", None) is None
    assert actor_of_mention("bloc", "UA", None) is None


def test_contrast_extends_to_the_states_listed_after_it():
    text = "Le Mali a rompu avec la France et la Turquie pour coopérer avec la Russie."
    assert pairs_of(extract_dyads(make_tables(text))) == {("MLI", "RUS")}


def test_states_a_partner_is_compared_with_are_not_partners():
    text = (
        "La Russie a signé un accord avec le Mali, dont la production reste inférieure "
        "à celle de la France ou de la Turquie."
    )
    assert pairs_of(extract_dyads(make_tables(text, {0: ["energy"]}))) == {("MLI", "RUS")}


def test_dialogue_between_a_regional_body_and_a_bloc_does_not_pair_other_states():
    text = "Le Niger et la Turquie ont appelé au dialogue entre la Cedeao et l'AES."
    assert extract_dyads(make_tables(text)).empty
    between_states = "La Turquie a salué le dialogue entre le Mali et la Russie."
    assert ("MLI", "RUS") in pairs_of(extract_dyads(make_tables(between_states)))


def test_contrast_in_a_fronted_phrase_stays_there():
    text = "Contrairement au Niger, le Mali a accepté l'aide militaire de la Russie."
    assert pairs_of(extract_dyads(make_tables(text, {0: ["defence"]}))) == {("MLI", "RUS")}


def test_attending_a_ceremony_together_is_not_cooperation():
    text = "Les présidents du Mali et de la Turquie ont assisté à une investiture à Dakar."
    assert extract_dyads(make_tables(text)).empty


@pytest.mark.parametrize(
    "text",
    [
        "La crise diplomatique entre l'Algérie et le Mali s'est aggravée.",
        "Les relations entre les deux pays, le Mali et l'Algérie, sont au plus bas.",
        "Le Mali a annoncé la rupture « immédiate » de ses relations diplomatiques avec l'Ukraine.",
        "Bamako a rappelé son ambassadeur à Alger après la destruction d'un drone de l'AES.",
    ],
)
def test_a_strained_relation_between_two_sides_is_not_a_dyad(text):
    # issue 8: a strained relation is kept as a tension row, not dropped
    assert not pairs_of(extract_dyads(make_tables(text, {0: ["diplomacy"]})))


def test_a_strained_relation_with_a_third_state_keeps_the_partners():
    text = (
        "Après la rupture de ses relations diplomatiques avec l'Ukraine, le Mali a renforcé "
        "sa coopération avec la Russie."
    )
    assert pairs_of(extract_dyads(make_tables(text))) == {("MLI", "RUS")}


def test_a_country_adjective_of_a_news_medium_is_not_an_actor():
    text = "Selon la presse américaine, le Niger a signé un accord minier avec la Russie."
    assert pairs_of(extract_dyads(make_tables(text))) == {("NER", "RUS")}
