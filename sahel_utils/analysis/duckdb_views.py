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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sahel_utils.analysis.loading import check_tables
from sahel_utils.analysis.overview import ANNOTATION_COLUMNS, SNIPPET_CHARS, UNKNOWN
from sahel_utils.core import paths
from sahel_utils.core.blocs import EXPANDED_BLOC, bloc_members, sorted_members
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
#: A LIMIT that keeps every row.
_NO_LIMIT = 2**62


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

    def sql(self, query: str, params: Iterable[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        """Run a query (``?`` parameters as a list, ``$name`` ones as a dict); a DataFrame."""
        values = params if isinstance(params, dict) else list(params or [])
        return self.con.execute(query, values).df()

    def count(self, name: str) -> int:
        """Rows of table ``name`` (from the Parquet metadata)."""
        return int(self.con.execute(f"SELECT count(*) FROM {name}").fetchone()[0])  # type: ignore[index]

    def close(self) -> None:
        """Close the connection."""
        self.con.close()


# ------------------------------------------------------------------ overview (notebook 01)


def _one_row(result: Any) -> tuple[Any, ...]:
    """The one row of an aggregate query, or a clear error if DuckDB returned none."""
    row = result.fetchone()
    if row is None:
        raise RuntimeError("DuckDB returned no row for an aggregate query")
    return tuple(row)


def corpus_counts(db: BuildTables) -> dict[str, int]:
    """Articles, words and files of the corpus."""
    row = _one_row(
        db.con.execute(
            "SELECT count(*), coalesce(sum(n_words), 0), count(DISTINCT source_file) FROM articles"
        )
    )
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


def _filter_query(
    db: BuildTables,
    focus_countries: Iterable[str] | None,
    date_from: str | None,
    date_to: str | None,
    relation: str | None,
    modalities: Iterable[str] | None,
    evidence: bool = True,
) -> tuple[str, list[Any]]:
    """The query of :func:`filter_dyads` (with ``_row``, the dyad's row in its file)."""
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
    names = [c for c in SCHEMAS["dyads"].columns if evidence or c != "evidence"]
    columns = ", ".join(f"d.{c}" for c in names)
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
        SELECT *,
               CASE WHEN w.when IS NOT NULL THEN substr(w.when, 1, 4) END AS year,
               CASE WHEN length(w.when) >= 7 THEN substr(w.when, 1, 7) END AS month
        FROM w WHERE {" AND ".join(bounds) or "TRUE"}"""
    params = [UNKNOWN_OUTLET, str(paths.table_path("dyads", db.directory)), *params]
    return query, params


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
    query, params = _filter_query(db, focus_countries, date_from, date_to, relation, modalities)
    df = db.sql(f"SELECT * EXCLUDE (_row) FROM ({query}) ORDER BY _row", params)
    return df.astype({"start": "int64", "end": "int64"})


# ------------------------------------------- partner and domain aggregations (notebooks 02, 03)


@dataclass
class DyadSelection:
    """The dyad reports of a selection (:func:`filter_dyads`) held by DuckDB.

    The rows stay in a temporary table (``table``) without their evidence sentence;
    the aggregations below read it and return the small frames the pandas views of
    :mod:`network`, :mod:`maps` and :mod:`trends` return on the same rows.

    Attributes:
        db: The build's tables.
        table: Name of the temporary table.
        rows: Dyad rows selected.
        articles: Distinct articles among them.

    """

    db: BuildTables
    table: str
    rows: int
    articles: int
    directed_ready: bool = field(default=False, repr=False)

    def __len__(self) -> int:
        """Rows selected (an empty selection is falsy, as an empty frame is empty)."""
        return self.rows

    def sql(self, query: str, params: Iterable[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        """Run a query in which ``{t}`` names the selection's table, ``{d}`` its directed one."""
        names = {"t": self.table, "d": self.directed() if "{d}" in query else ""}
        return self.db.sql(query.format(**names), params)

    def directed(self) -> str:
        """The table of each row's pairs (``expand_pair``) both ways: ``state``, ``other``.

        Made once, on first use: the partner views all read it.
        """
        name = f"{self.table}_directed"
        if self.directed_ready:
            return name
        keep = 'article_id, domain, outlet, "when", year, month, _row'
        bloc = "'" + EXPANDED_BLOC + "'"
        plain = f"""FROM {self.table}
            WHERE actor_a <> {bloc} AND actor_b <> {bloc} AND actor_a <> actor_b"""
        pairs = _expanded(f"(SELECT * FROM {self.table} WHERE {bloc} IN (actor_a, actor_b))")
        self.db.con.execute(  # one scan for both ways (unnests side by side are zipped)
            f"""CREATE OR REPLACE TEMP TABLE {name} AS
                SELECT {keep}, unnest([actor_a, actor_b]) AS state,
                       unnest([actor_b, actor_a]) AS other {plain}
                UNION ALL SELECT {keep}, unnest([ea, eb]), unnest([eb, ea]) FROM {pairs}"""
        )
        self.directed_ready = True
        return name


def select_dyads(
    db: BuildTables,
    focus_countries: Iterable[str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    relation: str | None = "cooperation",
    modalities: Iterable[str] | None = ("reported", "planned"),
    name: str = "reports",
) -> DyadSelection:
    """The rows of :func:`filter_dyads` as a DuckDB table ``name`` (replaced if present).

    Nothing comes into Python but two counts: the views below aggregate in SQL.
    """
    if not name.isidentifier():
        raise ValueError(f"not a table name: {name!r}")
    query, params = _filter_query(
        db, focus_countries, date_from, date_to, relation, modalities, evidence=False
    )
    # no ORDER BY: every view that depends on the rows' order reads _row
    db.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {query}", params)
    row = _one_row(db.con.execute(f"SELECT count(*), count(DISTINCT article_id) FROM {name}"))
    return DyadSelection(db, name, int(row[0]), int(row[1]))


def _quoted(values: Iterable[str]) -> str:
    """A SQL list literal of strings."""
    return "[" + ", ".join("'" + str(v).replace("'", "''") + "'" for v in values) + "]"


def _column(selection: DyadSelection, column: str) -> str:
    """A column of the selection, quoted (an unknown name is an error, not an injection)."""
    known = set(selection.db.con.sql(f"SELECT * FROM {selection.table} LIMIT 0").columns)
    known.add("outlet_country")
    if column not in known:
        raise ValueError(f"no column {column!r} in the dyad reports")
    return '"' + column + '"'


def _source(selection: DyadSelection, by: str, directed: bool = False) -> str:
    """The selection's (directed) table, with ``outlet_country`` when ``by`` needs it."""
    table = selection.directed() if directed else selection.table
    if by != "outlet_country":
        return table
    from sahel_utils.analysis.trends import outlet_country

    outlets = selection.db.sql(f"SELECT DISTINCT outlet FROM {selection.table}")["outlet"]
    mapping = pd.DataFrame(
        {"outlet": outlets, "outlet_country": [outlet_country(o) for o in outlets]},
        dtype="object",
    )
    selection.db.con.register("_outlet_countries", mapping)
    return f"(SELECT * FROM {table} LEFT JOIN _outlet_countries USING (outlet))"


def _expanded(source: str) -> str:
    """Rows of ``source`` times the pairs of ``expand_pair`` (``ea`` < ``eb``)."""
    bloc = "'" + EXPANDED_BLOC + "'"
    members = _quoted(sorted_members(EXPANDED_BLOC))
    return f"""(SELECT s.*, least(x, y) AS ea, greatest(x, y) AS eb FROM {source} s,
        unnest(CASE WHEN s.actor_a = {bloc} THEN {members} ELSE [s.actor_a] END) AS l(x),
        unnest(CASE WHEN s.actor_b = {bloc} THEN {members} ELSE [s.actor_b] END) AS r(y)
        WHERE x <> y)"""


def _frame(df: pd.DataFrame, columns: list[str], ints: Iterable[str] = ()) -> pd.DataFrame:
    """``df`` with ``columns`` (an empty frame of them when empty), counts as int64."""
    if df.empty:
        return pd.DataFrame(columns=columns)
    return df[columns].astype(dict.fromkeys(ints, "int64")).reset_index(drop=True)


def selection_summary(
    selection: DyadSelection,
    focus_countries: Iterable[str] = (),
    date_from: str | None = None,
    date_to: str | None = None,
) -> str:
    """:func:`network.selection_summary` from the counts of DuckDB."""
    found = _one_row(
        selection.db.con.execute("SELECT count(*), count(DISTINCT article_id) FROM dyads")
    )
    focus = ", ".join(focus_countries) or "all countries"
    return (
        f"{found[0]} dyad rows in {found[1]} articles; {selection.rows} rows in "
        f"{selection.articles} articles selected (focus: {focus}; dates: {date_from or '…'} "
        f"to {date_to or '…'})"
    )


def period_column(selection: DyadSelection) -> str:
    """:func:`network.period_column`: months when the dated rows span two years or less."""
    years = selection.db.con.execute(
        f"SELECT count(DISTINCT year) FROM {selection.table}"
    ).fetchone()
    return "month" if years is None or years[0] <= 2 else "year"


def partner_edges(selection: DyadSelection) -> pd.DataFrame:
    """:func:`network.partner_edges` computed by DuckDB (ties of domains in taxonomy order)."""
    from sahel_utils.annotation.domains import domain_ids

    order = domain_ids()
    df = selection.sql(
        f"""WITH pairs AS (
              SELECT actor_a, actor_b, count(DISTINCT article_id) AS n_articles
              FROM {{t}} GROUP BY 1, 2),
            counts AS (
              SELECT actor_a, actor_b, domain, count(DISTINCT article_id) AS n,
                     coalesce(list_position({_quoted(order)}, domain), {len(order) + 1}) AS rk
              FROM {{t}} WHERE domain IS NOT NULL GROUP BY 1, 2, 3),
            ranked AS (
              SELECT actor_a, actor_b,
                     first(domain ORDER BY n DESC, rk, domain) AS dominant_domain,
                     string_agg(domain || ':' || n, '; ' ORDER BY n DESC, rk, domain) AS domains
              FROM counts GROUP BY 1, 2)
            SELECT p.actor_a, p.actor_b, p.n_articles, r.dominant_domain,
                   coalesce(r.domains, '') AS domains
            FROM pairs p LEFT JOIN ranked r USING (actor_a, actor_b)
            ORDER BY n_articles DESC, actor_a, actor_b"""
    )
    columns = ["actor_a", "actor_b", "n_articles", "dominant_domain", "domains"]
    return _frame(df, columns, ["n_articles"])


def partner_strength(selection: DyadSelection, states: Iterable[str]) -> pd.DataFrame:
    """:func:`network.partner_strength` computed by DuckDB."""
    df = selection.sql(
        """SELECT other AS partner, count(DISTINCT article_id) AS n_articles
            FROM {d}
            WHERE list_contains($states, state) AND NOT list_contains($states, other)
            GROUP BY 1 ORDER BY n_articles DESC, partner""",
        {"states": list(states)},
    )
    return _frame(df, ["partner", "n_articles"], ["n_articles"])


def strongest_edges(
    selection: DyadSelection, edges: pd.DataFrame, states: Iterable[str], top_n: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`network.strongest_edges` with the partners ranked by DuckDB."""
    from sahel_utils.analysis.network import keep_strongest

    states = list(states)
    return keep_strongest(edges, partner_strength(selection, states), states, top_n)


def partners_of_states(selection: DyadSelection, states: Iterable[str]) -> pd.DataFrame:
    """:func:`network.partners_of_states` computed by DuckDB."""
    df = selection.sql(
        """SELECT state, other AS partner, count(DISTINCT article_id) AS n_articles
            FROM {d} WHERE list_contains($states, state)
            GROUP BY 1, 2 ORDER BY state, n_articles DESC, partner""",
        {"states": list(states)},
    )
    return _frame(df, ["state", "partner", "n_articles"], ["n_articles"])


def partners_by(selection: DyadSelection, by: str, states: Iterable[str]) -> pd.DataFrame:
    """:func:`network.partners_by` computed by DuckDB."""
    key = _column(selection, by)
    df = selection.sql(
        f"""SELECT {key}, other AS partner, count(DISTINCT article_id) AS n_articles
            FROM {_source(selection, by, directed=True)}
            WHERE {key} IS NOT NULL AND list_contains($states, state)
              AND NOT list_contains($states, other)
            GROUP BY 1, 2 ORDER BY 1, 2""",
        {"states": list(states)},
    )
    return _frame(df, [by, "partner", "n_articles"], ["n_articles"])


def map_table(selection: DyadSelection, states: Iterable[str]) -> pd.DataFrame:
    """:func:`maps.map_table` computed by DuckDB."""
    from sahel_utils.analysis.countries import french_name

    wanted = sorted({m for s in states for m in (bloc_members(s) or {s})})
    df = selection.sql(
        """WITH d AS (SELECT * FROM {d} WHERE list_contains($w, state))
            SELECT * FROM (
              SELECT state AS country, 'focus state' AS role,
                     count(DISTINCT article_id) AS n_articles FROM d GROUP BY 1
              UNION ALL
              SELECT other, 'partner', count(DISTINCT article_id) FROM d
              WHERE NOT list_contains($w, other) GROUP BY 1)
            ORDER BY role <> 'focus state', n_articles DESC, country""",
        {"w": wanted},
    )
    df["name"] = [french_name(c) for c in df["country"]]
    return _frame(df, ["country", "name", "role", "n_articles"], ["n_articles"])


def partner_table(selection: DyadSelection, partner: str) -> pd.DataFrame:
    """:func:`maps.partner_table` computed by DuckDB."""
    from sahel_utils.analysis.countries import french_name

    columns = ["country", "name", "role", "n_articles"]
    df = selection.sql(
        """WITH d AS (SELECT * FROM {d} WHERE state = $p)
            SELECT * FROM (
              SELECT $p AS country, 'focus state' AS role,
                     count(DISTINCT article_id) AS n_articles, 0 AS k FROM d
              UNION ALL
              SELECT other, 'partner', count(DISTINCT article_id), 1 FROM d GROUP BY 1)
            WHERE n_articles > 0 ORDER BY k, n_articles DESC, country""",
        {"p": partner},
    )
    df["name"] = [french_name(c) for c in df["country"]]
    return _frame(df, columns, ["n_articles"])


def trend_counts(
    selection: DyadSelection, by: str, what: str, period: str, states: Iterable[str] = ()
) -> pd.DataFrame:
    """:func:`trends.trend_counts` computed by DuckDB (``by`` may be ``"outlet_country"``)."""
    if what not in ("domain", "partner"):
        raise ValueError(f"what must be 'domain' or 'partner', not {what!r}")
    key, when = _column(selection, by), _column(selection, period)
    dated = (
        f"(SELECT * FROM {_source(selection, by)} WHERE {key} IS NOT NULL AND {when} IS NOT NULL)"
    )
    if what == "domain":
        values = f"SELECT {key}, {when}, domain AS v, article_id FROM {dated} WHERE domain <> ''"
    else:
        values = f"""SELECT {key}, {when}, other AS v, article_id
                     FROM {_source(selection, by, directed=True)}
                     WHERE {key} IS NOT NULL AND {when} IS NOT NULL
                       AND list_contains($states, state) AND NOT list_contains($states, other)"""
    df = selection.sql(
        f"""WITH v AS ({values}),
            c AS (SELECT {key}, {when}, v, count(DISTINCT article_id) AS n_articles
                  FROM v GROUP BY 1, 2, 3),
            t AS (SELECT {key}, {when}, count(DISTINCT article_id) AS group_articles
                  FROM {dated} GROUP BY 1, 2)
            SELECT c.{key}, c.{when}, c.v AS "{what}", c.n_articles, t.group_articles
            FROM c JOIN t USING ({key}, {when})
            ORDER BY 1, 2, n_articles DESC, 3""",
        {"states": list(states)} if what == "partner" else None,
    )
    columns = [by, period, what, "n_articles", "group_articles"]
    return _frame(df, columns, ["n_articles", "group_articles"])


def partner_over_time(selection: DyadSelection, partner: str, period: str) -> pd.DataFrame:
    """:func:`trends.partner_over_time` computed by DuckDB."""
    when = _column(selection, period)
    df = selection.sql(
        f"""SELECT other AS counterpart, {when}, count(DISTINCT article_id) AS n_articles
            FROM {{d}} WHERE state = $p AND {when} IS NOT NULL AND {when} <> ''
            GROUP BY 1, 2 ORDER BY 2, 1""",
        {"p": partner},
    )
    return _frame(df, ["counterpart", period, "n_articles"], ["n_articles"])


def partner_view(selection: DyadSelection, partner: str) -> pd.DataFrame:
    """:func:`network.partner_view` computed by DuckDB.

    As there, an article counts once per (counterpart, domain), with the outlet and
    date of its first row; outlets are listed by count, ties by first appearance.
    """
    df = selection.sql(
        """WITH d AS (
              SELECT other AS counterpart,
                     CASE WHEN domain IS NOT NULL AND domain <> '' THEN domain ELSE '(none)' END
                       AS domain, article_id, outlet, "when", _row
              FROM {d} WHERE state = $p),
            kept AS (
              SELECT counterpart, domain, article_id, arg_min(outlet, _row) AS outlet,
                     arg_min_null("when", _row) AS "when", min(_row) AS _row
              FROM d GROUP BY 1, 2, 3),
            outlets AS (
              SELECT counterpart, domain, outlet, count(*) AS n, min(_row) AS seen
              FROM kept GROUP BY 1, 2, 3)
            SELECT k.counterpart, k.domain, count(*) AS n_articles,
                   any_value(o.outlets) AS outlets, min(k."when") AS first,
                   max(k."when") AS last
            FROM kept k JOIN (
              SELECT counterpart, domain,
                     string_agg(outlet || ' (' || n || ')', '; ' ORDER BY n DESC, seen) AS outlets
              FROM outlets GROUP BY 1, 2) o USING (counterpart, domain)
            GROUP BY 1, 2 ORDER BY n_articles DESC, counterpart, domain""",
        {"p": partner},
    )
    columns = ["counterpart", "domain", "n_articles", "outlets", "first", "last"]
    return _frame(df, columns, ["n_articles"])


def _with_evidence(selection: DyadSelection, rows: str, scan: str = "TRUE") -> str:
    """The selected rows ``rows`` (a query on the selection) with their evidence sentence.

    ``scan`` is a condition on the dyads file true of every row of ``rows`` (pushed into
    the Parquet scan, so that the evidence of other rows is not read).
    """
    dyads = str(paths.table_path("dyads", selection.db.directory)).replace("'", "''")
    return f"""(SELECT r.*, e.evidence FROM ({rows}) r JOIN (
        SELECT file_row_number AS _row, evidence
        FROM read_parquet('{dyads}', file_row_number = true) WHERE {scan}) e USING (_row))"""


def _evidence_of(selection: DyadSelection, page: pd.DataFrame) -> pd.Series:
    """The evidence sentences of the rows ``page["_row"]`` (a page: a few thousand rows).

    The row numbers' range is pushed into the Parquet scan (row groups outside it are
    skipped), then the rows are picked by a join.
    """
    if page.empty:
        return pd.Series([], dtype="object")
    dyads = str(paths.table_path("dyads", selection.db.directory))
    wanted = pd.DataFrame({"_row": page["_row"].astype("int64").to_numpy()})
    selection.db.con.register("_evidence_rows", wanted)
    try:
        found = selection.db.sql(
            """SELECT w._row, e.evidence FROM _evidence_rows w JOIN (
                 SELECT file_row_number AS _row, evidence
                 FROM read_parquet(?, file_row_number = true)
                 WHERE file_row_number BETWEEN ? AND ?) e USING (_row)""",
            [dyads, int(wanted["_row"].min()), int(wanted["_row"].max())],
        )
    finally:
        selection.db.con.unregister("_evidence_rows")
    by_row = dict(zip(found["_row"], found["evidence"], strict=True))
    return pd.Series([by_row[r] for r in page["_row"]], index=page.index, dtype="object")


def _paged(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """:func:`_frame` of a page, its ``attrs["rows"]`` the rows of every page (``_total``)."""
    total = int(df["_total"].iloc[0]) if not df.empty else 0
    out = _frame(df, columns)
    out.attrs["rows"] = total
    return out


def partner_evidence(
    selection: DyadSelection, partner: str, limit: int | None = None
) -> pd.DataFrame:
    """:func:`network.partner_evidence` computed by DuckDB (url from the articles).

    Args:
        selection: Dyad reports involving the partner (every country of the period).
        partner: The partner's code.
        limit: Only the first rows (None: all); ``attrs["rows"]`` holds the number of
            rows of the whole answer.

    """
    rows = """SELECT * FROM {t} WHERE _row IN (
        SELECT _row FROM {d} WHERE state = $p)"""
    bloc = "'" + EXPANDED_BLOC + "'"
    scan = f"(actor_a = $p OR actor_b = $p OR {bloc} IN (actor_a, actor_b))"
    order = '"when" NULLS LAST, article_id, _row'
    df = selection.sql(
        f"""WITH r AS (  -- each sentence once, with its first row's date
              SELECT article_id, pair, domain, evidence, min(_row) AS _row,
                     arg_min_null("when", _row) AS "when", any_value(outlet) AS outlet
              FROM {_with_evidence(selection, rows, scan)}
              GROUP BY article_id, pair, domain, evidence),
            page AS (
              SELECT article_id, pair, domain, "when", outlet, evidence, _row,
                     count(*) OVER () AS _total
              FROM r ORDER BY {order} LIMIT $limit)
            SELECT page.*, a.url FROM page
            LEFT JOIN (SELECT article_id, url FROM articles) a USING (article_id)
            ORDER BY {order}""",
        {"p": partner, "limit": _NO_LIMIT if limit is None else int(limit)},
    )
    return _paged(df, ["article_id", "pair", "domain", "when", "outlet", "evidence", "url"])


def domain_matrix(selection: DyadSelection, domains: Iterable[str] | None = None) -> pd.DataFrame:
    """:func:`network.domain_matrix` computed by DuckDB."""
    from sahel_utils.analysis.network import order_matrix

    long = selection.sql(
        """SELECT domain, pair, count(DISTINCT article_id) AS n FROM {t}
           WHERE domain IS NOT NULL GROUP BY 1, 2"""
    )
    if long.empty:
        return pd.DataFrame()
    matrix = long.pivot(index="domain", columns="pair", values="n").fillna(0).astype("int64")
    return order_matrix(matrix, domains)


def domain_shares(selection: DyadSelection, by: str) -> pd.DataFrame:
    """:func:`network.domain_shares` computed by DuckDB.

    As there, an (article, pair, domain) report counts once, under the ``by`` value
    of its first row.
    """
    key = _column(selection, by)
    df = selection.sql(
        f"""WITH k AS (
              SELECT arg_min({key}, _row) AS key, domain FROM {{t}}
              WHERE domain IS NOT NULL AND {key} IS NOT NULL
              GROUP BY article_id, actor_a, actor_b, domain),
            c AS (SELECT key AS {key}, domain, count(*) AS n FROM k GROUP BY 1, 2)
            SELECT *, n / sum(n) OVER (PARTITION BY {key}) AS share FROM c
            ORDER BY 1, share DESC, domain"""
    )
    df = _frame(df, [by, "domain", "n", "share"], ["n"])
    return df.astype({"share": "float64"}) if not df.empty else df


def counts_by_outlet(selection: DyadSelection, column: str) -> pd.DataFrame:
    """:func:`network.counts_by_outlet` computed by DuckDB."""
    key = _column(selection, column)
    df = selection.sql(
        f"""WITH c AS (
              SELECT outlet, {key}, count(DISTINCT article_id) AS n_articles FROM {{t}}
              WHERE {key} IS NOT NULL GROUP BY 1, 2),
            t AS (SELECT outlet, count(DISTINCT article_id) AS outlet_articles FROM {{t}}
                  GROUP BY 1)
            SELECT c.*, t.outlet_articles FROM c JOIN t USING (outlet)
            ORDER BY outlet, n_articles DESC, {key}"""
    )
    columns = ["outlet", column, "n_articles", "outlet_articles"]
    return _frame(df, columns, ["n_articles", "outlet_articles"])


def _pair_condition(pair: tuple[str, str]) -> str:
    """SQL true of the rows :func:`network.evidence_for` keeps for ``pair``.

    A row matches when one pair of ``expand_pair(actor_a, actor_b)`` is one of
    ``expand_pair(*pair)`` (each side is its bloc's members or itself), or when it
    names the two actors of ``pair`` in either order.
    """
    from sahel_utils.core.blocs import expand_pair

    members = _quoted(sorted_members(EXPANDED_BLOC))
    bloc = "'" + EXPANDED_BLOC + "'"

    def side(column: str) -> str:
        return f"(CASE WHEN {column} = {bloc} THEN {members} ELSE [{column}] END)"

    left, right = side("actor_a"), side("actor_b")
    low, high = _quoted([min(pair)])[1:-1], _quoted([max(pair)])[1:-1]
    conditions = [f"(least(actor_a, actor_b) = {low} AND greatest(actor_a, actor_b) = {high})"]
    for x, y in sorted(expand_pair(*pair) or {(min(pair), max(pair))}):
        if x == y:
            continue
        one, two = _quoted([x])[1:-1], _quoted([y])[1:-1]
        conditions.append(
            f"(list_contains({left}, {one}) AND list_contains({right}, {two}))"
            f" OR (list_contains({left}, {two}) AND list_contains({right}, {one}))"
        )
    return "(" + " OR ".join(conditions) + ")"


def evidence_for(
    selection: DyadSelection,
    pair: tuple[str, str] | None = None,
    domain: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """:func:`network.evidence_for` computed by DuckDB (rows in file order).

    Args:
        selection: The dyad reports.
        pair: One pair (order-free; a bloc pair matches its members), None for all.
        domain: One domain, None for all.
        limit: Only the first rows (None: all); ``attrs["rows"]`` holds the number of
            rows of the whole answer.

    """
    where, params = ["TRUE"], {}
    if pair is not None:
        where.append(_pair_condition(pair))
    if domain is not None:
        where.append("domain = $domain")
        params["domain"] = domain
    page = selection.sql(
        f"""SELECT *, count(*) OVER () AS _total FROM (
              SELECT *, row_number() OVER (
                PARTITION BY article_id, start, actor_a, actor_b, domain ORDER BY _row) AS k
              FROM {{t}} WHERE {" AND ".join(where)})
            WHERE k = 1 ORDER BY _row LIMIT $limit""",
        params | {"limit": _NO_LIMIT if limit is None else int(limit)},
    )
    page["evidence"] = _evidence_of(selection, page)
    columns = ["article_id", "outlet", "when", "actor_a", "actor_b", "domain", "evidence"]
    return _paged(page, columns)


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
    clusters = db.sql(
        """SELECT cluster_id, max(n_articles) AS most FROM claims
           WHERE kind = 'event' AND date IS NOT NULL GROUP BY cluster_id"""
    )
    top = clusters.sort_values(["most", "cluster_id"], ascending=[False, True], kind="stable")
    db.con.register("_top_clusters", top.head(max_clusters)[["cluster_id"]])
    try:  # the rows' numbers from two narrow columns, then those rows whole
        numbers = db.sql(
            """SELECT file_row_number AS n FROM read_parquet(?, file_row_number = true)
               JOIN _top_clusters USING (cluster_id) WHERE kind = 'event'""",
            [str(paths.table_path("claims", db.directory))],
        )["n"]
    finally:
        db.con.unregister("_top_clusters")
    return rows_by_number(db, "claims", numbers), len(clusters)


def rows_by_number(db: BuildTables, name: str, numbers: Iterable[int]) -> pd.DataFrame:
    """The rows of table ``name`` at these positions in its file, whole, in file order.

    The numbers are pushed into the Parquet scan: a few thousand rows of a table of
    millions are read without decoding the long texts of the others.
    """
    wanted = sorted({int(n) for n in numbers})
    if not wanted:
        return db.sql(f"SELECT * FROM {name} LIMIT 0")
    return db.sql(
        f"""SELECT * EXCLUDE (file_row_number) FROM read_parquet(?, file_row_number = true)
            WHERE file_row_number IN ({", ".join(map(str, wanted))}) ORDER BY file_row_number""",
        [str(paths.table_path(name, db.directory))],
    )


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
    row = _one_row(
        db.con.execute("SELECT count(DISTINCT cluster_id), count(DISTINCT article_id) FROM claims")
    )
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
    "DyadSelection",
    "agreement_matrix",
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
    "cluster_overview",
    "conflicting_claims",
    "corpus_counts",
    "counts_by_outlet",
    "dated_event_claims",
    "domain_matrix",
    "domain_shares",
    "dyads_of_articles",
    "evidence_for",
    "filter_dyads",
    "main_outlets",
    "map_table",
    "partner_edges",
    "partner_evidence",
    "partner_over_time",
    "partner_strength",
    "partner_table",
    "partner_view",
    "partners_by",
    "partners_of_states",
    "period_column",
    "removed_by_type",
    "removed_examples",
    "reuse_pairs",
    "rows_by_number",
    "select_dyads",
    "selection_summary",
    "showcase_article",
    "strongest_edges",
    "trend_counts",
    "verdict_counts",
]
