"""Scores on the blind real-press dev gold, per part, asserted with floors.

Each floor sits just under what the pipeline measured when it was set (see the closing
notes of issues 8, 9, 16): a drop below it is a regression to explain, never a floor to
lower. The held-aside part was not looked at while tuning; its floors only guard it.
"""

from __future__ import annotations

import pytest

from sahel_utils.evaluation.dev import score_dev

pytestmark = pytest.mark.slow

#: (stage, metric) -> floor per part; measured 2026-12-02 (third session) in brackets.
FLOORS = {
    ("entities", "countries_f1"): {"tuned": 0.97, "held_aside": 0.96},  # 0.982, 0.973
    # fourth session (affiliation rules): people F1 0.954, 0.838; affiliation 0.916, 0.629
    ("entities", "people_f1"): {"tuned": 0.95, "held_aside": 0.83},
    ("entities", "people_affiliation"): {"tuned": 0.91, "held_aside": 0.62},
    ("quotes", "recall"): {"tuned": 0.96, "held_aside": 0.98},  # 0.978, 1.000
    # speaker accuracy counts a null gold speaker with no predicted speaker as right
    # (evaluation/quotes.py speaker_agrees, third session)
    ("quotes", "speaker_accuracy"): {"tuned": 0.90, "held_aside": 0.71},  # 0.921, 0.734
    ("dyads", "dyad_precision"): {"tuned": 0.96, "held_aside": 0.38},  # 0.982, 0.400
    ("dyads", "dyad_f1"): {"tuned": 0.83, "held_aside": 0.36},  # 0.841, 0.381
    # dyads, domains and tension raised 2026-12-02 (fourth session, issue 8)
    ("dyads", "domain_f1"): {"tuned": 0.73, "held_aside": 0.32},  # 0.746, 0.333
    ("claims", "n_multi_correct"): {"tuned": 21},  # 22 of 65 (issue 9, claims2 session)
    # the Le Monde reprint under a reworded headline (the one tuned pair), claims2 session
    ("claims", "reuse_recall"): {"tuned": 0.99},
    # tension pairs and modality accuracy (evaluation/dyads.py), first measured 2026-12-02
    # on a fresh dev build: tension on 24 / 9 gold pairs, modality on 58 / 5 matched pairs
    ("dyads", "tension_precision"): {"tuned": 0.55, "held_aside": 0.44},  # 0.565, 0.500
    ("dyads", "tension_recall"): {"tuned": 0.53, "held_aside": 0.65},  # 0.542, 0.556 (below)
    ("dyads", "tension_f1"): {"tuned": 0.54, "held_aside": 0.53},  # 0.553, 0.526 (below)
    ("dyads", "modality_accuracy"): {"tuned": 0.95, "held_aside": 0.78},  # 0.966, 0.800
}

#: Floors a later change went below, explained in its closing note and kept, not lowered:
#: the test reports them as expected failures while they stay below, and fails as soon as
#: one is back above its floor (then remove it from here).
KNOWN_BELOW = {
    **{
        ("dyads", metric, "held_aside"): (
            "issue 8, 2026-12-02 (third session): the held-aside part has 9 gold tension "
            "pairs; right ones went 6 of 13 found -> 5 of 12 when pair rules written on the "
            "tuned part and on a new press set landed (dyad2, modal); not tuned on"
        )
        # tension_f1 back above its floor (0.556, issue 8, 2026-12-02 fifth session)
        for metric in ("tension_recall",)
    },
}


@pytest.fixture(scope="module")
def dev_scores(dev_tables):
    scores = score_dev(dev_tables)
    return {(r.stage, r.part, r.metric): r.value for r in scores.itertuples(index=False)}


@pytest.mark.parametrize(("stage", "metric"), sorted(FLOORS))
def test_dev_score_holds_its_floor(dev_scores, stage, metric):
    below = []
    for part, floor in FLOORS[(stage, metric)].items():
        value = dev_scores[(stage, part, metric)]
        known = (stage, metric, part) in KNOWN_BELOW
        assert value < floor or not known, (
            f"{stage} {metric} on the {part} part is back at {value:.3f} >= {floor}: "
            "remove it from KNOWN_BELOW"
        )
        if value < floor and known:
            below.append(f"{part} {value:.3f} < {floor}: {KNOWN_BELOW[(stage, metric, part)]}")
            continue
        assert value >= floor, f"{stage} {metric} on the {part} part: {value:.3f} < {floor}"
    if below:
        pytest.xfail("known below its floor: " + "; ".join(below))


def test_no_false_conflict_on_the_whole_dev_gold(dev_scores):
    for part in ("tuned", "held_aside", "all"):
        assert dev_scores[("claims", part, "false_conflicts")] == 0, part
