"""Tables the notebooks show: clusters, conflicts side by side, outlet agreement, timeline.

Everything here reads the ``claims``, ``reuse``, ``articles`` and ``dyads``
tables and aggregates them; notebooks only plot the results.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import Any, cast

import networkx as nx
import pandas as pd

from sahel_utils.relations.claims.dates import interval
from sahel_utils.relations.claims.extract import bloc_members

_CODE = re.compile(r"^[A-Z]{3}$")


#: How an article without a printed outlet is named: its raw file, marked as such.
NO_OUTLET = "{file} (no outlet)"


def outlet_of(articles: pd.DataFrame) -> dict[str, str]:
    """Article id to outlet name (``"<raw file> (no outlet)"`` when the outlet is unknown).

    The raw file stands in so that two unsigned files are not merged into one "source",
    and the mark keeps a file name from being read as an outlet's.
    """
    if articles is None or articles.empty:
        return {}
    out = {}
    for row in articles.itertuples(index=False):
        outlet = getattr(row, "outlet", None)
        out[str(row.article_id)] = (
            outlet if isinstance(outlet, str) and outlet else NO_OUTLET.format(file=row.source_file)
        )
    return out


def cluster_overview(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per cluster: kind, verdict, field, summary, number of articles and sources."""
    cols = [
        "cluster_id",
        "kind",
        "verdict",
        "field",
        "summary",
        "n_articles",
        "n_sources",
        "articles",
    ]
    if claims is None or claims.empty:
        return pd.DataFrame(columns=cols)
    grouped = claims.groupby("cluster_id", sort=True)
    out = grouped.agg(
        kind=("kind", "first"),
        verdict=("verdict", "first"),
        field=("field", "first"),
        summary=("summary", "first"),
        n_articles=("article_id", "nunique"),
        articles=("article_id", lambda s: ", ".join(sorted(s))),
    ).reset_index()
    if "n_sources" in claims:
        out["n_sources"] = grouped["n_sources"].first().to_numpy()
    else:
        out["n_sources"] = out["n_articles"]
    return (
        out[cols]
        .sort_values(["n_articles", "cluster_id"], ascending=[False, True])
        .reset_index(drop=True)
    )


def verdict_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Clusters per kind and verdict (clusters of two or more articles only)."""
    overview = cluster_overview(claims)
    multi = overview[overview["n_articles"] >= 2]
    if multi.empty:
        return pd.DataFrame(columns=["kind", "verdict", "clusters"])
    return multi.groupby(["kind", "verdict"]).size().rename("clusters").reset_index()


def conflict_sides(claims: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """For each conflicting cluster, the value and evidence of each article, one row per article."""
    cols = ["cluster_id", "field", "summary", "article_id", "outlet", "value", "evidence"]
    if claims is None or claims.empty:
        return pd.DataFrame(columns=cols)
    conflicts = claims[claims["verdict"] == "conflicting"].copy()
    if conflicts.empty:
        return pd.DataFrame(columns=cols)
    conflicts["outlet"] = conflicts["article_id"].map(outlet_of(articles))
    return conflicts[cols].sort_values(["cluster_id", "article_id"]).reset_index(drop=True)


def agreement_matrix(claims: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Between every two outlets: clusters they share, and how many agree or conflict.

    In a conflicting cluster, two outlets conflict when they give different values.

    Returns:
        Long table ``outlet_a``, ``outlet_b``, ``shared``, ``agree``, ``conflict``,
        ``agreement`` (share of shared clusters that agree; NaN when none).

    """
    cols = ["outlet_a", "outlet_b", "shared", "agree", "conflict", "agreement"]
    if claims is None or claims.empty:
        return pd.DataFrame(columns=cols)
    outlets = outlet_of(articles)
    counts: dict[tuple[str, str], list[int]] = {}
    for _, group in claims.groupby("cluster_id"):
        conflicting = group["verdict"].iloc[0] == "conflicting"
        values: dict[str, set] = {}
        for article_id, value in zip(group["article_id"], group["value"], strict=False):
            values.setdefault(outlets.get(article_id, article_id), set()).add(value)
        for a, b in combinations(sorted(values), 2):
            entry = counts.setdefault((a, b), [0, 0, 0])
            entry[0] += 1
            disagree = conflicting and not (values[a] & values[b])
            entry[2 if disagree else 1] += 1
    rows = [
        (a, b, n, agree, conflict, agree / n if n else float("nan"))
        for (a, b), (n, agree, conflict) in sorted(counts.items())
    ]
    return pd.DataFrame(rows, columns=cols)


def agreement_square(matrix: pd.DataFrame) -> pd.DataFrame:
    """The agreement table as a symmetric outlet x outlet matrix of agreement shares."""
    if matrix is None or matrix.empty:
        return pd.DataFrame()
    both = pd.concat(
        [matrix, matrix.rename(columns={"outlet_a": "outlet_b", "outlet_b": "outlet_a"})],
        ignore_index=True,
    )
    return both.pivot_table(
        index="outlet_a", columns="outlet_b", values="agreement", aggfunc="first"
    )


def agreement_labels(matrix: pd.DataFrame) -> pd.DataFrame:
    """Cell labels for the agreement heatmap, aligned with :func:`agreement_square`.

    ``"agree/shared"`` counts, so that a 1.00 from a single shared cluster reads ``1/1``.
    """
    square = agreement_square(matrix)
    if square.empty:
        return square
    text = {
        (a, b): f"{agree}/{shared}"
        for a, b, shared, agree in zip(
            matrix["outlet_a"], matrix["outlet_b"], matrix["shared"], matrix["agree"], strict=True
        )
    }
    text.update({(b, a): label for (a, b), label in text.items()})
    return pd.DataFrame(
        [[text.get((a, b), "") for b in square.columns] for a in square.index],
        index=square.index,
        columns=square.columns,
    )


def reuse_graph(reuse: pd.DataFrame, articles: pd.DataFrame | None = None) -> nx.Graph:
    """Articles as nodes (with their outlet), reuse pairs as edges (relation, score)."""
    graph = nx.Graph()
    outlets = outlet_of(articles) if articles is not None else {}
    if reuse is None or reuse.empty:
        return graph
    row: Any
    for row in reuse.itertuples(index=False):
        for node in (row.article_a, row.article_b):
            graph.add_node(node, outlet=outlets.get(node, ""))
        graph.add_edge(row.article_a, row.article_b, relation=row.relation, score=float(row.score))
    return graph


def reuse_labels(graph: nx.Graph, articles: pd.DataFrame | None, width: int = 28) -> dict:
    """Node labels for the reuse graph: the outlet, then the start of the title (or text).

    The figure's labels are short; the tables below the graph give ids and whole titles.
    """
    titles: dict[str, str] = {}
    if articles is not None and not articles.empty and "title" in articles:
        texts = articles["text"] if "text" in articles else [None] * len(articles)
        for a, t, text in zip(articles["article_id"], articles["title"], texts, strict=True):
            if isinstance(t, str) and t.strip():
                titles[str(a)] = t
            elif isinstance(text, str) and text.strip():  # no title: the opening words
                titles[str(a)] = " ".join(text.split()[:8])
    labels = {}
    for node, data in graph.nodes(data=True):
        title = titles.get(str(node), "")
        cut = title[: width - 1]
        cut = cut.rsplit(" ", 1)[0] if " " in cut.strip() else cut  # at a word's end
        short = title if len(title) <= width else cut.rstrip(" ,:;") + "…"
        labels[node] = f"{data.get('outlet') or node}\n{short}" if short else str(node)
    return labels


def _dyads_of(actors: object) -> list[tuple[str, str]]:
    """Pairs of states among actor keys; a bloc named in them stands for its members."""
    keys = set(str(actors or "").split(";"))
    codes = {a for a in keys if _CODE.match(a)}
    for bloc, members in bloc_members().items():
        if bloc in keys and members:
            codes = (codes - set(members)) | {bloc}
    return list(combinations(sorted(codes), 2))


def timeline_events(
    claims: pd.DataFrame, articles: pd.DataFrame, dyads: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Dated event clusters, one row per (cluster, dyad), with the sources behind each.

    A cluster's dyads are the pairs of states (the AES bloc standing for its
    members) among its actors; when the ``dyads`` table is given, only pairs it
    reports for one of the cluster's articles are kept.

    Returns:
        ``cluster_id``, ``dyad``, ``date``, ``start``, ``end`` (timestamps),
        ``verdict``, ``summary``, ``n_sources``, ``sources`` (outlets and articles).

    """
    cols = [
        "cluster_id",
        "dyad",
        "date",
        "start",
        "end",
        "verdict",
        "summary",
        "n_sources",
        "sources",
    ]
    if claims is None or claims.empty:
        return pd.DataFrame(columns=cols)
    events = claims[(claims["kind"] == "event") & claims["date"].notna()]
    if events.empty:
        return pd.DataFrame(columns=cols)
    reported: set[tuple[str, str, str]] = set()
    if dyads is not None and not dyads.empty:
        reported = set(zip(dyads["article_id"], dyads["actor_a"], dyads["actor_b"], strict=False))
    outlets = outlet_of(articles)
    rows = []
    for cluster_id, group in events.groupby("cluster_id", sort=True):
        best = group.loc[group["date"].map(lambda d: _width(d)).idxmin()]
        span = interval(cast("str | None", best["date"]))
        if span is None:
            continue
        pairs = set()
        for row in group.itertuples(index=False):
            for pair in _dyads_of(row.actors):
                if not reported or (row.article_id, *pair) in reported:
                    pairs.add(pair)
        sources = "; ".join(
            f"{outlets.get(a, a)} ({a})" for a in sorted(group["article_id"].unique())
        )
        for pair in sorted(pairs):
            rows.append(
                {
                    "cluster_id": cluster_id,
                    "dyad": f"{pair[0]}–{pair[1]}",
                    "date": best["date"],
                    "start": pd.Timestamp(span[0]),
                    "end": pd.Timestamp(span[1]),
                    "verdict": best["verdict"],
                    "summary": best["summary"],
                    "n_sources": int(best.get("n_sources", group["article_id"].nunique())),
                    "sources": sources,
                }
            )
    return pd.DataFrame(rows, columns=cols).sort_values(["dyad", "start"]).reset_index(drop=True)


def _width(value: str) -> int:
    span = interval(value)
    return (span[1] - span[0]).days if span else 10**6
