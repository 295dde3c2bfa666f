"""Tension pairs and modality accuracy of the dyads scorer, on small hand-made tables."""

from __future__ import annotations

import pandas as pd
import pytest

from sahel_utils.evaluation import dyads as evaluation
from sahel_utils.evaluation.gold import AES_MEMBERS

A1, A2, A3 = "t.jsonl#1", "t.jsonl#2", "t.jsonl#3"


def _dyad(pair, relation, modality, domains=()):
    return {
        "pair": list(pair),
        "domains": list(domains),
        "relation": relation,
        "modality": modality,
    }


GOLD = {
    A1: {
        "dyads": [
            _dyad(("MLI", "RUS"), "cooperation", "reported", ["defence"]),
            _dyad(("MLI", "RUS"), "cooperation", "planned"),  # the pair stays reported
            _dyad(("FRA", "MLI"), "tension", "reported"),
            _dyad(("AES", "FRA"), "tension", "reported"),  # FRA with each AES member
        ]
    },
    A2: {
        "dyads": [
            _dyad(("CHN", "NER"), "cooperation", "planned"),
            _dyad(("NER", "TUR"), "cooperation", "denied"),
            _dyad(("NER", "USA"), "tension", "reported"),
        ]
    },
}

COLUMNS = ["article_id", "actor_a", "actor_b", "domain", "relation", "modality"]
TABLE = pd.DataFrame(
    [
        (A1, "MLI", "RUS", "defence", "cooperation", "planned"),
        (A1, "MLI", "RUS", None, "cooperation", "reported"),  # reported wins: right
        (A1, "FRA", "MLI", None, "tension", "reported"),  # tension tp
        (A1, "FRA", "RUS", None, "tension", "reported"),  # tension fp
        (A2, "CHN", "NER", None, "cooperation", "reported"),  # gold planned: wrong
        (A2, "NER", "TUR", None, "cooperation", "denied"),  # right
        (A2, "NER", "USA", None, "cooperation", "reported"),  # gold tension: no match
        (A3, "FRA", "MLI", None, "tension", "reported"),  # article not in the gold
    ],
    columns=COLUMNS,
)


def test_aes_expands_to_three_members():
    assert set(AES_MEMBERS) == {"BFA", "MLI", "NER"}


def test_tension_pairs_and_modality_accuracy_exact():
    scores = evaluation.score({"dyads": TABLE}, GOLD)
    # gold tension: A1 BFA-FRA, FRA-MLI, FRA-NER; A2 NER-USA. Found: A1 FRA-MLI, FRA-RUS.
    assert scores["n_gold_tension"] == 4.0
    assert scores["n_found_tension"] == 2.0
    assert scores["tension_precision"] == 0.5
    assert scores["tension_recall"] == 0.25
    assert scores["tension_f1"] == pytest.approx(1 / 3)
    # gold cooperation pairs (denied included): A1 MLI-RUS, A2 CHN-NER, A2 NER-TUR;
    # found: those three and A2 NER-USA; 2 of the 3 matched have the gold modality.
    assert scores["n_modality_gold"] == 3.0
    assert scores["n_modality_found"] == 4.0
    assert scores["n_modality_matched"] == 3.0
    assert scores["n_modality_correct"] == 2.0
    assert scores["modality_accuracy"] == pytest.approx(2 / 3)


def test_existing_pair_scores_keep_their_rule():
    scores = evaluation.score({"dyads": TABLE}, GOLD)
    # cooperation neither tension nor denied: gold A1 MLI-RUS, A2 CHN-NER;
    # found A1 MLI-RUS, A2 CHN-NER, A2 NER-USA.
    assert scores["n_gold_dyads"] == 2.0 and scores["n_found_dyads"] == 3.0
    assert scores["dyad_precision"] == pytest.approx(2 / 3)
    assert scores["dyad_recall"] == 1.0
    assert scores["n_gold_dyad_domains"] == 1.0 and scores["domain_precision"] == 1.0


def test_gold_without_relation_fields_has_no_such_metric():
    seed_like = {A1: {"dyads": [{"pair": ["MLI", "RUS"], "domains": ["defence"]}]}}
    scores = evaluation.score({"dyads": TABLE}, seed_like)
    assert not any(k.startswith(("tension", "modality", "n_gold_tension")) for k in scores)
    assert not any("modality" in k or "tension" in k for k in scores)
    assert scores["dyad_f1"] == 1.0


def test_gold_with_relation_only_has_tension_metrics_only():
    gold = {A1: {"dyads": [{"pair": ["FRA", "MLI"], "domains": [], "relation": "tension"}]}}
    scores = evaluation.score({"dyads": TABLE}, gold)
    assert scores["tension_precision"] == 0.5 and scores["tension_recall"] == 1.0
    assert not any("modality" in k for k in scores)


def test_empty_table_scores_zero_with_zero_counts():
    empty = pd.DataFrame(columns=COLUMNS)
    scores = evaluation.score({"dyads": empty}, GOLD)
    assert scores["tension_f1"] == 0.0 and scores["n_found_tension"] == 0.0
    assert scores["modality_accuracy"] == 0.0 and scores["n_modality_matched"] == 0.0
    assert scores["n_modality_gold"] == 3.0


def test_table_without_relation_columns_is_reported_cooperation():
    old = TABLE[["article_id", "actor_a", "actor_b", "domain"]]
    scores = evaluation.score({"dyads": old}, GOLD)
    assert scores["n_found_tension"] == 0.0 and scores["tension_recall"] == 0.0
    # found pairs A1 FRA-MLI, FRA-RUS, MLI-RUS, A2 CHN-NER, NER-TUR, NER-USA; matched 3,
    # all reported: only A1 MLI-RUS is right.
    assert scores["n_modality_found"] == 6.0
    assert scores["n_modality_matched"] == 3.0
    assert scores["n_modality_correct"] == 1.0


@pytest.mark.parametrize(
    ("modalities", "combined"),
    [
        (["planned", "reported"], "reported"),
        (["denied", "planned"], "planned"),
        (["denied", "denied"], "denied"),
        ([None, "denied"], "reported"),
        (["planned"], "planned"),
    ],
)
def test_combine_modalities(modalities, combined):
    assert evaluation.combine_modalities(modalities) == combined


def test_combine_nothing_is_an_error():
    with pytest.raises(ValueError):
        evaluation.combine_modalities([])


def test_modality_confusion_counts_matched_pairs():
    confusion = evaluation.modality_confusion({"dyads": TABLE}, GOLD)
    assert list(confusion.index) == ["reported", "planned", "denied"]
    assert confusion.loc["reported", "reported"] == 1
    assert confusion.loc["planned", "reported"] == 1
    assert confusion.loc["denied", "denied"] == 1
    assert int(confusion.to_numpy().sum()) == 3


def test_relation_summary_one_row_per_part():
    long = pd.DataFrame(
        [
            {"stage": "dyads", "part": part, "metric": metric, "value": value}
            for part, scores in (
                ("tuned", evaluation.score({"dyads": TABLE}, GOLD)),
                ("held_aside", evaluation.score({"dyads": TABLE}, {A2: GOLD[A2]})),
            )
            for metric, value in scores.items()
        ]
        + [{"stage": "quotes", "part": "tuned", "metric": "recall", "value": 1.0}]
    )
    summary = evaluation.relation_summary(long)
    assert list(summary["part"]) == ["tuned", "held_aside"]
    assert list(summary.columns) == ["part", *evaluation.RELATION_METRICS]
    held = summary.set_index("part").loc["held_aside"]
    # A2 only: tension gold NER-USA, none found; modality 1 right of 2 matched.
    assert held["n_gold_tension"] == 1.0 and held["tension_recall"] == 0.0
    assert held["modality_accuracy"] == 0.5
    assert summary.set_index("part").loc["tuned", "tension_precision"] == 0.5


def test_relation_summary_of_a_seed_like_table_is_empty():
    long = pd.DataFrame([{"stage": "dyads", "part": "all", "metric": "dyad_f1", "value": 1.0}])
    assert evaluation.relation_summary(long).empty
