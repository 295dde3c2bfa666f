"""Domain and date bound to the relation (issue 8, part 3): made-up sentences per rule.

Each case gives a short article, the domain cue words and time expressions the tagging
stage would have found, and the domains or dates the cooperation rows must carry.
"""

from __future__ import annotations

import pandas as pd
import pytest

from sahel_utils.relations.dyads import load_dyad_cues
from sahel_utils.relations.dyads.rows import _prepare_sentences
from tests.test_dyads import LEXICON
from tests.test_dyads_relations import rows, tagged


def cooperation(dyads):
    return dyads[(dyads.relation == "cooperation") & (dyads.modality != "denied")]


# (rule, text, cues, pair, expected domains of the pair's cooperation rows)
DOMAIN_CASES = [
    (
        "the predicate's object carries the domain",
        "La Turquie a livré des drones au Niger, pendant que le Tchad accueillait un forum "
        "sur la santé.",
        {"drones": "arms_equipment", "santé": "health"},
        ("NER", "TUR"),
        {"arms_equipment"},
    ),
    (
        "a context sentence gives only what its cooperation predicate carries",
        "La Turquie a livré des drones au Niger. Cette coopération renforce la lutte contre "
        "le terrorisme au Niger, alors que la capitale accueille un forum sur la santé.",
        {
            "drones": "arms_equipment",
            "lutte contre le terrorisme": "counterterrorism",
            "santé": "health",
        },
        ("NER", "TUR"),
        {"arms_equipment", "counterterrorism"},
    ),
    (
        "a tie of weak cues keeps every tied domain, none defaults to the military one",
        "La Russie a signé avec le Mali des accords sur l'énergie, la santé et l'agriculture.",
        {"énergie": "energy", "santé": "health", "agriculture": "agriculture"},
        ("MLI", "RUS"),
        {"energy", "health", "agriculture"},
    ),
    (
        "a fronted phrase that reaches the pair is the relation's topic",
        "Dans le domaine de la sécurité et de la défense, les autorités de la Russie et du "
        "Mali sont convenues d'établir un partenariat stratégique.",
        {
            "domaine de la sécurité et de la défense": "defence",
            "partenariat stratégique": "diplomacy",
        },
        ("MLI", "RUS"),
        {"defence", "diplomacy"},
    ),
    (
        "a domain of a tension clause is not the cooperation's",
        "La France a signé un accord sur l'énergie avec le Mali, qui accuse l'Algérie de "
        "livrer des armes.",
        {"énergie": "energy", "armes": "arms_equipment"},
        ("FRA", "MLI"),
        {"energy"},
    ),
]


@pytest.mark.parametrize(
    ("rule", "text", "cues", "pair", "expected"), DOMAIN_CASES, ids=[c[0] for c in DOMAIN_CASES]
)
def test_domain_bound_to_the_relation(rule, text, cues, pair, expected):
    found = cooperation(rows(text, cues))
    selected = found[(found.actor_a == pair[0]) & (found.actor_b == pair[1])]
    assert set(selected.domain.dropna()) == expected, rule


# (rule, text, time expressions, {pair: expected date})
DATE_CASES = [
    (
        "the date of the predicate's clause",
        "La Turquie a livré des drones au Niger en mars 2024, alors que le Tchad s'était "
        "retiré fin 2023.",
        {"mars 2024": "2024-03", "fin 2023": "2023"},
        {("NER", "TUR"): "2024-03"},
    ),
    (
        "no date from a fronted subordinate clause",
        "Alors que le Tchad s'était retiré fin 2023, la Turquie a livré des drones au Niger "
        "en mars 2024.",
        {"fin 2023": "2023", "mars 2024": "2024-03"},
        {("NER", "TUR"): "2024-03"},
    ),
    (
        "no date from another clause of the sentence",
        "La Turquie a livré des drones au Niger, alors que le Tchad s'était retiré fin 2023.",
        {"fin 2023": "2023"},
        {("NER", "TUR"): None},
    ),
    (
        "commas do not end the predicate's clause",
        "La Turquie a livré des drones au Niger, pour la première fois depuis le début de la "
        "crise, le 25 avril.",
        {"le 25 avril": "2025-04-25"},
        {("NER", "TUR"): "2025-04-25"},
    ),
    (
        "two relations of one sentence keep their own dates",
        "La Turquie a livré des drones au Niger en 2023 ; la Russie a signé un accord avec "
        "le Mali en 2024.",
        {"en 2023": "2023", "en 2024": "2024"},
        {("NER", "TUR"): "2023", ("MLI", "RUS"): "2024"},
    ),
    (
        "no date in the sentence: none from a neighbouring one",
        "Fin 2023, le Tchad a quitté le pays. La Turquie a livré des drones au Niger.",
        {"Fin 2023": "2023"},
        {("NER", "TUR"): None},
    ),
]


@pytest.mark.parametrize(
    ("rule", "text", "timex", "expected"), DATE_CASES, ids=[c[0] for c in DATE_CASES]
)
def test_date_bound_to_the_relation(rule, text, timex, expected):
    found = cooperation(rows(text, timex=timex))
    dates = {
        (r.actor_a, r.actor_b): (r.date if isinstance(r.date, str) else None)
        for r in found.itertuples(index=False)
    }
    assert dates == expected, rule


@pytest.mark.parametrize(
    ("text", "timex", "pairs"),
    [
        # a historical state is a party of a sentence dated in its time, not of a later one
        ("En 1961, le Mali a signé avec l'URSS un accord.", {"En 1961": "1961"}, {("MLI", "RUS")}),
        ("En 2025, le Mali a signé avec l'URSS un accord.", {"En 2025": "2025"}, set()),
    ],
)
def test_historical_state_only_in_its_time(text, timex, pairs):
    found = cooperation(rows(text, timex=timex))
    assert set(zip(found.actor_a, found.actor_b, strict=True)) == pairs


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        # undated, in an article of 2025: a state named in passing by an adjective is of
        # the article's time, so no party; a state named as such may be the party of a
        # past event told without a date
        ("Le Mali a signé un accord de coopération avec les vétérans soviétiques.", set()),
        ("L'URSS a signé un accord de coopération avec le Mali.", {("MLI", "RUS")}),
    ],
)
def test_historical_state_named_in_passing_in_an_undated_sentence(monkeypatch, text, pairs):
    monkeypatch.setitem(LEXICON, "soviétiques", ("country", "SUN", "SUN"))
    found = cooperation(rows(text))
    assert set(zip(found.actor_a, found.actor_b, strict=True)) == pairs


def test_a_repeated_cue_is_located_at_each_occurrence():
    # two rows for "armes": the second is the relation's (after "mais"), the first is not
    text = (
        "Les armes de l'armée malienne sont vétustes, mais la Turquie a livré des armes au Niger."
    )
    tables = tagged(text, {"armes": "arms_equipment"})
    tables["domains"] = pd.concat([tables["domains"]] * 2, ignore_index=True)
    prepared = _prepare_sentences(
        tables["sentences"], tables["mentions"], tables["domains"], None, text, load_dyad_cues()
    )
    located = [start for start, _end, _domain in prepared[0].domain_cues]
    assert located == [text.index("armes"), text.rindex("armes")]
