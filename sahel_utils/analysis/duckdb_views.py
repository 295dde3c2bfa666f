"""Aggregations over a build's Parquet files with DuckDB: notebooks that stay fast on big builds.

The pandas views (:mod:`overview`, :mod:`network`, :mod:`claims_views`) take whole
tables in memory. On the tables of a million articles (tens of millions of
mentions and sentences, gigabytes of text) loading them alone takes minutes. The
functions here ask DuckDB for the answer instead: it scans only the columns a
query names, in parallel, and returns the small result. Each function returns the
same frame as its pandas counterpart (same columns, same order; checked by
``tests/test_scale.py``), or, for the views that need whole rows, the rows of the
selection only (``filter_dyads``, ``claims_of_clusters``), on which the pandas
views then run unchanged.

Tables are checked at the boundary without reading them whole
(:func:`sahel_utils.analysis.loading.check_tables`: the Parquet schema of every file
against the table's pandera schema, then pandera on the first rows).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from sahel_utils.analysis.loading import check_tables
from sahel_utils.analysis.overview import ANNOTATION_COLUMNS, SNIPPET_CHARS, UNKNOWN
from sahel_utils.core import paths
from sahel_utils.core.blocs import bloc_members
from sahel_utils.core.tables import SCHEMAS, empty_table

#: Rows an interactive table shows at most on a big build (the rest is summarised).
DISPLAY_ROWS = 5_000
#: Conflicting clusters shown side by side at most (one table each).
CONFLICTS_SHOWN = 50
#: Up to this many article ids are pushed into the Parquet scan as a list.
FILTER_IDS = 2_000
#: Outlets in the agreement heatmap at most (those sharing most clusters).
HEATMAP_OUTLETS = 30
#: Reuse pairs drawn in the reuse graph at most (the strongest).
GRAPH_EDGES = 200
#: Dated event clusters drawn in the timeline at most (those most articles report).
TIMELINE_EVENTS = 500


class BuildTables:
    """A DuckDB connection with one view per table of a build's output folder.

    Args:
        directory: The build's output folder (default ``data/processed``).
        check: Check each table's Parquet schema and a sample of its rows first.
        threads: DuckDB threads (None: DuckDB's default, every core).

    """

    def __init__(
        self, directory: Path | str | None = None, check: bool = True, threads: int | None = None
    ) -> None:
        import duckdb

        self.directory = Path(directory) if directory is not None else paths.PROCESSED
        if check:
            check_tables(self.directory)
        self.con = duckdb.connect(":memory:")
        try:  # in a notebook DuckDB refuses the setting without ipywidgets (and shows no bar)
            self.con.execute("SET enable_progress_bar = false")
        except duckdb.Error:
            pass
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        self.names = []
        for name in SCHEMAS:
            target = paths.table_path(name, self.directory)
            if target.exists():
                quoted = str(target).replace("'", "''")
                self.con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{quoted}')")
                self.names.append(name)

    def sql(self, query: str, params: Iterable[Any] | None = None) -> pd.DataFrame:
        """Run a query; the result as a DataFrame."""
        return self.con.execute(query, list(params or [])).df()

    def count(self, name: str) -> int:
        """Rows of table ``name`` (from the Parquet metadata)."""
        return int(self.con.execute(f"SELECT count(*) FROM {name}").fetchone()[0])  # type: ignore[index]

    def close(self) -> None:
        """Close the connection."""
        self.con.close()


# ------------------------------------------------------------------ overview (notebook 01)


def corpus_counts(db: BuildTables) -> dict[str, int]:
    """Articles, words and files of the corpus."""
    row = db.con.execute(
        "SELECT count(*), coalesce(sum(n_words), 0), count(DISTINCT source_file) FROM articles"
    ).fetchone()
    assert row is not None
    return {"articles": int(row[0]), "words": int(row[1]), "files": int(row[2])}


def articles_per_outlet(db: BuildTables) -> pd.DataFrame:
    """:func:`overview.articles_per_outlet` computed by DuckDB."""
    df = db.sql(
        """SELECT coalesce(nullif(outlet, ''), ?) AS outlet, count(article_id) AS articles,
                  sum(n_words) AS words
           FROM articles GROUP BY 1 ORDER BY articles DESC, outlet""",
        [UNKNOWN],
    )
    return df.astype({"articles": "int64", "words": "int64"})


def articles_per_month(db: BuildTables) -> pd.DataFrame:
    """:func:`overview.articles_per_month` computed by DuckDB."""
    df = db.sql(
        """SELECT CASE WHEN length(coalesce(published, '')) >= 7 THEN substr(published, 1, 7)
                       ELSE ? END AS month, count(*) AS articles
           FROM articles GROUP BY 1 ORDER BY month = ?, month""",
        [UNKNOWN, UNKNOWN],
    )
    return df.astype({"articles": "int64"})


def article_metadata(db: BuildTables) -> pd.DataFrame:
    """The ``articles`` table without its ``text`` (every row, the narrow columns)."""
    return db.sql("SELECT * EXCLUDE (text) FROM articles").astype(
        {"position": "int64", "n_words": "int64"}
    )


def article_lengths(db: BuildTables) -> pd.DataFrame:
    """``article_id`` and ``n_words`` of every article (two narrow columns)."""
    return db.sql("SELECT article_id, n_words FROM articles")


def removed_by_type(db: BuildTables) -> pd.DataFrame:
    """:func:`overview.removed_by_type` computed by DuckDB."""
    if "segments" not in db.names or db.count("segments") == 0:
        return pd.DataFrame(columns=["segment_type", "segments", "characters"])
    df = db.sql(
        """SELECT segment_type, count(*) AS segments, sum("end" - start) AS characters
           FROM segments GROUP BY 1 ORDER BY segments DESC, segment_type"""
    )
    return df.astype({"segments": "int64", "characters": "int64"})


def removed_examples(db: BuildTables, per_type: int = 3) -> pd.DataFrame:
    """The first ``per_type`` removed segments of each type (file order)."""
    return db.sql(
        """SELECT source_file, segment_type, text FROM (
             SELECT *, row_number() OVER (PARTITION BY segment_type ORDER BY rn) AS k
             FROM (SELECT *, row_number() OVER () AS rn FROM segments))
           WHERE k <= ? ORDER BY rn""",
        [per_type],
    )


def article_browser(
    db: BuildTables, limit: int = DISPLAY_ROWS, snippet_chars: int = SNIPPET_CHARS
) -> pd.DataFrame:
    """:func:`overview.article_browser` (plus ``url``) for the first ``limit`` articles."""
    from sahel_utils.analysis import overview

    first = db.sql("SELECT * FROM articles LIMIT ?", [limit])
    view = overview.article_browser(first, snippet_chars)
    view["url"] = first["url"].to_numpy()
    return view


def showcase_article(db: BuildTables) -> str:
    """:func:`overview.showcase_article`: the article with the most mentions."""
    if "mentions" in db.names:
        row = db.con.execute(
            "SELECT article_id FROM mentions GROUP BY 1 ORDER BY count(*) DESC, article_id LIMIT 1"
        ).fetchone()
        if row:
            return str(row[0])
    first = db.con.execute("SELECT article_id FROM articles LIMIT 1").fetchone()
    if first is None:
        raise ValueError("the articles table is empty")
    return str(first[0])


def article_rows(db: BuildTables, article_id: str, names: Iterable[str]) -> dict[str, pd.DataFrame]:
    """Every row of one article in each table of ``names`` (whole columns)."""
    out = {}
    for name in names:
        if name not in db.names:
            out[name] = empty_table(name)
            continue
        out[name] = db.sql(f"SELECT * FROM {name} WHERE article_id = ?", [article_id])
    return out


def article_annotations(db: BuildTables, article_id: str) -> dict[str, pd.DataFrame]:
    """:func:`overview.article_annotations` of one article, read by DuckDB."""
    from sahel_utils.analysis import overview

    return overview.article_annotations(
        article_id, article_rows(db, article_id, ANNOTATION_COLUMNS)
    )


# ------------------------------------------------------------- partners (notebooks 02, 03)


def filter_dyads(
    db: BuildTables,
    focus_countries: Iterable[str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    relation: str | None = "cooperation",
    modalities: Iterable[str] | None = ("reported", "planned"),
) -> pd.DataFrame:
    """:func:`network.filter_dyads` computed by DuckDB (the same rows and columns).

    ``network.filter_dyads`` loops in Python over every dyad; on a million articles
    (millions of dyads) that alone takes minutes. Here the join with the articles,
    the period (``when``, ``year``, ``month``) and every filter run in SQL.
    """
    from sahel_utils.analysis.network import UNKNOWN_OUTLET

    where, params = ["TRUE"], []
    if relation is not None:
        where.append("d.relation = ?")
        params.append(relation)
    if modalities is not None:
        allowed = list(modalities)
        where.append(f"d.modality IN ({', '.join('?' * len(allowed))})" if allowed else "FALSE")
        params += allowed
    focus = list(focus_countries or [])
    if focus:
        marks = ", ".join("?" * len(focus))
        sides = [f"d.actor_a IN ({marks})", f"d.actor_b IN ({marks})"]
        params += focus + focus
        if set(bloc_members("AES")) & set(focus):  # network.involves: AES stands for its members
            sides.append("'AES' IN (d.actor_a, d.actor_b)")
        where.append("(" + " OR ".join(sides) + ")")
    bounds = []
    for bound, sign in ((date_from, ">="), (date_to, "<=")):
        if bound:  # network._compare: the two dates at their common precision
            bounds.append(
                f"w.when IS NOT NULL AND substr(w.when, 1, least(length(w.when), {len(bound)})) "
                f"{sign} substr(?, 1, least(length(w.when), {len(bound)}))"
            )
            params.append(bound)
    columns = ", ".join(f"d.{c}" for c in SCHEMAS["dyads"].columns)
    start = "nullif(trim(split_part({0}, '/', 1)), '')"
    query = f"""
        WITH w AS (
          SELECT {columns},
                 d.actor_a || '–' || d.actor_b AS pair,
                 CASE WHEN a.outlet IS NOT NULL AND a.outlet <> '' THEN a.outlet ELSE ? END
                   AS outlet,
                 coalesce({start.format("d.date")}, {start.format("a.published")}) AS when,
                 d.file_row_number AS _row
          FROM read_parquet(?, file_row_number = true) d
          LEFT JOIN (SELECT article_id, outlet, published FROM articles) a USING (article_id)
          WHERE {" AND ".join(where)})
        SELECT * EXCLUDE (_row),
               CASE WHEN w.when IS NOT NULL THEN substr(w.when, 1, 4) END AS year,
               CASE WHEN length(w.when) >= 7 THEN substr(w.when, 1, 7) END AS month
        FROM w WHERE {" AND ".join(bounds) or "TRUE"} ORDER BY _row"""
    params = [UNKNOWN_OUTLET, str(paths.table_path("dyads", db.directory)), *params]
    return db.sql(query, params).astype({"start": "int64", "end": "int64"})


# --------------------------------------------------------------- claims (notebooks 04, 05)


def claims_of_clusters(
    db: BuildTables, min_articles: int = 2, kind: str | None = None
) -> pd.DataFrame:
    """Claims rows of the clusters reported by at least ``min_articles`` articles."""
    where: list[str] = ["n_articles >= ?"]
    params: list[Any] = [min_articles]
    if kind is not None:
        where.append("kind = ?")
        params.append(kind)
    return db.sql(f"SELECT * FROM claims WHERE {' AND '.join(where)}", params)


def cluster_overview(db: BuildTables, min_articles: int = 2) -> pd.DataFrame:
    """:func:`claims_views.cluster_overview` of the clusters of ``min_articles`` or more.

    A cluster's kind, verdict, field, summary, number of articles (``n_articles``:
    its distinct articles) and of sources are the same on each of its rows (the
    build writes them per cluster), so the filter reads ``n_articles`` first.
    """
    df = db.sql(
        """SELECT cluster_id, any_value(kind) AS kind, any_value(verdict) AS verdict,
                  any_value(field) AS field, any_value(summary) AS summary,
                  count(DISTINCT article_id) AS n_articles, any_value(n_sources) AS n_sources,
                  string_agg(DISTINCT article_id, ', ' ORDER BY article_id) AS articles
           FROM claims WHERE n_articles >= ? GROUP BY cluster_id
           ORDER BY n_articles DESC, cluster_id""",
        [min_articles],
    )
    return df.astype({"n_articles": "int64", "n_sources": "int64"})


def verdict_counts(db: BuildTables) -> pd.DataFrame:
    """:func:`claims_views.verdict_counts` (clusters of two or more articles)."""
    df = db.sql(
        """SELECT kind, verdict, count(DISTINCT cluster_id) AS clusters FROM claims
           WHERE n_articles >= 2 GROUP BY kind, verdict ORDER BY kind, verdict"""
    )
    return df.astype({"clusters": "int64"})


def conflicting_claims(db: BuildTables) -> pd.DataFrame:
    """Every claims row of the conflicting clusters."""
    return db.sql("SELECT * FROM claims WHERE verdict = 'conflicting'")


def agreement_matrix(db: BuildTables) -> pd.DataFrame:
    """:func:`claims_views.agreement_matrix` computed by DuckDB.

    An article's outlet is its ``outlet``, or its file when none is printed; two
    outlets of a conflicting cluster conflict when no value of one is a value of
    the other (a missing value counts as one value, as in the pandas view).
    """
    df = db.sql(
        """WITH per_outlet AS (
             SELECT c.cluster_id, any_value(c.verdict) = 'conflicting' AS conflicting,
                    CASE WHEN a.outlet IS NOT NULL AND a.outlet <> '' THEN a.outlet
                         ELSE coalesce(a.source_file, c.article_id) || ' (no outlet)' END AS outlet,
                    list(DISTINCT coalesce(c.value, chr(0))) AS vals
             FROM claims c LEFT JOIN (SELECT article_id, outlet, source_file FROM articles) a
               USING (article_id)
             WHERE c.n_articles >= 2
             GROUP BY c.cluster_id, 3)
           SELECT x.outlet AS outlet_a, y.outlet AS outlet_b, count(*) AS shared,
                  sum(CASE WHEN x.conflicting AND NOT list_has_any(x.vals, y.vals)
                      THEN 0 ELSE 1 END) AS agree,
                  sum(CASE WHEN x.conflicting AND NOT list_has_any(x.vals, y.vals)
                      THEN 1 ELSE 0 END) AS conflict
           FROM per_outlet x JOIN per_outlet y
             ON x.cluster_id = y.cluster_id AND x.outlet < y.outlet
           GROUP BY 1, 2 ORDER BY 1, 2"""
    )
    df = df.astype({"shared": "int64", "agree": "int64", "conflict": "int64"})
    df["agreement"] = df["agree"] / df["shared"]
    return df


def main_outlets(matrix: pd.DataFrame, n: int = HEATMAP_OUTLETS) -> pd.DataFrame:
    """The agreement table restricted to the ``n`` outlets sharing most clusters.

    A heatmap of thousands of outlets (files, when outlets are not printed) is
    neither readable nor quick to draw; the whole table stays for display.
    """
    if matrix.empty:
        return matrix
    shared = (
        pd.concat(
            [
                matrix[["outlet_a", "shared"]].rename(columns={"outlet_a": "outlet"}),
                matrix[["outlet_b", "shared"]].rename(columns={"outlet_b": "outlet"}),
            ]
        )
        .groupby("outlet")["shared"]
        .sum()
    )
    if len(shared) <= n:
        return matrix
    kept = set(shared.sort_values(ascending=False, kind="mergesort").index[:n])
    keep = matrix["outlet_a"].isin(kept) & matrix["outlet_b"].isin(kept)
    return matrix[keep].reset_index(drop=True)


def dated_event_claims(db: BuildTables, max_clusters: int = 500) -> tuple[pd.DataFrame, int]:
    """Event claims of the ``max_clusters`` dated event clusters most articles report.

    What :func:`claims_views.timeline_events` reads (it keeps the dated rows of
    ``kind == "event"``) and the notebook's evidence table shows (every event row
    of those clusters), for the clusters with most articles first (then by id);
    all of them when there are no more than ``max_clusters``.

    Returns:
        ``(claims rows, number of dated event clusters in the build)``.

    """
    dated = "kind = 'event' AND date IS NOT NULL"
    row = db.con.execute(f"SELECT count(DISTINCT cluster_id) FROM claims WHERE {dated}").fetchone()
    total = int(row[0]) if row else 0
    rows = db.sql(
        f"""WITH top AS (
              SELECT cluster_id FROM claims WHERE {dated} GROUP BY cluster_id
              ORDER BY max(n_articles) DESC, cluster_id LIMIT ?)
            SELECT c.* FROM claims c JOIN top USING (cluster_id) WHERE kind = 'event'""",
        [max_clusters],
    )
    return rows, total


def articles_of(
    db: BuildTables, article_ids: Iterable[str], columns: Iterable[str]
) -> pd.DataFrame:
    """Some columns of the articles ``article_ids`` (a join in DuckDB, not a full load).

    A few ids are given as a list that the Parquet scan filters on (row groups whose
    id range holds none are skipped, long texts of other articles are not read).
    """
    wanted = sorted(set(map(str, article_ids)))
    cols = ", ".join(f"a.{c}" for c in columns)
    if len(wanted) <= FILTER_IDS:
        marks = ", ".join("?" * len(wanted)) or "NULL"
        return db.sql(f"SELECT {cols} FROM articles a WHERE article_id IN ({marks})", wanted)
    ids = pd.DataFrame({"article_id": wanted})
    db.con.register("_wanted_ids", ids)
    try:
        return db.sql(f"SELECT {cols} FROM articles a JOIN _wanted_ids w USING (article_id)")
    finally:
        db.con.unregister("_wanted_ids")


def claim_summary(db: BuildTables) -> dict[str, int]:
    """Clusters, articles with a claim, and reuse pairs of the whole build."""
    row = db.con.execute(
        "SELECT count(DISTINCT cluster_id), count(DISTINCT article_id) FROM claims"
    ).fetchone()
    assert row is not None
    return {"clusters": int(row[0]), "articles": int(row[1]), "reuse": db.count("reuse")}


def reuse_pairs(db: BuildTables, limit: int = DISPLAY_ROWS) -> pd.DataFrame:
    """The ``limit`` strongest reuse pairs (the whole table when smaller)."""
    return db.sql("SELECT * FROM reuse ORDER BY score DESC, article_a, article_b LIMIT ?", [limit])


def dyads_of_articles(db: BuildTables, article_ids: Iterable[str]) -> pd.DataFrame:
    """``article_id``, ``actor_a``, ``actor_b`` of the dyads of some articles."""
    ids = pd.DataFrame({"article_id": sorted(set(map(str, article_ids)))})
    db.con.register("_dyad_ids", ids)
    try:
        return db.sql(
            "SELECT d.article_id, d.actor_a, d.actor_b FROM dyads d "
            "JOIN _dyad_ids USING (article_id)"
        )
    finally:
        db.con.unregister("_dyad_ids")


__all__ = [
    "CONFLICTS_SHOWN",
    "DISPLAY_ROWS",
    "GRAPH_EDGES",
    "HEATMAP_OUTLETS",
    "TIMELINE_EVENTS",
    "BuildTables",
    "article_annotations",
    "article_browser",
    "article_lengths",
    "article_metadata",
    "article_rows",
    "articles_of",
    "articles_per_month",
    "articles_per_outlet",
    "claim_summary",
    "claims_of_clusters",
    "agreement_matrix",
    "cluster_overview",
    "conflicting_claims",
    "corpus_counts",
    "dated_event_claims",
    "dyads_of_articles",
    "main_outlets",
    "filter_dyads",
    "removed_by_type",
    "removed_examples",
    "reuse_pairs",
    "showcase_article",
    "verdict_counts",
]
