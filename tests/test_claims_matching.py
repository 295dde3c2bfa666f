# ruff: noqa: E501 - the table holds whole made-up sentences
"""Cross-outlet matching shapes, on made-up article pairs (issue 9).

Each case is two short articles that tell one thing in other words; the table says
which kind of cluster they must form and with which verdict and field.
"""

from __future__ import annotations

import math
import random

import pandas as pd
import pytest

from sahel_utils.relations.claims import extract_claims
from sahel_utils.relations.claims.cluster import candidate_pairs
from sahel_utils.relations.claims.extract import Claim, bounded, number_value
from sahel_utils.relations.claims.vocab import fold_same_length, load_vocab
from tests.test_claims import _clusters, _tables

CASES = [
    pytest.param(
        # reworded event: another verb, another word order, the same day
        {
            "a#1": "La junte malienne a annoncé l'expulsion de l'ambassadeur de France le 31 janvier 2022.",
            "b#1": "Le 31 janvier 2022, Bamako a expulsé le représentant de la France, sommé de partir.",
        },
        [
            ("a#1", "malienne", "country", "MLI", "MLI"),
            ("a#1", "France", "country", "FRA", "FRA"),
            ("b#1", "France", "country", "FRA", "FRA"),
        ],
        [("a#1", "le 31 janvier 2022", "2022-01-31"), ("b#1", "Le 31 janvier 2022", "2022-01-31")],
        [],
        "event",
        "corroborated",
        None,
        id="reworded-event",
    ),
    pytest.param(
        # metonym actors: "Moscou" and "le Kremlin" both stand for Russia
        {
            "a#1": "Moscou a livré des hélicoptères de combat au Mali en mars 2022.",
            "b#1": "Le Kremlin a livré au Mali des hélicoptères de combat en mars 2022.",
        },
        [("a#1", "Mali", "country", "MLI", "MLI"), ("b#1", "Mali", "country", "MLI", "MLI")],
        [("a#1", "en mars 2022", "2022-03"), ("b#1", "en mars 2022", "2022-03")],
        [],
        "event",
        "corroborated",
        None,
        id="metonym-actors",
    ),
    pytest.param(
        # a vaguer date (January) holds a precise one (24 January)
        {
            "a#1": "Au Burkina Faso, un coup d'État militaire a renversé le président Kaboré en janvier 2022.",
            "b#1": "Le président Kaboré a été renversé par un coup d'État militaire au Burkina Faso le 24 janvier 2022.",
        },
        [
            ("a#1", "Burkina Faso", "country", "BFA", "BFA"),
            ("b#1", "Burkina Faso", "country", "BFA", "BFA"),
            ("a#1", "Kaboré", "person", "Roch Kaboré", "BFA"),
            ("b#1", "Kaboré", "person", "Roch Kaboré", "BFA"),
        ],
        [("a#1", "en janvier 2022", "2022-01"), ("b#1", "le 24 janvier 2022", "2022-01-24")],
        [],
        "event",
        "corroborated",
        None,
        id="vaguer-date",
    ),
    pytest.param(
        # number ranges that overlap agree: "plus de 30" holds 34
        {
            "a#1": "Plus de 30 soldats ont été tués dans l'attaque du camp militaire de Boulkessi au Burkina Faso.",
            "b#1": "L'attaque du camp militaire de Boulkessi au Burkina Faso a fait 34 morts parmi les soldats.",
        },
        [
            ("a#1", "Burkina Faso", "country", "BFA", "BFA"),
            ("b#1", "Burkina Faso", "country", "BFA", "BFA"),
            ("a#1", "Boulkessi", "place", "Boulkessi", "BFA"),
            ("b#1", "Boulkessi", "place", "Boulkessi", "BFA"),
        ],
        [],
        [],
        "number",
        "corroborated",
        None,
        id="number-ranges-agree",
    ),
    pytest.param(
        # disjoint ranges of the same count conflict: about 15 against more than 30
        {
            "a#1": "Une quinzaine de soldats ont été tués dans l'attaque du camp militaire de Boulkessi au Burkina Faso.",
            "b#1": "Plus de 30 soldats ont été tués dans l'attaque du camp militaire de Boulkessi au Burkina Faso.",
        },
        [
            ("a#1", "Burkina Faso", "country", "BFA", "BFA"),
            ("b#1", "Burkina Faso", "country", "BFA", "BFA"),
            ("a#1", "Boulkessi", "place", "Boulkessi", "BFA"),
            ("b#1", "Boulkessi", "place", "Boulkessi", "BFA"),
        ],
        [],
        [],
        "number",
        "conflicting",
        "value",
        id="number-ranges-conflict",
    ),
    pytest.param(
        # durations: "72 heures" is "trois jours"
        {
            "a#1": "La Cédéao a donné un ultimatum de 72 heures à la junte du Niger pour rétablir le président.",
            "b#1": "La Cédéao a donné un ultimatum de trois jours à la junte du Niger pour rétablir le président.",
        },
        [
            ("a#1", "Cédéao", "bloc", "ECOWAS", None),
            ("b#1", "Cédéao", "bloc", "ECOWAS", None),
            ("a#1", "Niger", "country", "NER", "NER"),
            ("b#1", "Niger", "country", "NER", "NER"),
        ],
        [],
        [],
        "number",
        "corroborated",
        None,
        id="durations-agree",
    ),
    pytest.param(
        # durations: ten days against 72 hours conflict on the value
        {
            "a#1": "La Cédéao a donné un ultimatum de dix jours à la junte du Niger pour rétablir le président.",
            "b#1": "La Cédéao a donné un ultimatum de 72 heures à la junte du Niger pour rétablir le président.",
        },
        [
            ("a#1", "Cédéao", "bloc", "ECOWAS", None),
            ("b#1", "Cédéao", "bloc", "ECOWAS", None),
            ("a#1", "Niger", "country", "NER", "NER"),
            ("b#1", "Niger", "country", "NER", "NER"),
        ],
        [],
        [],
        "number",
        "conflicting",
        "value",
        id="durations-conflict",
    ),
    pytest.param(
        # a quote cut differently by two outlets is one claim
        {
            "a#1": "« Nous ne quitterons pas le Sahel, nous restons engagés contre le terrorisme », a déclaré Emmanuel Macron.",
            "b#1": "Emmanuel Macron a assuré : « nous restons engagés contre le terrorisme ».",
        },
        [
            ("a#1", "Emmanuel Macron", "person", "Emmanuel Macron", "FRA"),
            ("b#1", "Emmanuel Macron", "person", "Emmanuel Macron", "FRA"),
        ],
        [],
        [
            (
                "a#1",
                "Nous ne quitterons pas le Sahel, nous restons engagés contre le terrorisme",
                "Emmanuel Macron",
            ),
            ("b#1", "nous restons engagés contre le terrorisme", "Emmanuel Macron"),
        ],
        "quote",
        "corroborated",
        None,
        id="quote-cut-differently",
    ),
    pytest.param(
        # one stated figure, hedged by one outlet ("environ 5 100") and not by the other:
        # the same count, even with little wording in common
        {
            "a#1": "Le président Emmanuel Macron a menacé de retirer les 5 100 soldats français présents sur place.",
            "b#1": "Depuis 2013, Paris a déployé environ 5 100 soldats dans la région du Sahel.",
        },
        [
            ("a#1", "Emmanuel Macron", "person", "Emmanuel Macron", "FRA"),
            ("a#1", "français", "country", "FRA", "FRA"),
            ("b#1", "Paris", "country", "FRA", "FRA"),
        ],
        [],
        [],
        "number",
        "corroborated",
        None,
        id="same-figure-hedged",
    ),
]


@pytest.mark.parametrize(
    ("texts", "mentions", "timex", "quotes", "kind", "verdict", "field"), CASES
)
def test_matching_shape(texts, mentions, timex, quotes, kind, verdict, field) -> None:
    claims = extract_claims(_tables(texts, mentions=mentions, timex=timex, quotes=quotes))
    clusters = _clusters(claims, kind)
    assert (frozenset(texts), verdict, field) in clusters, claims[
        ["cluster_id", "article_id", "kind", "subtype", "value", "actors", "date"]
    ].to_dict("records")


def test_quote_given_to_another_speaker_conflicts_on_speaker() -> None:
    texts = {
        "a#1": "« Nous restons engagés contre le terrorisme au Sahel », a déclaré Emmanuel Macron.",
        "b#1": "« Nous restons engagés contre le terrorisme au Sahel », a déclaré Assimi Goïta.",
    }
    quotes = [
        ("a#1", "Nous restons engagés contre le terrorisme au Sahel", "Emmanuel Macron"),
        ("b#1", "Nous restons engagés contre le terrorisme au Sahel", "Assimi Goïta"),
    ]
    claims = extract_claims(_tables(texts, quotes=quotes))
    assert (frozenset(texts), "conflicting", "speaker") in _clusters(claims, "quote")


@pytest.mark.parametrize(
    ("before", "low", "high", "expected"),
    [
        ("plus de ", 30, 30, (31, math.inf)),
        ("au moins ", 30, 30, (30, math.inf)),
        ("pres de ", 500, 500, (450, 500)),
        ("environ ", 100, 100, (85, 115)),
        ("moins de ", 2, 2, (0, 2)),
        ("", 12, 18, (12, 18)),
    ],
)
def test_bounds_and_approximations_are_ranges(before, low, high, expected) -> None:
    assert bounded(before, float(low), float(high), load_vocab()) == expected


def test_vague_quantity_and_duration_values() -> None:
    vague = {phrase: bounds for _, bounds, phrase in load_vocab().vague}
    assert vague["une quinzaine"] == (12, 18)
    assert number_value("duration", 3.0, 3.0) == "P3D"
    assert number_value("casualties", 31.0, math.inf) == "31/.."
    assert fold_same_length("72 heures") == "72 heures"


def test_cluster_ids_come_from_content_not_order() -> None:
    texts = {
        "a#1": "Moscou a livré des hélicoptères de combat au Mali en mars 2022.",
        "b#1": "Le Kremlin a livré au Mali des hélicoptères de combat en mars 2022.",
    }
    mentions = [("a#1", "Mali", "country", "MLI", "MLI"), ("b#1", "Mali", "country", "MLI", "MLI")]
    timex = [("a#1", "en mars 2022", "2022-03"), ("b#1", "en mars 2022", "2022-03")]
    forward = extract_claims(_tables(texts, mentions=mentions, timex=timex))
    tables = _tables(dict(reversed(texts.items())), mentions=mentions, timex=timex)
    backward = extract_claims(tables)
    key = ["cluster_id", "article_id"]
    assert sorted(map(tuple, forward[key].values)) == sorted(map(tuple, backward[key].values))
    assert not forward["cluster_id"].str.fullmatch(r"\w+-\d{4}").any()


def _synthetic_claims(n_articles: int, seed: int = 0) -> list[Claim]:
    """Event claims of made-up articles over many actors, types and months."""
    rng = random.Random(seed)
    countries = [f"C{i:03d}" for i in range(max(20, n_articles // 10))]
    types = ["meeting", "agreement", "withdraw", "coup", "attack", "sanction"]
    claims = []
    for a in range(n_articles):
        for k in range(3):
            month = rng.randrange(1, 13)
            span = (pd.Timestamp(2022, month, 1).date(), pd.Timestamp(2022, month, 28).date())
            claims.append(
                Claim(
                    article_id=f"s#{a}",
                    kind="event",
                    subtype=rng.choice(types),
                    start=k * 100,
                    end=k * 100 + 90,
                    evidence=f"phrase {a} {k}",
                    actors=frozenset(rng.sample(countries, 2)),
                    span=span if rng.random() < 0.7 else None,
                )
            )
    return claims


def test_candidate_pairs_grow_about_linearly() -> None:
    small = len(candidate_pairs(_synthetic_claims(1000)))
    large = len(candidate_pairs(_synthetic_claims(4000)))
    assert small > 0
    # four times the articles: about four times the pairs, far from sixteen
    assert large / small < 6, (small, large)


BACKGROUND = (
    "Le Mali est dirigé depuis août 2020 par une junte militaire arrivée au pouvoir par un coup d'État. "
    "Les autorités de transition se sont détournées de la France et de ses partenaires européens. "
    "Elles se sont rapprochées de la Russie, dont les instructeurs sont présents dans le pays depuis décembre. "
)
STORY_A = (
    "La Cédéao a tenu samedi à Accra un sommet extraordinaire consacré à la situation régionale. "
    "Les chefs d'État ont longuement débattu du calendrier électoral proposé par Bamako. "
    "Le président ghanéen a plaidé pour un compromis rapide avec les dirigeants maliens. "
    "Plusieurs délégations ont demandé des garanties sur la tenue du scrutin présidentiel. "
    "Les discussions se sont prolongées tard dans la nuit sans accord définitif. "
    "Une nouvelle réunion est prévue le mois prochain dans la capitale ghanéenne. "
    "Le médiateur nigérian doit se rendre à Bamako avant cette échéance. "
    "Les ministres des Finances examineront l'impact des mesures sur les échanges. "
    "Les ports de Dakar et d'Abidjan suivent de près l'évolution du dossier. "
    "Des diplomates évoquent un assouplissement progressif des restrictions. "
    "La société civile malienne réclame la levée immédiate du blocus. "
) + BACKGROUND
STORY_B = (
    "Des pluies diluviennes ont provoqué des inondations meurtrières dans le centre du pays. "
    "Les routes reliant Mopti à Ségou ont été coupées pendant plusieurs jours consécutifs. "
    "Les agriculteurs de la région redoutent de lourdes pertes sur les récoltes de riz. "
    "Des organisations humanitaires ont distribué des vivres aux familles sinistrées. "
    "Le gouvernement a promis une aide d'urgence aux communes les plus touchées. "
    "Les services météorologiques annoncent encore des orages pour la semaine prochaine. "
    "Plusieurs écoles servent d'abri provisoire aux habitants déplacés. "
    "Le fleuve Niger a atteint un niveau inédit depuis une décennie. "
    "Les autorités sanitaires craignent une flambée de choléra dans les camps. "
    "Des volontaires nettoient les quartiers envahis par la boue. "
    "La Croix-Rouge appelle à des dons pour reconstruire les habitations détruites. "
) + BACKGROUND


def test_shared_background_paragraph_is_not_a_rewrite(monkeypatch) -> None:
    from sahel_utils.relations import reuse

    articles = pd.DataFrame({"article_id": ["a#1", "b#1"], "text": [STORY_A, STORY_B]})
    # not a rewrite; the shared paragraph stays in the table as a shared passage (issue 9)
    assert list(reuse.find_reuse(articles)["relation"]) == ["shared_passage"]
    # the same pair with the story rules (coverage, lead) off would be taken for a rewrite
    monkeypatch.setattr(reuse, "REWRITE_MIN_COVERAGE", 0.0)
    monkeypatch.setattr(reuse, "LEAD_FREE_COVERAGE", 0.0)
    found = reuse.find_reuse(articles)
    assert list(found["relation"]) == ["rewrite"], "the made-up pair must reach the coverage rule"


def test_different_figures_with_little_context_stay_apart() -> None:
    """Two counts of soldiers of one state, different figures, few shared words: two claims."""
    texts = {
        "a#1": "Le président Emmanuel Macron a menacé de retirer les 5 100 soldats français présents sur place.",
        "b#1": "Depuis 2013, Paris a déployé environ 4 000 soldats dans la région du Sahel.",
    }
    mentions = [
        ("a#1", "Emmanuel Macron", "person", "Emmanuel Macron", "FRA"),
        ("a#1", "français", "country", "FRA", "FRA"),
        ("b#1", "Paris", "country", "FRA", "FRA"),
    ]
    claims = extract_claims(_tables(texts, mentions=mentions))
    assert frozenset(texts) not in {c[0] for c in _clusters(claims, "number")}


def test_withdrawals_by_two_doers_are_two_events() -> None:
    """Mali leaving the G5 Sahel and France withdrawing from Mali, same month: two events."""
    texts = {
        "a#1": "En mai 2022, le Mali a annoncé qu'il quittait le G5 Sahel, au côté de la force française au Mali.",
        "b#1": "En mai 2022, le retrait de la force française du Mali a été annoncé, au côté du G5 Sahel.",
        "c#1": "En mai 2022, Bamako a annoncé se retirer du G5 Sahel et de tous ses organes.",
    }
    mentions = [
        ("a#1", "Mali", "country", "MLI", "MLI"),
        ("a#1", "G5 Sahel", "bloc", "G5 Sahel", None),
        ("a#1", "française", "country", "FRA", "FRA"),
        ("b#1", "française", "country", "FRA", "FRA"),
        ("b#1", "Mali", "country", "MLI", "MLI"),
        ("b#1", "G5 Sahel", "bloc", "G5 Sahel", None),
        ("c#1", "Bamako", "place", "Bamako", "MLI"),
        ("c#1", "G5 Sahel", "bloc", "G5 Sahel", None),
    ]
    timex = [(a, "En mai 2022", "2022-05") for a in texts]
    claims = extract_claims(_tables(texts, mentions=mentions, timex=timex))
    events = claims[claims["kind"] == "event"]
    cluster_of = events.groupby("article_id")["cluster_id"].agg(set)
    assert cluster_of["a#1"] & cluster_of["c#1"], events.to_dict("records")
    assert not cluster_of["a#1"] & cluster_of["b#1"], events.to_dict("records")


def test_short_quote_of_a_state_and_its_president_is_one_claim() -> None:
    """« prédation » said by Paris and by Macron: one claim; by another state's leader: not."""
    texts = {
        "a#1": "Paris accuse la milice russe de « prédation » des ressources.",
        "b#1": "Emmanuel Macron dénonce le « projet de prédation » russe en Afrique.",
        "c#1": "Assimi Goïta dénonce le « projet de prédation » en Afrique.",
    }
    mentions = [
        ("a#1", "Paris", "country", "FRA", "FRA"),
        ("b#1", "Emmanuel Macron", "person", "Emmanuel Macron", "FRA"),
        ("c#1", "Assimi Goïta", "person", "Assimi Goïta", "MLI"),
    ]
    quotes = [
        ("a#1", "prédation", "Paris"),
        ("b#1", "projet de prédation", "Emmanuel Macron"),
        ("c#1", "projet de prédation", "Assimi Goïta"),
    ]
    claims = extract_claims(_tables(texts, mentions=mentions, quotes=quotes))
    clusters = {c[0] for c in _clusters(claims, "quote")}
    assert frozenset({"a#1", "b#1"}) in clusters, claims.to_dict("records")
    assert not any("c#1" in c for c in clusters), claims.to_dict("records")


def test_demand_to_free_soldiers_tells_of_their_detention() -> None:
    """« libérer sans délai ses 49 soldats »: a claim about the detention, not a new event."""
    texts = {
        "a#1": "Le Mali a arrêté des soldats ivoiriens à l'aéroport de Bamako le 10 juillet.",
        "b#1": "La Côte d'Ivoire demande au Mali de libérer « sans délai » ses 49 soldats.",
    }
    mentions = [
        ("a#1", "Mali", "country", "MLI", "MLI"),
        ("a#1", "ivoiriens", "country", "CIV", "CIV"),
        ("b#1", "Côte d'Ivoire", "country", "CIV", "CIV"),
        ("b#1", "Mali", "country", "MLI", "MLI"),
    ]
    timex = [("a#1", "le 10 juillet", "2022-07-10")]
    claims = extract_claims(_tables(texts, mentions=mentions, timex=timex))
    arrests = claims[(claims["kind"] == "event") & (claims["subtype"] == "arrest")]
    assert set(arrests["article_id"]) == set(texts), claims.to_dict("records")
    assert arrests["cluster_id"].nunique() == 1, arrests.to_dict("records")


def test_distinctive_figure_stated_alike_in_two_stories_of_one_country() -> None:
    """« au moins 38 morts » in two stories about Burkina Faso, one naming only a Canadian
    company: one count; the same figure in a story about another country: not linked.
    """
    texts = {
        "a#1": "Burkina Faso : les autorités affirment qu'au moins 38 personnes ont été tuées dans cet attentat.",
        "b#1": "Burkina Faso : l'armée annonce une riposte. L'attaque du convoi de la société minière canadienne a fait au moins 38 morts.",
        "c#1": "Niger : une embuscade contre une patrouille a fait au moins 38 morts.",
    }
    mentions = [
        ("a#1", "Burkina Faso", "country", "BFA", "BFA"),
        ("b#1", "Burkina Faso", "country", "BFA", "BFA"),
        ("b#1", "canadienne", "country", "CAN", "CAN"),
        ("c#1", "Niger", "country", "NER", "NER"),
    ]
    claims = extract_claims(_tables(texts, mentions=mentions))
    clusters = {c[0] for c in _clusters(claims, "number")}
    assert frozenset({"a#1", "b#1"}) in clusters, claims.to_dict("records")
    assert not any("c#1" in c for c in clusters), claims.to_dict("records")
