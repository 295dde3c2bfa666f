"""Modality of dyad rows (issue 8): made-up sentences for each kind of planned cooperation.

``planned``: announced, proposed, intended or possible cooperation; ``reported``: it
happened or is ongoing (see ``data/gold/dev/README.md``).
"""

from __future__ import annotations

import pytest

from sahel_utils.core.normalize import fold_same_length
from sahel_utils.relations.dyads import load_dyad_cues
from tests.test_dyads_relations import rows


@pytest.mark.parametrize(
    "text",
    [
        # a purpose infinitive governing the predicate noun: the cooperation is an aim
        "Le Niger et le Tchad se réunissent à Niamey pour accroître leur coopération.",
        "Le Mali et la Turquie se réunissent à Bamako afin d'accroître la coopération.",
        "L'Algérie et le Niger se réunissent en vue d'approfondir leur partenariat.",
    ],
)
def test_purpose_of_a_meeting_is_planned(text):
    dyads = rows(text)
    assert len(dyads) > 0
    assert set(dyads.modality) == {"planned"}


@pytest.mark.parametrize(
    "text",
    [
        # the predicate verb itself after "pour" says what was done, not only an aim
        "La France a déployé des soldats au Mali pour aider l'armée.",
        "Le Niger et le Tchad ont signé un accord de coopération.",
    ],
)
def test_reported_cooperation_stays_reported(text):
    dyads = rows(text)
    assert len(dyads) > 0
    assert set(dyads.modality) == {"reported"}


@pytest.mark.parametrize(
    ("before", "purpose"),
    [
        ("se reunissent pour accroitre leur ", True),
        ("afin de renforcer la ", True),
        ("en vue d'etablir un ", True),
        ("merci pour notre ", False),  # a possessive is no infinitive
        ("pour ", False),
        ("ont signe un ", False),
    ],
)
def test_purpose_pattern(before, purpose):
    assert bool(load_dyad_cues().purpose.search(fold_same_length(before))) is purpose


@pytest.mark.parametrize(
    "text",
    [
        # commitments, projects, hopes and obligations (planned_cues)
        "Le Niger s'engage à livrer du pétrole au Mali.",
        "La Russie et le Mali ont préparé un projet d'accord de défense.",
        "La Russie et le Mali négocient en vue d'un accord.",
        "La Turquie promet une aide au Niger.",
        "La Russie se dit prête à livrer des armes au Mali.",
        "Le Mali ambitionne de signer un accord avec la Turquie.",
        "La Russie doit livrer des hélicoptères au Mali.",
        "Le Mali et la Turquie signeront un accord le mois prochain.",
        # irregular future stems
        "La Russie enverra des instructeurs au Mali.",
        "La Turquie soutiendra le Niger.",
    ],
)
def test_commitments_and_projects_are_planned(text):
    dyads = rows(text)
    assert len(dyads) > 0
    assert set(dyads.modality) == {"planned"}


@pytest.mark.parametrize(
    "text",
    [
        "La Turquie a accordé un prêt à taux zéro au Niger.",  # "prêt à": a loan
        "La Russie et le Mali ont signé un accord qui sera appliqué en 2025.",
    ],
)
def test_done_cooperation_with_a_future_aside_is_reported(text):
    dyads = rows(text)
    assert len(dyads) > 0
    assert set(dyads.modality) == {"reported"}


def test_occasion_takes_the_future_of_its_clause():
    text = "En marge d'un sommet entre la France et le Mali, un accord sera signé."
    dyads = rows(text)
    assert len(dyads) > 0
    assert set(dyads.modality) == {"planned"}


def test_past_occasion_stays_reported():
    text = "En marge d'un sommet entre la France et le Mali, un hommage a été rendu."
    dyads = rows(text)
    assert len(dyads) > 0
    assert set(dyads.modality) == {"reported"}


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Un accord entre la Russie et le Mali sera signé lundi.", "planned"),
        ("La coopération entre la Russie et le Mali sera renforcée.", "planned"),
        ("La Russie et le Mali ont signé un accord qui sera appliqué en 2025.", "reported"),
    ],
)
def test_future_auxiliary_next_to_the_predicate(text, modality):
    dyads = rows(text)
    assert len(dyads) > 0
    assert set(dyads.modality) == {modality}
