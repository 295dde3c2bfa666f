"""Score the real tagging pipeline on the held-out articles in ``tests/fixtures/heldout``.

The held-out set is ten French news articles written for testing (outlets, subjects and
people that are not in the seed corpus, several people absent from the gazetteer) with
gold in the format of ``data/gold/seed_articles.yaml``. This module reads them with
``readers.parse_inputs``, tags them with ``tagging.tag_articles`` and scores them with
the gold scorers of ``sahel_utils.evaluation``.

Run ``.venv/bin/python tests/heldout_scoring.py`` to print the scores and the errors.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pandas as pd

from sahel_utils.evaluation import entities as entity_eval
from sahel_utils.evaluation import quotes as quote_eval
from sahel_utils.evaluation import timex as timex_eval
from sahel_utils.evaluation.gold import load_gold_articles

HELDOUT = Path(__file__).parent / "fixtures" / "heldout"
HELDOUT_GOLD = HELDOUT / "articles.yaml"
HELDOUT_RAW = HELDOUT / "raw"


def load_heldout_gold() -> dict[str, dict]:
    """Held-out gold articles keyed by article id."""
    return load_gold_articles(HELDOUT_GOLD)


def tag_heldout(cache_dir: Path | None) -> dict[str, pd.DataFrame]:
    """Parse and tag the held-out raw files; returns ``articles``, ``segments`` and tag tables."""
    from sahel_utils.annotation.tagging import tag_articles
    from sahel_utils.reading import parse_inputs

    parsed = parse_inputs([HELDOUT_RAW])
    tables = {"articles": parsed.articles, "segments": parsed.segments}
    tables.update(tag_articles(parsed.articles, cache_dir=cache_dir))
    return tables


def heldout_scores(tables: dict[str, pd.DataFrame], gold: dict[str, dict]) -> dict[str, float]:
    """Entity, time and quote scores of ``tables`` on the held-out gold, one flat dict."""
    scores: dict[str, float] = {}
    for prefix, module in (
        ("entities", entity_eval),
        ("timex", timex_eval),
        ("quotes", quote_eval),
    ):
        for metric, value in module.score(tables, gold).items():
            scores[f"{prefix}.{metric}"] = float(value)
    return scores


def _report(tables: dict[str, pd.DataFrame], gold: dict[str, dict]) -> None:
    pd.set_option("display.width", 250)
    pd.set_option("display.max_colwidth", 90)
    pd.set_option("display.max_rows", 500)
    for name, value in heldout_scores(tables, gold).items():
        print(f"{name:40s} {value:.3f}")
    ent = entity_eval.details(tables, gold)
    print(ent[["article_id", "countries_missing", "countries_extra"]].to_string())
    print(ent[["article_id", "people_missing", "people_extra", "affiliation_errors"]].to_string())
    tim = timex_eval.details(tables, gold)
    print(tim[~tim["value_right"]][["article_id", "gold_text", "gold_value", "predicted_text",
                                    "predicted_value"]].to_string())  # fmt: skip
    quo = quote_eval.details(tables, gold)
    print(quo[~quo["speaker_ok"]][["article_id", "gold_text", "gold_speaker", "found",
                                   "predicted_text", "predicted_speaker"]].to_string())  # fmt: skip


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tmp)
        _report(tag_heldout(cache), load_heldout_gold())
