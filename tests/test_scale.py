"""Big builds (issue 15): DuckDB views equal the pandas views, synthetic tables, checks."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sahel_utils.analysis import duckdb_views as dv
from sahel_utils.analysis import network, overview
from sahel_utils.analysis.loading import TableError, check_table, check_tables, load_tables
from sahel_utils.core import paths
from sahel_utils.core.tables import SCHEMAS, dtypes, write_table

SNAPSHOTS = Path(__file__).parent / "snapshots"
ROOT = Path(__file__).parents[1]


def _from_snapshot(corpus: str, folder: Path) -> Path:
    """The tables of a snapshot (``tests/snapshots/<corpus>``) written as a build writes them."""
    for name in SCHEMAS:
        with gzip.open(SNAPSHOTS / corpus / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        declared = dtypes(name)
        columns = [c for c in declared if not rows or c in rows[0]]
        df = pd.DataFrame(rows, columns=columns)
        df = df.astype({c: declared[c] for c in columns}) if rows else df
        write_table(name, df, folder)
    return folder


@pytest.fixture(scope="module", params=["seed", "dev"])
def snapshot_dir(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _from_snapshot(request.param, tmp_path_factory.mktemp(request.param))


def test_overview_views_equal_the_pandas_ones(snapshot_dir: Path) -> None:
    tables = load_tables(snapshot_dir)
    db = dv.BuildTables(snapshot_dir)
    articles = tables["articles"]
    pd.testing.assert_frame_equal(
        dv.articles_per_outlet(db), overview.articles_per_outlet(articles)
    )
    pd.testing.assert_frame_equal(dv.articles_per_month(db), overview.articles_per_month(articles))
    pd.testing.assert_frame_equal(
        dv.removed_by_type(db), overview.removed_by_type(tables["segments"]), check_dtype=False
    )
    browser = dv.article_browser(db)
    pd.testing.assert_frame_equal(browser.drop(columns="url"), overview.article_browser(articles))
    assert len(dv.article_browser(db, limit=3)) == min(3, len(articles))
    shown = dv.showcase_article(db)
    assert shown == overview.showcase_article(tables)
    ours, theirs = dv.article_annotations(db, shown), overview.article_annotations(shown, tables)
    assert set(ours) == set(theirs)
    for name in ours:
        pd.testing.assert_frame_equal(ours[name], theirs[name], check_dtype=False)
    counts = dv.corpus_counts(db)
    assert counts == {
        "articles": len(articles),
        "words": int(articles["n_words"].sum()),
        "files": articles["source_file"].nunique(),
    }


@pytest.mark.parametrize("focus", [["MLI", "BFA", "NER"], ["NER"], ["RUS"], None])
@pytest.mark.parametrize(
    "bounds", [(None, None), ("2022", None), (None, "2025-06"), ("2022-03-01", "2025")]
)
@pytest.mark.parametrize("relation", ["cooperation", None])
def test_filter_dyads_in_sql_equals_network_filter_dyads(
    snapshot_dir: Path, focus: list[str] | None, bounds: tuple, relation: str | None
) -> None:
    tables = load_tables(snapshot_dir, ["articles", "dyads"])
    db = dv.BuildTables(snapshot_dir, check=False)
    pd.testing.assert_frame_equal(
        dv.filter_dyads(db, focus, *bounds, relation=relation),
        network.filter_dyads(
            tables["dyads"], tables["articles"], focus, *bounds, relation=relation
        ),
    )


def test_claims_of_clusters_are_the_multi_article_clusters(snapshot_dir: Path) -> None:
    claims = load_tables(snapshot_dir, ["claims"])["claims"]
    db = dv.BuildTables(snapshot_dir, check=False)
    multi = dv.claims_of_clusters(db)
    assert set(multi["cluster_id"]) == set(claims.loc[claims["n_articles"] >= 2, "cluster_id"])
    assert dv.claim_summary(db)["clusters"] == claims["cluster_id"].nunique()


def test_check_tables_reads_footers_and_a_sample(snapshot_dir: Path, tmp_path: Path) -> None:
    rows = check_tables(snapshot_dir)
    assert rows["mentions"] == len(pd.read_parquet(snapshot_dir / "mentions.parquet"))
    # a column of the wrong type, an undeclared column, a bad value in the sample
    table = pq.read_table(snapshot_dir / "mentions.parquet")
    bad = table.set_column(
        table.schema.get_field_index("start"),
        "start",
        pa.array([str(v) for v in table.column("start").to_pylist()]),
    )
    pq.write_table(bad, tmp_path / "mentions.parquet")
    with pytest.raises(TableError, match="column start is string"):
        check_table("mentions", tmp_path)
    pq.write_table(
        table.append_column("extra", pa.array([1] * len(table))), tmp_path / "mentions.parquet"
    )
    with pytest.raises(TableError, match="undeclared column extra"):
        check_table("mentions", tmp_path)
    source = table.column("source").to_pylist()
    source[0] = "guess"
    pq.write_table(
        table.set_column(table.schema.get_field_index("source"), "source", pa.array(source)),
        tmp_path / "mentions.parquet",
    )
    with pytest.raises(TableError, match="first rows"):
        check_table("mentions", tmp_path)
    narrow = load_tables(
        snapshot_dir, ["articles"], columns={"articles": ["article_id", "n_words"]}
    )
    assert list(narrow["articles"].columns) == ["article_id", "n_words"]


def test_synthetic_tables_are_valid_and_keep_row_counts(tmp_path: Path) -> None:
    seed = _from_snapshot("seed", tmp_path / "seed")
    dev = _from_snapshot("dev", tmp_path / "dev")
    out = tmp_path / "synthetic"
    n = 700  # more than one round of the 165 template articles
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "synthetic_tables.py"),
            "--articles",
            str(n),
            "--out",
            str(out),
            "--template",
            str(seed),
            "--template",
            str(dev),
            "--validate",
            "all",
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    tables = load_tables(out)  # every row validated by pandera
    articles = tables["articles"]
    assert len(articles) == n and articles["article_id"].is_unique
    templates = {
        name: len(load_tables(seed)[name]) + len(load_tables(dev)[name]) for name in SCHEMAS
    }
    for name in ("mentions", "sentences", "dyads", "claims"):
        per_article = len(tables[name]) / n
        expected = templates[name] / templates["articles"]
        assert 0.6 * expected < per_article < 1.6 * expected, name
    ids = set(articles["article_id"])
    for name in ("mentions", "sentences", "dyads", "claims"):
        assert set(tables[name]["article_id"]) <= ids
    assert set(tables["reuse"]["article_a"]) | set(tables["reuse"]["article_b"]) <= ids
    # offsets still index the copied texts
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    sample = tables["mentions"].head(200)
    for row in sample.itertuples(index=False):
        assert texts[row.article_id][row.start : row.end] == row.text
    # clusters stay inside their round: no cluster grows with the corpus
    assert tables["claims"].groupby("cluster_id")["article_id"].nunique().max() <= max(
        load_tables(dev)["claims"]["n_articles"].max(),
        load_tables(seed)["claims"]["n_articles"].max(),
    )
    assert paths.table_path("articles", out).exists()


def test_claim_views_on_the_selected_claims_equal_the_whole_table(snapshot_dir: Path) -> None:
    """Notebooks 04 and 05 read only some claims: the views they show are unchanged."""
    from sahel_utils.analysis import claims_views as views

    tables = load_tables(snapshot_dir)
    claims, articles = tables["claims"], tables["articles"]
    db = dv.BuildTables(snapshot_dir, check=False)
    multi = dv.claims_of_clusters(db, min_articles=2)
    meta = dv.articles_of(db, multi["article_id"], ["article_id", "source_file", "outlet"])
    pd.testing.assert_frame_equal(views.verdict_counts(multi), views.verdict_counts(claims))
    whole = views.cluster_overview(claims)
    pd.testing.assert_frame_equal(
        views.cluster_overview(multi), whole[whole["n_articles"] >= 2].reset_index(drop=True)
    )
    pd.testing.assert_frame_equal(
        views.conflict_sides(multi, meta), views.conflict_sides(claims, articles)
    )
    pd.testing.assert_frame_equal(
        views.agreement_matrix(multi, meta), views.agreement_matrix(claims, articles)
    )
    events, n_dated = dv.dated_event_claims(db, max_clusters=10**6)
    dyads = dv.dyads_of_articles(db, events["article_id"])
    meta = dv.articles_of(db, events["article_id"], ["article_id", "source_file", "outlet"])
    expected = views.timeline_events(claims, articles, tables["dyads"])
    pd.testing.assert_frame_equal(views.timeline_events(events, meta, dyads), expected)
    assert (
        n_dated
        == claims.loc[(claims["kind"] == "event") & claims["date"].notna(), "cluster_id"].nunique()
    )
    few, _ = dv.dated_event_claims(db, max_clusters=2)
    assert few["cluster_id"].nunique() == min(2, n_dated)


@pytest.mark.parametrize("partner", ["RUS", "MLI", "AES", "FRA", "TUR"])
def test_partner_views_on_the_partner_selection(snapshot_dir: Path, partner: str) -> None:
    """Notebook 02 reads only the dyads involving the partner: its views are unchanged."""
    tables = load_tables(snapshot_dir, ["articles", "dyads"])
    db = dv.BuildTables(snapshot_dir, check=False)
    everything = network.filter_dyads(tables["dyads"], tables["articles"], None)
    selected = dv.filter_dyads(db, [partner])
    pd.testing.assert_frame_equal(
        network.partner_view(selected, partner), network.partner_view(everything, partner)
    )
    metadata = dv.article_metadata(db)
    pd.testing.assert_frame_equal(
        network.partner_evidence(selected, partner, metadata).reset_index(drop=True),
        network.partner_evidence(everything, partner, tables["articles"]).reset_index(drop=True),
        check_dtype=False,  # an empty selection has no url to type
    )  # the same rows in the same order (their index numbers the whole selection)
    pd.testing.assert_frame_equal(metadata, tables["articles"].drop(columns="text"))


def test_claim_aggregations_in_sql_equal_claims_views(snapshot_dir: Path) -> None:
    from sahel_utils.analysis import claims_views as views

    tables = load_tables(snapshot_dir, ["claims", "articles"])
    claims, articles = tables["claims"], tables["articles"]
    db = dv.BuildTables(snapshot_dir, check=False)
    whole = views.cluster_overview(claims)
    pd.testing.assert_frame_equal(
        dv.cluster_overview(db), whole[whole["n_articles"] >= 2].reset_index(drop=True)
    )
    pd.testing.assert_frame_equal(dv.verdict_counts(db), views.verdict_counts(claims))
    pd.testing.assert_frame_equal(dv.agreement_matrix(db), views.agreement_matrix(claims, articles))
    conflicting = dv.conflicting_claims(db)
    meta = dv.articles_of(db, conflicting["article_id"], ["article_id", "source_file", "outlet"])
    pd.testing.assert_frame_equal(
        views.conflict_sides(conflicting, meta), views.conflict_sides(claims, articles)
    )


def test_main_outlets_keeps_the_outlets_sharing_most_clusters() -> None:
    matrix = pd.DataFrame(
        {
            "outlet_a": ["A", "A", "B"],
            "outlet_b": ["B", "C", "C"],
            "shared": [5, 1, 2],
            "agree": [5, 1, 2],
            "conflict": [0, 0, 0],
            "agreement": [1.0, 1.0, 1.0],
        }
    )
    assert dv.main_outlets(matrix, n=3).equals(matrix)
    kept = dv.main_outlets(matrix, n=2)  # A shares 6, B 7, C 3
    assert list(zip(kept["outlet_a"], kept["outlet_b"], strict=True)) == [("A", "B")]


def _same(ours: pd.DataFrame, theirs: pd.DataFrame) -> None:
    """Equal frames, rows in the same order (the pandas views keep their sort's index)."""
    pd.testing.assert_frame_equal(ours, theirs.reset_index(drop=True))


@pytest.mark.parametrize(
    ("focus", "bounds"),
    [
        (["MLI", "BFA", "NER"], (None, None)),
        (["NER"], (None, "2025-06")),
        (["MLI", "RUS"], ("2022-03-01", "2025")),
        (["AES"], (None, None)),
        (["NER"], ("2031", None)),  # nothing: empty frames of the same columns
    ],
)
def test_partner_and_domain_aggregations_in_sql_equal_the_pandas_ones(
    snapshot_dir: Path, focus: list[str], bounds: tuple
) -> None:
    """Notebooks 02 and 03 aggregate the selection in DuckDB: the same frames as pandas."""
    from sahel_utils.analysis import maps, trends
    from sahel_utils.annotation.domains import domain_ids

    tables = load_tables(snapshot_dir, ["articles", "dyads"])
    db = dv.BuildTables(snapshot_dir, check=False)
    reports = network.filter_dyads(tables["dyads"], tables["articles"], focus, *bounds)
    selection = dv.select_dyads(db, focus, *bounds)
    assert len(selection) == len(reports)
    assert selection.articles == reports["article_id"].nunique()
    assert dv.selection_summary(selection, focus, *bounds) == network.selection_summary(
        tables["dyads"], reports, focus, *bounds
    )
    period = network.period_column(reports)
    assert dv.period_column(selection) == period
    edges = network.partner_edges(reports)
    _same(dv.partner_edges(selection), edges)
    _same(dv.partner_strength(selection, focus), network.partner_strength(reports, focus))
    for ours, theirs in zip(
        dv.strongest_edges(selection, dv.partner_edges(selection), focus, 2),
        network.strongest_edges(edges.reset_index(drop=True), reports, focus, 2),
        strict=True,
    ):
        _same(ours, theirs)
    _same(dv.partners_of_states(selection, focus), network.partners_of_states(reports, focus))
    for by in ("outlet", period):
        _same(dv.partners_by(selection, by, focus), network.partners_by(reports, by, focus))
        _same(dv.domain_shares(selection, by), network.domain_shares(reports, by))
    _same(dv.map_table(selection, focus), maps.map_table(reports, focus))
    for domains in (domain_ids(), None):
        pd.testing.assert_frame_equal(
            dv.domain_matrix(selection, domains), network.domain_matrix(reports, domains)
        )
    for column in ("domain", "pair"):
        _same(dv.counts_by_outlet(selection, column), network.counts_by_outlet(reports, column))
    with_country = trends.with_outlet_country(reports)
    for by in ("outlet", "outlet_country"):
        for what, states in (("domain", ()), ("partner", focus)):
            _same(
                dv.trend_counts(selection, by, what, period, states),
                trends.trend_counts(with_country, by, what, period, states),
            )
    for pair, domain in (
        (("MLI", "RUS"), "training"),
        (("MLI", "RUS"), None),
        (("NER", "USA"), None),
        (("BFA", "AES"), None),
        (None, "defence"),
        (None, None),
    ):
        _same(
            dv.evidence_for(selection, pair, domain),
            network.evidence_for(reports, pair, domain),
        )


@pytest.mark.parametrize("partner", ["RUS", "MLI", "AES", "FRA", "TUR", "CHN"])
def test_partner_centred_views_in_sql_equal_the_pandas_ones(
    snapshot_dir: Path, partner: str
) -> None:
    """The partner-centred section of notebook 02, in DuckDB, on the partner's rows."""
    from sahel_utils.analysis import maps, trends

    tables = load_tables(snapshot_dir, ["articles", "dyads"])
    db = dv.BuildTables(snapshot_dir, check=False)
    everything = network.filter_dyads(tables["dyads"], tables["articles"], None)
    selection = dv.select_dyads(db, [partner], name="partner_reports")
    _same(dv.partner_view(selection, partner), network.partner_view(everything, partner))
    _same(dv.partner_table(selection, partner), maps.partner_table(everything, partner))
    for period in ("year", "month"):
        _same(
            dv.partner_over_time(selection, partner, period),
            trends.partner_over_time(everything, partner, period),
        )
    pd.testing.assert_frame_equal(
        dv.partner_evidence(selection, partner),
        network.partner_evidence(everything, partner, tables["articles"]).reset_index(drop=True),
        check_dtype=False,  # an empty selection has no url to type
    )


def test_evidence_pages_count_every_row(snapshot_dir: Path) -> None:
    """A page of evidence is the first rows of the whole answer, which it counts."""
    db = dv.BuildTables(snapshot_dir, check=False)
    selection = dv.select_dyads(db, ["MLI", "BFA", "NER"])
    whole = dv.evidence_for(selection)
    page = dv.evidence_for(selection, limit=3)
    assert whole.attrs["rows"] == len(whole) and page.attrs["rows"] == len(whole)
    pd.testing.assert_frame_equal(page, whole.head(3))
    partner = dv.partner_strength(selection, ["MLI", "BFA", "NER"])["partner"].iloc[0]
    around = dv.select_dyads(db, [partner], name="partner_reports")
    whole = dv.partner_evidence(around, partner)
    page = dv.partner_evidence(around, partner, limit=2)
    assert page.attrs["rows"] == len(whole) > 2
    pd.testing.assert_frame_equal(page, whole.head(2))


def test_partner_view_in_sql_keeps_the_first_row_of_an_article_even_undated(
    tmp_path: Path,
) -> None:
    """An article counts once per (counterpart, domain) with its first row's date, as in pandas
    (a later dated row of the same article does not move ``last``)."""
    articles = pd.DataFrame(
        {
            "article_id": ["a.txt#1", "b.txt#1"],
            "source_file": ["a.txt", "b.txt"],
            "position": [1, 1],
            "title": ["A", "B"],
            "published": [None, "2024-05-02"],
            "published_raw": [None, None],
            "author": [None, None],
            "outlet": ["", "Outlet B"],
            "url": [None, "https://b.example/1"],
            "text": ["x", "y"],
            "language": ["fr", "fr"],
            "n_words": [1, 1],
            "content_hash": ["h1", "h2"],
        }
    )
    rows = [  # article, a, b, domain, start, date
        ("a.txt#1", "MLI", "RUS", "defence", 0, None),
        ("a.txt#1", "MLI", "RUS", "defence", 10, "2025-11-11"),
        ("a.txt#1", "AES", "RUS", None, 20, "2023-01"),
        ("b.txt#1", "MLI", "RUS", "defence", 0, "2024-06/2024-07"),
        ("b.txt#1", "NER", "TUR", "defence", 5, None),
    ]
    dyads = pd.DataFrame(
        {
            "article_id": [r[0] for r in rows],
            "actor_a": [r[1] for r in rows],
            "actor_b": [r[2] for r in rows],
            "domain": [r[3] for r in rows],
            "start": [r[4] for r in rows],
            "end": [r[4] + 5 for r in rows],
            "evidence": [f"sentence {i}" for i in range(len(rows))],
            "date": [r[5] for r in rows],
            "relation": "cooperation",
            "modality": "reported",
            "source": "narrator",
            "predicate": None,
        }
    )
    for name in SCHEMAS:
        frame = {"articles": articles, "dyads": dyads}.get(name)
        write_table(name, frame if frame is not None else pd.DataFrame(), tmp_path)
    tables = load_tables(tmp_path, ["articles", "dyads"])
    db = dv.BuildTables(tmp_path, check=False)
    everything = network.filter_dyads(tables["dyads"], tables["articles"], None)
    for partner in ("RUS", "MLI", "NER"):
        selection = dv.select_dyads(db, [partner], name="partner_reports")
        expected = network.partner_view(everything, partner)
        assert not expected.empty
        _same(dv.partner_view(selection, partner), expected)
    view = dv.partner_view(dv.select_dyads(db, ["RUS"], name="partner_reports"), "RUS")
    first = view[(view["counterpart"] == "MLI") & (view["domain"] == "defence")].iloc[0]
    assert (first["first"], first["last"]) == ("2024-06", "2024-06")  # a.txt's first row: no date
