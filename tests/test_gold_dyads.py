"""Partner pairs and domains on the seed corpus, scored against the gold."""

from __future__ import annotations

import pandas as pd
import pytest

from sahel_utils.annotation.domains import domain_ids
from sahel_utils.core import tables
from sahel_utils.evaluation import dyads as evaluation

DYAD_F1_MIN = 0.95  # issue 8: seed dyads F1 >= 0.95
DOMAIN_F1_MIN = 0.90  # issue 8: seed domains F1 >= 0.90


def test_dyads_table_is_written_and_valid(seed_tables: dict[str, pd.DataFrame]):
    dyads = seed_tables["dyads"]
    assert not dyads.empty
    tables.validate("dyads", dyads)
    assert (dyads.actor_a < dyads.actor_b).all()
    assert set(dyads.domain.dropna()) <= set(domain_ids())
    assert set(dyads.article_id) <= set(seed_tables["articles"].article_id)
    texts = dict(zip(seed_tables["articles"].article_id, seed_tables["articles"].text, strict=True))
    for row in dyads.itertuples(index=False):
        assert texts[row.article_id][row.start : row.end] == row.evidence


def test_dyad_f1_on_gold(seed_tables: dict[str, pd.DataFrame]):
    scores = evaluation.score(seed_tables)
    assert scores["dyad_f1"] >= DYAD_F1_MIN, evaluation.details(seed_tables).query(
        "level == 'dyad' and status != 'tp'"
    )


def test_dyad_domain_f1_on_gold(seed_tables: dict[str, pd.DataFrame]):
    scores = evaluation.score(seed_tables)
    assert scores["domain_f1"] >= DOMAIN_F1_MIN, evaluation.details(seed_tables).query(
        "level == 'dyad_domain' and status != 'tp'"
    )


def test_former_colonial_power_is_never_a_partner_of_russia(seed_tables):
    dyads = seed_tables["dyads"]
    if "relation" in dyads:  # issue 8: tension rows are kept apart, not dropped
        dyads = dyads[dyads.relation == "cooperation"]
    assert not ((dyads.actor_a == "FRA") & (dyads.actor_b == "RUS")).any()


def test_details_cover_every_gold_item(seed_tables: dict[str, pd.DataFrame]):
    gold_pairs, gold_domains = evaluation.gold_items()
    details = evaluation.details(seed_tables)
    assert (details.status != "fp").sum() == len(gold_pairs) + len(gold_domains)


def _gold_as_dyads(gold_articles: dict) -> pd.DataFrame:
    rows = [
        {
            "article_id": article_id,
            "actor_a": min(dyad["pair"]),
            "actor_b": max(dyad["pair"]),
            "domain": domain,
            "start": 0,
            "end": 1,
            "evidence": "x",
            "date": None,
        }
        for article_id, article in gold_articles.items()
        for dyad in article.get("dyads", [])
        for domain in dyad["domains"]
    ]
    return pd.DataFrame(rows)


def test_scorer_gives_one_for_the_gold_and_zero_for_nothing(gold_articles):
    perfect = evaluation.score({"dyads": _gold_as_dyads(gold_articles)})
    assert perfect["dyad_f1"] == 1.0 and perfect["domain_f1"] == 1.0
    nothing = evaluation.score({"dyads": tables.empty_table("dyads")})
    assert nothing["dyad_f1"] == 0.0 and nothing["domain_f1"] == 0.0


def test_scorer_expands_the_bloc(gold_articles):
    members = _gold_as_dyads(gold_articles)
    aes = members[(members.actor_a == "AES") | (members.actor_b == "AES")]
    assert not aes.empty
    expanded = []
    for row in aes.itertuples(index=False):
        other = row.actor_b if row.actor_a == "AES" else row.actor_a
        for member in ("BFA", "MLI", "NER"):
            expanded.append(row._replace(actor_a=min(member, other), actor_b=max(member, other)))
    rest = members.drop(aes.index)
    scores = evaluation.score({"dyads": pd.concat([rest, pd.DataFrame(expanded)])})
    assert scores["dyad_f1"] == 1.0 and scores["domain_f1"] == 1.0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("notebook", "parameters"),
    [
        (
            "02-partner-countries",
            {"focus_countries": ["NER"], "date_from": "2025", "date_to": "2025-12"},
        ),
        ("03-cooperation-domains", {"focus_countries": ["NER"], "evidence_domain": "defence"}),
    ],
    ids=["02-niger-2025", "03-niger"],
)
def test_partner_notebooks_run_for_one_country(notebook, parameters, built_dir, tmp_path):
    import nbformat
    import papermill as pm

    from sahel_utils.core import paths

    source = paths.NOTEBOOKS / f"{notebook}.ipynb"
    output = tmp_path / source.name
    figures = tmp_path / "figures"
    pm.execute_notebook(
        str(source),
        str(output),
        parameters={"processed_dir": str(built_dir), "figures_dir": str(figures), **parameters},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(source.parent),
    )
    executed = nbformat.read(str(output), as_version=4)
    assert not [
        out
        for cell in executed.cells
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    for png in figures.glob("*.png"):
        assert png.with_suffix(".csv").exists()


@pytest.mark.slow
def test_an_empty_selection_fails_the_report_visibly(built_dir, tmp_path):
    """Chad has no partner in the seed corpus: the report says so and fails (issue 12)."""
    import papermill as pm

    from sahel_utils.core import paths

    source = paths.NOTEBOOKS / "03-cooperation-domains.ipynb"
    with pytest.raises(pm.PapermillExecutionError, match=r"ParameterError.*Tchad \(TCD\)"):
        pm.execute_notebook(
            str(source),
            str(tmp_path / source.name),
            parameters={
                "processed_dir": str(built_dir),
                "figures_dir": str(tmp_path / "figures"),
                "focus_countries": ["TCD"],
            },
            kernel_name="python3",
            progress_bar=False,
            cwd=str(source.parent),
        )
