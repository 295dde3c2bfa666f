"""Dyads as relations with roles (issue 8): made-up sentences for each error kind.

Each case gives a sentence (or a short article), the domain cue words the tagging stage
would have found, and the rows expected: cooperation pairs (reported or planned, with
their domains), and the pairs that must be kept apart (tension, denied) or absent.
"""

from __future__ import annotations

import pandas as pd
import pytest

from sahel_utils.core import tables
from sahel_utils.relations.dyads import extract_dyads, mention_roles
from tests.test_dyads import ARTICLE, make_tables


def tagged(
    text: str, cues: dict[str, str] | None = None, timex: dict[str, str] | None = None
) -> dict[str, pd.DataFrame]:
    """Tagging tables with domain cues located at their words (``{"drones": domain}``)."""
    out = make_tables(text, timex=timex)
    rows = []
    for sentence in out["sentences"].itertuples(index=False):
        for cue, domain in (cues or {}).items():
            if cue in sentence.text:
                rows.append(
                    {
                        "article_id": ARTICLE,
                        "sent_index": sentence.sent_index,
                        "start": sentence.start,
                        "end": sentence.end,
                        "domain": domain,
                        "cue": cue,
                    }
                )
    out["domains"] = pd.DataFrame(rows) if rows else tables.empty_table("domains")
    return out


def rows(text: str, cues: dict[str, str] | None = None, timex: dict[str, str] | None = None):
    dyads = extract_dyads(tagged(text, cues, timex))
    tables.validate("dyads", dyads)
    return dyads


def pairs(dyads: pd.DataFrame, relation: str = "cooperation", modality: str | None = None):
    selected = dyads[dyads.relation == relation]
    if modality is not None:
        selected = selected[selected.modality == modality]
    elif relation == "cooperation":
        selected = selected[selected.modality != "denied"]
    return set(zip(selected.actor_a, selected.actor_b, strict=True))


# (kind, text, expected cooperation pairs, pairs that must not be cooperation)
CASES = [
    (
        "attribution: selon X",
        "La Turquie fournit des drones au Niger, selon la France.",
        {("NER", "TUR")},
        {("FRA", "NER"), ("FRA", "TUR")},
    ),
    (
        "attribution: X affirme que",
        "Plusieurs pays, dont la France et l'Algérie, affirment que la Russie livre des armes "
        "au Mali.",
        {("MLI", "RUS")},
        {("DZA", "MLI"), ("FRA", "MLI"), ("DZA", "RUS"), ("FRA", "RUS"), ("DZA", "FRA")},
    ),
    (
        "attribution: inverted speech verb",
        "La Russie a livré des armes au Mali, affirme l'Algérie.",
        {("MLI", "RUS")},
        {("DZA", "MLI"), ("DZA", "RUS")},
    ),
    (
        "opposition: blocking",
        "La Russie et la Turquie ont bloqué au Conseil un texte de la France.",
        set(),
        {("FRA", "RUS"), ("FRA", "TUR")},
    ),
    (
        "opposition: face à",
        "Moscou, principal soutien de Bamako face à la France et à l'Algérie.",
        {("MLI", "RUS")},
        {("FRA", "MLI"), ("DZA", "MLI"), ("FRA", "RUS"), ("DZA", "RUS")},
    ),
    (
        "opposition: accusation",
        "Le Mali accuse la France de soutenir les jihadistes.",
        set(),
        {("FRA", "MLI")},
    ),
    (
        "enumeration: directional predicate pairs no list members",
        "La Russie et l'Ukraine fournissent 30 % du blé mondial.",
        set(),
        {("RUS", "UKR")},
    ),
    (
        "enumeration: reciprocal predicate pairs its subjects",
        "Le Mali, l'Algérie et la Turquie ont signé un accord de coopération.",
        {("DZA", "MLI"), ("MLI", "TUR"), ("DZA", "TUR")},
        set(),
    ),
    (
        "enumeration: clauses joined by ', et' are not one list",
        "La Turquie a livré des drones au Niger, et la Russie a envoyé des médecins au Mali.",
        {("NER", "TUR"), ("MLI", "RUS")},
        {("RUS", "TUR"), ("MLI", "NER")},
    ),
    (
        "setting: historical comparison",
        "La Russie forme les soldats du Mali, comme jadis en Ukraine.",
        {("MLI", "RUS")},
        {("RUS", "UKR"), ("MLI", "UKR")},
    ),
    (
        "setting: residence",
        "Le Niger a signé un accord avec la Turquie, dont le négociateur vit au Mali.",
        {("NER", "TUR")},
        {("MLI", "NER"), ("MLI", "TUR")},
    ),
    (
        "setting: a news organisation is no actor",
        "Le ministre malien a déclaré à la BBC que la Russie livrera des hélicoptères.",
        set(),
        {("GBR", "MLI"), ("GBR", "RUS")},
    ),
    (
        "setting: a former office holder stands for no state",
        "L'ancien président nigérian a rencontré son homologue malien.",
        set(),
        {("MLI", "NGA")},
    ),
    (
        "setting: a serving office holder stands for the state",
        "Le président nigérian a rencontré son homologue malien.",
        {("MLI", "NGA")},
        set(),
    ),
    (
        "enumeration: two origins of one import are not partners",
        "Les importations de blé en provenance de la Russie et 5 % de l'Ukraine ont baissé.",
        set(),
        {("RUS", "UKR")},
    ),
    (
        "enumeration: the members of a complement 'avec X et Y' are not each other's partners",
        "Voici la coopération avec le Mali et le Niger.",
        set(),
        {("MLI", "NER")},
    ),
    (
        "enumeration: a complement 'entre X et Y' joins them",
        "Voici la coopération entre le Mali et le Niger.",
        {("MLI", "NER")},
        set(),
    ),
    (
        "enumeration: an organisation's membership list is no party",
        "Le G5 Sahel regroupe le Burkina Faso, le Tchad, le Mali et le Niger dans le but "
        "de renforcer leur coopération.",
        set(),
        {("BFA", "TCD"), ("MLI", "TCD"), ("NER", "TCD"), ("BFA", "MLI")},
    ),
    (
        "vocabulary: 'important' is no import",
        "Le Mali et la Russie jouent un rôle important dans la région.",
        set(),
        {("MLI", "RUS")},
    ),
    (
        "opposition: relations that deteriorate are no cooperation",
        "Les relations entre la France et le Mali ont continué de se détériorer.",
        set(),
        {("FRA", "MLI")},
    ),
    (
        "structure: a possessed noun's genitive is no subject",
        "Le pays a réorienté son alliance de la France vers la Russie.",
        set(),
        {("FRA", "RUS")},
    ),
    (
        "structure: a noun's object lies in its clause",
        "La visite officielle du Mali fait suite à celle, dans le même pays en mai, de la Turquie.",
        set(),
        {("MLI", "TUR")},
    ),
    (
        "structure: members of one bloc are partners when a predicate takes them",
        "Le président nigérien a rencontré son homologue malien.",
        {("MLI", "NER")},
        set(),
    ),
    (
        "structure: an attribute noun does not pair its subjects",
        "La Russie et la Turquie ont traité le Mali comme un partenaire stratégique.",
        set(),
        {("RUS", "TUR")},
    ),
    (
        "structure: the subject of the predicate, not any earlier state",
        "Les relations entre la France et le Mali se sont dégradées après la décision "
        "de Bamako de collaborer avec la Russie.",
        {("MLI", "RUS")},
        {("FRA", "RUS")},
    ),
    (
        "pronoun: a subject pronoun takes the previous sentence's subject",
        "Moscou a livré deux hélicoptères au Mali. Elle a aussi livré des drones au Burkina Faso.",
        {("MLI", "RUS"), ("BFA", "RUS")},
        {("BFA", "MLI")},
    ),
    (
        "pronoun: a clause opening on a pronoun has the sentence's subject",
        "Moscou a livré des hélicoptères au Mali ; elle a aussi livré des drones au Burkina Faso.",
        {("MLI", "RUS"), ("BFA", "RUS")},
        {("BFA", "MLI")},
    ),
    (
        "pronoun: a clause pronoun of the other gender stands for nobody named",
        "La Russie a livré des hélicoptères au Mali, et il a aussi livré des drones au Niger.",
        {("MLI", "RUS")},
        {("MLI", "NER"), ("NER", "RUS")},
    ),
    (
        "structure: a state in a comma-enclosed aside is no subject of what follows",
        "Il y a la Russie, avec l'aide de la Turquie, qui cherche à obtenir l'aide du Mali.",
        {("MLI", "RUS"), ("RUS", "TUR")},
        {("MLI", "TUR")},
    ),
    (
        "pronoun: 'le pays' without a leading state is the previous sentence's subject",
        "Le Mali a reçu des drones de la Turquie. Le pays a aussi signé un accord avec la Russie.",
        {("MLI", "TUR"), ("MLI", "RUS")},
        {("RUS", "TUR")},
    ),
    (
        "pronoun: an impersonal 'il y a' stands for no state",
        "La Russie a livré des armes au Mali. Il y a aussi un accord avec le Niger.",
        {("MLI", "RUS")},
        {("NER", "RUS"), ("MLI", "NER")},
    ),
    (
        "pronoun: 'Il' does not take a feminine antecedent",
        "La Russie a livré des armes au Mali. Il a aussi reçu des drones de la Turquie.",
        {("MLI", "RUS")},
        {("RUS", "TUR")},
    ),
    (
        "opposition: a cooperation noun governed by a tension noun",
        "Le Niger subit le blocus russe des exportations de l'Ukraine.",
        set(),
        {("RUS", "UKR")},
    ),
    (
        "opposition: the accuser is no subject of the cooperation noun it reports",
        "Lavrov accuse les pays de l'alliance atlantique de livrer des armes en Ukraine.",
        set(),
        {("RUS", "UKR")},
    ),
    (
        "non-state: refugees are no state",
        "Des réfugiés maliens ont été accueillis au Niger après les combats.",
        set(),
        {("MLI", "NER")},
    ),
    (
        "non-predicate: an interview given to a medium is no agreement",
        "Dans un entretien accordé à la télévision russe, le ministre malien a salué le Niger.",
        set(),
        {("MLI", "RUS"), ("NER", "RUS")},
    ),
    (
        "non-predicate: 'à l'aide de' is an instrument, not aid",
        "Le Niger a repris la ville à l'aide de blindés de fabrication russe.",
        set(),
        {("NER", "RUS")},
    ),
    (
        "non-predicate: 'en signe de' is no signature",
        "En signe de protestation, le Mali a rappelé son ambassadeur en Algérie.",
        set(),
        {("DZA", "MLI")},
    ),
    (
        "non-state: a company is no state",
        "La centrale sera construite en partenariat avec le groupe français Total au Niger.",
        set(),
        {("FRA", "NER")},
    ),
    (
        "non-state: an NGO is no state",
        "L'ONG américaine a apporté son aide aux déplacés du Burkina Faso.",
        set(),
        {("BFA", "USA")},
    ),
    (
        "non-state: a national team is no state",
        "L'équipe nationale du Mali a reçu la sélection du Niger à Bamako.",
        set(),
        {("MLI", "NER")},
    ),
    (
        "sport: a match pairs nobody",
        "Le Niger s'est rendu à Bamako avec une avance d'un but, mais le Mali a gagné à domicile.",
        set(),
        {("MLI", "NER")},
    ),
    (
        "opposition: 'face à' reaches the states listed after a non-state body",
        "Moscou, principal soutien de Bamako face à l'ONU et à la France, a livré des drones.",
        {("MLI", "RUS")},
        {("FRA", "MLI"), ("FRA", "RUS")},
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "not_cooperation"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_cooperation_pairs_by_error_kind(text, expected, not_cooperation):
    found = pairs(rows(text))
    assert expected <= found
    assert not (found & not_cooperation)


def test_tension_is_kept_apart_not_lost():
    dyads = rows("Le Mali accuse la France de soutenir les jihadistes.")
    assert pairs(dyads, "tension") == {("FRA", "MLI")}
    assert set(dyads.predicate) == {"accuse"}


@pytest.mark.parametrize(
    "text",
    [
        "La France suspend sa coopération militaire avec le Mali.",
        "Le Niger met fin à l'accord de défense avec la France.",
        "Le Mali a dénoncé les accords de défense qui le liaient à la France.",
    ],
)
def test_an_ended_cooperation_was_a_cooperation(text):
    dyads = rows(text)
    pair = {tuple(sorted(p)) for p in pairs(dyads, "tension")}
    assert len(pair) == 1
    assert pairs(dyads) == pair  # a tension row and a cooperation row for the same pair


def test_blocking_gives_tension_rows_for_the_blocked_party():
    dyads = rows("La Russie et la Turquie ont bloqué au Conseil un texte de la France.")
    assert pairs(dyads, "tension") == {("FRA", "RUS"), ("FRA", "TUR")}


def test_source_column_names_the_attributing_state():
    dyads = rows("La Turquie fournit des drones au Niger, selon la France.")
    row = dyads.iloc[0]
    assert (row.actor_a, row.actor_b, row.source, row.predicate) == ("NER", "TUR", "FRA", "fournit")


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("La Russie entend livrer des drones au Mali.", "planned"),
        ("La Turquie pourrait signer un accord avec le Niger.", "planned"),
        ("Le Mali envisage un partenariat avec la Turquie.", "planned"),
        ("Bamako dément avoir signé un accord avec la Turquie.", "denied"),
        ("Le Niger n'a pas signé d'accord avec la France.", "denied"),
        ("Aucun accord n'a été signé entre le Mali et la Turquie.", "denied"),
        ("La Turquie a livré des drones au Niger.", "reported"),
    ],
)
def test_modality(text, modality):
    dyads = rows(text)
    assert set(dyads.modality) == {modality}
    assert set(dyads.relation) == {"cooperation"}


def test_denied_cooperation_is_not_a_partner_pair():
    assert not pairs(rows("Le Niger n'a pas signé d'accord avec la France."))


def test_domain_comes_from_the_cue_of_the_relation():
    text = (
        "La Turquie a livré des drones au Niger, pendant que le Mali organisait "
        "une campagne de vaccination."
    )
    dyads = rows(text, {"drones": "arms_equipment", "vaccination": "health"})
    assert set(dyads.domain) == {"arms_equipment"}


def test_domain_tie_does_not_default_to_one_domain():
    text = "La Russie a signé avec le Mali des accords sur l'énergie et la santé."
    dyads = rows(text, {"énergie": "energy", "santé": "health"})
    assert set(dyads.domain) == {"energy", "health"}


def test_date_comes_from_the_sentence_not_from_a_neighbour():
    text = (
        "Fin 2023, les troupes du Tchad ont quitté le pays. La Turquie a livré des drones au Niger."
    )
    dyads = rows(text, timex={"Fin 2023": "2023"})
    assert pairs(dyads) == {("NER", "TUR")}
    assert dyads.date.isna().all()


def test_date_of_the_sentence_is_kept():
    text = "En mars 2024, la Turquie a livré des drones au Niger."
    dyads = rows(text, timex={"En mars 2024": "2024-03"})
    assert set(dyads.date) == {"2024-03"}


def test_historical_state_is_a_party_only_in_its_time():
    later = "En 2025, le Mali a signé avec l'URSS un accord."
    assert not pairs(rows(later, timex={"En 2025": "2025"}))
    earlier = "En 1961, le Mali a signé avec l'URSS un accord."
    assert pairs(rows(earlier, timex={"En 1961": "1961"})) == {("MLI", "RUS")}


def test_a_bloc_stands_for_its_members_only_from_its_founding_year():
    text = "{}, le Mali, le Burkina Faso et le Niger ont signé un accord de coopération."
    before = rows(text.format("En 2022"), timex={"En 2022": "2022"})
    assert pairs(before) == {("BFA", "MLI"), ("BFA", "NER"), ("MLI", "NER")}
    after = rows(text.format("En 2024"), timex={"En 2024": "2024"})
    assert not pairs(after)  # one side, the AES: no pair within it


def test_context_domains_need_a_cooperation_predicate():
    text = (
        "La Turquie a livré des drones au Niger. L'insécurité alimentaire frappe durement le Niger."
    )
    dyads = rows(text, {"drones": "arms_equipment", "insécurité alimentaire": "agriculture"})
    assert pairs(dyads) == {("NER", "TUR")}
    assert set(dyads.domain) == {"arms_equipment"}


def test_domain_is_not_taken_from_a_tension_clause():
    text = "La France a signé un accord avec le Mali, qui accuse l'Algérie de livrer des armes."
    dyads = rows(text, {"armes": "arms_equipment"})
    cooperation = dyads[dyads.relation == "cooperation"]
    assert pairs(dyads) == {("FRA", "MLI")}
    assert cooperation.domain.isna().all()


def test_a_sentence_opening_on_le_regime_names_the_article_state():
    text = (
        "Le Mali traverse une crise. Au Mali, les élections sont reportées. "
        "Le régime a maintenu sa collaboration avec la Russie."
    )
    assert pairs(rows(text)) == {("MLI", "RUS")}


def test_mention_roles():
    text = "La Turquie fournit des drones au Niger, selon la France."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Turquie", "Niger", "France")]
    assert mention_roles(text, spans) == [None, None, "source"]


def test_analysis_shows_cooperation_by_default_and_tension_on_request():
    from sahel_utils.analysis import network

    text = (
        "Le Mali accuse la France de soutenir les jihadistes.\n"
        "La Turquie a livré des drones au Niger."
    )
    dyads = rows(text)
    cooperation = network.filter_dyads(dyads)
    assert set(zip(cooperation.actor_a, cooperation.actor_b, strict=True)) == {("NER", "TUR")}
    tension = network.filter_dyads(dyads, relation="tension")
    assert set(zip(tension.actor_a, tension.actor_b, strict=True)) == {("FRA", "MLI")}


def test_a_tension_sentence_takes_no_cooperation_from_its_context():
    text = (
        "La Russie a signé un accord de défense avec l'Ukraine. "
        "Moscou accuse les pays membres de l'alliance atlantique de vouloir envoyer sans délai "
        "des drones en Ukraine."
    )
    dyads = rows(text, {"drones": "arms_equipment", "défense": "defence"})
    second = dyads[dyads.start > 0]
    assert set(second.relation) == {"tension"}
    assert pairs(dyads[dyads.start == 0]) == {("RUS", "UKR")}


@pytest.mark.parametrize(
    "text",
    [
        "La junte au pouvoir à Bamako a ordonné le départ des soldats de la France.",
        "Le Mali s'est éloigné de la France, en obtenant le retrait des troupes de la France.",
    ],
)
def test_an_ended_troop_presence_was_a_cooperation(text):
    dyads = rows(text)
    assert pairs(dyads, "tension") == {("FRA", "MLI")}
    assert pairs(dyads) == {("FRA", "MLI")}  # the troops that left were there as partners


def test_an_ended_presence_without_tension_pair_adds_nothing():
    dyads = rows("Le départ des soldats de la France a été salué à Bamako.")
    assert pairs(dyads) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Le Mali et ses alliés du Niger et du Burkina Faso ont rappelé leurs ambassadeurs "
        "en Algérie.",
        "Le Mali et ses alliés du Niger et du Burkina Faso ont rappelé leurs ambassadeurs "
        "en Algérie, qu'ils accusent d'avoir abattu un drone.",
    ],
)
def test_allies_named_apart_are_partners_in_a_tension_sentence(text):
    # members of one bloc named apart ("X et ses alliés de Y et de Z") are three states,
    # partners of each other where the predicate says so, not of the adversary
    dyads = rows(text)
    found = pairs(dyads)
    assert {("BFA", "MLI"), ("MLI", "NER")} <= found
    assert not {p for p in found if "DZA" in p}
    assert ("BFA", "NER") not in found  # the possessor's allies, not each other's


def test_bloc_members_named_in_one_list_stay_the_bloc():
    dyads = rows("Le Mali, le Niger et le Burkina Faso ont rappelé leurs ambassadeurs en Algérie.")
    assert pairs(dyads) == set()  # no cooperation among the members of one list
    assert ("AES", "DZA") in pairs(dyads, "tension")


def test_endowing_is_a_directional_cooperation():
    dyads = rows("La Turquie vient de doter le Niger d'un centre de formation.")
    assert pairs(dyads) == {("NER", "TUR")}
    assert set(dyads.predicate) == {"doter"}


def test_an_agentless_passive_tension_predicate_pairs_nobody():
    # who criticises is not said: the alliance it is about is a cooperation
    dyads = rows("Le Mali est critiqué pour son alliance avec la Russie.")
    assert pairs(dyads) == {("MLI", "RUS")}
    assert pairs(dyads, "tension") == set()


def test_a_passive_tension_predicate_with_its_agent_is_tension():
    dyads = rows("Le Mali est critiqué par la France pour son alliance avec la Russie.")
    assert ("FRA", "MLI") in pairs(dyads, "tension")
    assert ("FRA", "MLI") not in pairs(dyads)


@pytest.mark.parametrize(
    "text",
    [
        "Des jihadistes opèrent à la frontière entre le Mali et le Niger.",
        "La Turquie a envoyé des migrants en Europe via la Libye.",  # (no Europe-Libya pair)
    ],
)
def test_a_border_or_a_route_is_no_party(text):
    assert pairs(rows(text)) == set()


def test_a_route_keeps_the_pair_it_is_the_route_of():
    assert pairs(rows("La Turquie a envoyé des drones au Niger via la Libye.")) == {("NER", "TUR")}


# Third real-press set (made-up sentences in the shapes of its errors).
@pytest.mark.parametrize(
    ("text", "expected", "not_cooperation"),
    [
        # a country adjective right after a predicate noun is its agent, not its object
        (
            "Le ministre malien a évoqué le soutien russe aux rebelles.",
            set(),
            {("MLI", "RUS")},
        ),
        ("Le Mali a salué l'aide russe.", {("MLI", "RUS")}, set()),
        # a quotation and its reporting verb before the predicate are someone's words
        (
            "« J'ai vu mon collègue de la France », a indiqué le ministre russe à la "
            "conférence conjointe avec le Mali.",
            set(),
            {("FRA", "MLI")},
        ),
        # a fronted subordinate clause names no subject of the main predicate
        (
            "Alors que les dirigeants de la France et du Mali se disputent, une livraison "
            "d'armes de Moscou a eu lieu.",
            set(),
            {("FRA", "RUS")},
        ),
        # a crisis or a tension with a state is no cooperation
        (
            "La Russie livre des drones au Mali, en pleine crise relationnelle avec la France.",
            {("MLI", "RUS")},
            {("FRA", "MLI")},
        ),
        (
            "Une livraison qui intervient au moment où la tension est vive entre la France "
            "et le Mali.",
            set(),
            {("FRA", "MLI")},
        ),
        # ordering from a state
        ("Le Niger a commandé six avions à la Turquie.", {("NER", "TUR")}, set()),
        # a title holding a predicate stem is no predicate
        (
            "Le directeur des relations extérieures du Niger et le diplomate du Tchad "
            "étaient présents.",
            set(),
            {("NER", "TCD")},
        ),
    ],
)
def test_press_error_shapes(text, expected, not_cooperation):
    found = pairs(rows(text))
    assert expected <= found
    assert not (found & not_cooperation)


def test_a_withdrawal_ends_a_presence_in_each_state_left():
    dyads = rows("La France, forcée à se retirer du Mali, du Niger et du Tchad, a protesté.")
    expected = {("FRA", "MLI"), ("FRA", "NER"), ("FRA", "TCD")}
    assert pairs(dyads, "tension") == expected
    assert pairs(dyads) == expected  # troops that left were there as partners
    assert set(dyads.domain) == {"defence"}


def test_a_withdrawal_from_an_event_leaves_its_organiser_out():
    dyads = rows("L'Espagne s'est retirée des manœuvres dirigées par le Maroc.")
    assert pairs(dyads) == set()
    assert pairs(dyads, "tension") == set()


def test_the_source_of_a_sentence_gets_no_pair_from_context():
    text = (
        "La Turquie a livré des drones au Niger. "
        "La Turquie affirme que le Niger est responsable, en raison de son soutien à la milice."
    )
    dyads = rows(text, {"drones": "arms_equipment", "milice": "counterterrorism"})
    second = dyads[dyads.start > 0]
    assert second.empty


def test_a_plural_pronoun_refers_back_to_the_main_pair():
    text = (
        "Le Mali a reçu une délégation de la Russie. "
        "Ils ont également évoqué la coopération dans le domaine de la santé."
    )
    dyads = rows(text, {"santé": "health"})
    second = dyads[dyads.start > 0]
    assert set(zip(second.actor_a, second.actor_b, second.domain, strict=True)) == {
        ("MLI", "RUS", "health")
    }


def test_mais_aussi_keeps_the_relation_clause_open():
    text = (
        "Le Mali et la Russie ont évoqué la coopération militaire, mais aussi la "
        "coopération dans le domaine de la santé."
    )
    dyads = rows(text, {"coopération militaire": "defence", "santé": "health"})
    assert set(dyads.domain) == {"defence", "health"}


def test_talks_with_a_military_company_pair_its_state():
    dyads = rows("Les autorités du Mali ont engagé des pourparlers avec Wagner.")
    assert pairs(dyads, modality="planned") == {("MLI", "RUS")}


def test_a_tour_pairs_its_owner_with_each_state_visited():
    text = (
        "Le ministre du Mali a rencontré le président de la Russie. "
        "Sa tournée l'a conduit en Algérie et au Niger."
    )
    dyads = rows(text)
    second = dyads[dyads.start > 0]
    assert set(zip(second.actor_a, second.actor_b, strict=True)) == {
        ("DZA", "MLI"),
        ("MLI", "NER"),
    }
