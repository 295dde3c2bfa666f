"""Aggregations of the dyads table for the partner and domain notebooks.

Every function takes the ``dyads`` table (and the ``articles`` table where outlets or
publication dates are needed) and returns a small DataFrame or a networkx graph, so that
notebooks stay thin. Counts are numbers of *articles*, never of sentences: an article
that repeats a partnership ten times is one report of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
import pandas as pd
from matplotlib.axes import Axes

from sahel_utils.annotation.domains import domain_ids
from sahel_utils.core.blocs import bloc_members, expand_pair

#: Sahel states whose partners the notebooks show by default.
SAHEL_STATES = ("MLI", "BFA", "NER")
UNKNOWN_OUTLET = "(outlet unknown)"


def dyad_reports(dyads: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Dyad rows with the article's outlet and a period date.

    Args:
        dyads: The dyads table.
        articles: The articles table (for ``outlet`` and ``published``); optional.

    Returns:
        The dyad rows plus ``pair`` ("MLI–RUS"), ``outlet`` (or ``"(outlet unknown)"``),
        ``when`` (the dyad's own date, else the article's publication date; a range
        keeps its start) and ``year`` / ``month`` strings (None when no date is known).

    """
    out = dyads.copy()
    if out.empty:
        for column in ("pair", "outlet", "when", "year", "month"):
            out[column] = pd.Series(dtype="object")
        return out
    out["pair"] = out["actor_a"] + "–" + out["actor_b"]
    published: dict[Any, Any] = {}
    outlets: dict[Any, Any] = {}
    if articles is not None and not articles.empty:
        for column, found in (("published", published), ("outlet", outlets)):
            if column in articles:
                found.update(zip(articles["article_id"], articles[column], strict=False))
    out["outlet"] = [
        outlets.get(a) if isinstance(outlets.get(a), str) and outlets.get(a) else UNKNOWN_OUTLET
        for a in out["article_id"]
    ]
    out["when"] = [
        _start_of(d) or _start_of(published.get(a))
        for d, a in zip(out["date"], out["article_id"], strict=True)
    ]
    out["year"] = [w[:4] if w else None for w in out["when"]]
    out["month"] = [w[:7] if w and len(w) >= 7 else None for w in out["when"]]
    return out


def _start_of(value: object) -> str | None:
    """The start of an ISO date or range (``2025-11-11/2025-11-14`` -> ``2025-11-11``)."""
    if not isinstance(value, str) or not value.strip():
        return None
    return value.split("/")[0].strip() or None


def involves(actor_a: str, actor_b: str, countries: Iterable[str]) -> bool:
    """Whether a pair involves one of ``countries`` (a bloc involves its members)."""
    wanted = set(countries)
    sides = {actor_a, actor_b}
    if "AES" in sides:
        sides |= bloc_members("AES")
    return bool(sides & wanted)


def filter_dyads(
    dyads: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    focus_countries: Iterable[str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    relation: str | None = "cooperation",
    modalities: Iterable[str] | None = ("reported", "planned"),
) -> pd.DataFrame:
    """Dyad reports (see :func:`dyad_reports`) restricted to countries and a date range.

    Args:
        dyads: The dyads table.
        articles: The articles table.
        focus_countries: Keep pairs involving one of these (ISO3; a bloc involves its
            members); None or empty keeps all.
        date_from: Keep rows dated on or after this ISO date (rows without a date are
            dropped when a bound is given).
        date_to: Keep rows dated on or before this ISO date (prefix comparison, so
            ``"2025"`` includes all of 2025).
        relation: Keep rows of this relation (``"cooperation"``, the default, or
            ``"tension"``); None keeps both. Tables without the column are all cooperation.
        modalities: Keep rows of these modalities (default reported and planned; add
            ``"denied"`` to see denied cooperation); None keeps all.

    Returns:
        The selected rows.

    """
    reports = dyad_reports(dyads, articles)
    if reports.empty:
        return reports
    keep = [True] * len(reports)
    if relation is not None and "relation" in reports:
        keep = [k and r == relation for k, r in zip(keep, reports["relation"], strict=True)]
    if modalities is not None and "modality" in reports:
        allowed = set(modalities)
        keep = [k and m in allowed for k, m in zip(keep, reports["modality"], strict=True)]
    if focus_countries:
        focus = list(focus_countries)
        pairs = zip(reports.actor_a, reports.actor_b, strict=True)
        keep = [k and involves(a, b, focus) for k, (a, b) in zip(keep, pairs, strict=True)]
    if date_from:
        keep = [
            k and bool(w) and _compare(w, date_from) >= 0
            for k, w in zip(keep, reports["when"], strict=True)
        ]
    if date_to:
        keep = [
            k and bool(w) and _compare(w, date_to) <= 0
            for k, w in zip(keep, reports["when"], strict=True)
        ]
    return reports[keep].reset_index(drop=True)


def _compare(when: str, bound: str) -> int:
    """Compare an ISO date with a bound at their common precision (-1, 0 or 1)."""
    size = min(len(when), len(bound))
    left, right = when[:size], bound[:size]
    return (left > right) - (left < right)


def partner_edges(dyads: pd.DataFrame) -> pd.DataFrame:
    """One row per pair: number of articles, dominant domain and per-domain article counts.

    Returns:
        Columns ``actor_a``, ``actor_b``, ``n_articles``, ``dominant_domain`` (the domain
        reported by most articles; ties in taxonomy order; None if no domain) and ``domains`` (a
        "domain:count; …" summary), sorted by ``n_articles`` descending.

    """
    columns = ["actor_a", "actor_b", "n_articles", "dominant_domain", "domains"]
    if dyads.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for (a, b), group in dyads.groupby(["actor_a", "actor_b"]):
        with_domain = group.dropna(subset=["domain"]).drop_duplicates(["article_id", "domain"])
        counts = with_domain["domain"].value_counts()
        ranked = sorted(
            counts.items(), key=lambda item: (-item[1], _rank(str(item[0])), str(item[0]))
        )
        rows.append(
            {
                "actor_a": a,
                "actor_b": b,
                "n_articles": group["article_id"].nunique(),
                "dominant_domain": ranked[0][0] if ranked else None,
                "domains": "; ".join(f"{d}:{n}" for d, n in ranked),
            }
        )
    edges = pd.DataFrame(rows, columns=columns)
    return edges.sort_values(["n_articles", "actor_a", "actor_b"], ascending=[False, True, True])


def _rank(domain: str) -> int:
    """Position of a domain in the taxonomy (unknown ids last)."""
    order = domain_ids()
    return order.index(domain) if domain in order else len(order)


def partner_graph(edges: pd.DataFrame) -> nx.Graph:
    """An undirected graph: actors as nodes, edges with ``weight`` (articles) and ``domain``."""
    graph = nx.Graph()
    row: Any
    for row in edges.itertuples(index=False):
        graph.add_edge(
            row.actor_a, row.actor_b, weight=int(row.n_articles), domain=row.dominant_domain
        )
    return graph


def partners_of_states(dyads: pd.DataFrame, states: Iterable[str] = SAHEL_STATES) -> pd.DataFrame:
    """Partners of each state, the bloc's pairs counting for each member.

    Returns:
        Columns ``state``, ``partner``, ``n_articles``, sorted by state then count.

    """
    columns = ["state", "partner", "n_articles"]
    wanted = list(states)
    rows = []
    row: Any
    for row in dyads.itertuples(index=False):
        for a, b in expand_pair(row.actor_a, row.actor_b):
            for state, partner in ((a, b), (b, a)):
                if state in wanted:
                    rows.append((state, partner, row.article_id))
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows, columns=["state", "partner", "article_id"])
    counts = frame.groupby(["state", "partner"])["article_id"].nunique().reset_index()
    counts = counts.rename(columns={"article_id": "n_articles"})
    return counts.sort_values(["state", "n_articles", "partner"], ascending=[True, False, True])


def partners_by(
    reports: pd.DataFrame, by: str, states: Iterable[str] = SAHEL_STATES
) -> pd.DataFrame:
    """Articles per (``by`` value, partner) for pairs involving ``states``.

    Args:
        reports: Output of :func:`dyad_reports` or :func:`filter_dyads`.
        by: A column of ``reports``, e.g. ``"outlet"`` or ``"year"``.
        states: The states whose partners are counted.

    Returns:
        Columns ``by``, ``partner``, ``n_articles``.

    """
    columns = [by, "partner", "n_articles"]
    wanted = set(states)
    rows = []
    row: Any
    for row in reports.itertuples(index=False):
        key = getattr(row, by)
        if key is None or (isinstance(key, float) and pd.isna(key)):
            continue
        for a, b in expand_pair(row.actor_a, row.actor_b):
            for state, partner in ((a, b), (b, a)):
                if state in wanted and partner not in wanted:
                    rows.append((key, partner, row.article_id))
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows, columns=[by, "partner", "article_id"])
    counts = frame.groupby([by, "partner"])["article_id"].nunique().reset_index()
    return counts.rename(columns={"article_id": "n_articles"})


def domain_matrix(dyads: pd.DataFrame, domains: Iterable[str] | None = None) -> pd.DataFrame:
    """Articles per domain (rows) and pair (columns), for the heatmap.

    Args:
        dyads: Dyads or dyad reports.
        domains: Row order (default: the domains present, by total).

    Returns:
        A DataFrame indexed by domain with one column per pair ("MLI–RUS").

    """
    with_domain = dyads.dropna(subset=["domain"])
    if with_domain.empty:
        return pd.DataFrame()
    pairs = with_domain["actor_a"] + "–" + with_domain["actor_b"]
    frame = with_domain.assign(pair=pairs).drop_duplicates(["article_id", "pair", "domain"])
    return order_matrix(pd.crosstab(frame["domain"], frame["pair"]), domains)


def order_matrix(matrix: pd.DataFrame, domains: Iterable[str] | None = None) -> pd.DataFrame:
    """Rows in ``domains`` order (default: by total), pair columns by total (ties by name).

    Args:
        matrix: Articles per domain (index, sorted) and pair (columns, sorted).
        domains: Row order; domains not listed are left out.

    Returns:
        The same counts, rows and columns ordered for the heatmap.

    """
    if domains is not None:
        matrix = matrix.reindex([d for d in domains if d in matrix.index])
    else:
        totals = matrix.sum(axis=1).sort_values(ascending=False, kind="stable")
        matrix = matrix.loc[totals.index]
    return matrix[matrix.sum(axis=0).sort_values(ascending=False, kind="stable").index]


def domain_shares(reports: pd.DataFrame, by: str) -> pd.DataFrame:
    """Share of each domain among the (article, pair, domain) reports of each ``by`` value.

    Returns:
        Columns ``by``, ``domain``, ``n``, ``share`` (shares sum to 1 per ``by`` value).

    """
    columns = [by, "domain", "n", "share"]
    frame = reports.dropna(subset=["domain", by]) if not reports.empty else reports
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame = frame.drop_duplicates(["article_id", "actor_a", "actor_b", "domain"])
    counts = frame.groupby([by, "domain"]).size().reset_index(name="n")
    counts["share"] = counts["n"] / counts.groupby(by)["n"].transform("sum")
    return counts.sort_values([by, "share"], ascending=[True, False]).reset_index(drop=True)


def evidence_for(
    reports: pd.DataFrame,
    pair: tuple[str, str] | None = None,
    domain: str | None = None,
) -> pd.DataFrame:
    """Evidence sentences of one pair (order-free) and, optionally, one domain.

    A pair with a bloc also matches the bloc's members ("MLI", "RUS" finds "AES–RUS").

    Returns:
        Columns ``article_id``, ``outlet``, ``when``, ``actor_a``, ``actor_b``,
        ``domain``, ``evidence``, one row per distinct sentence.

    """
    columns = ["article_id", "outlet", "when", "actor_a", "actor_b", "domain", "evidence"]
    if reports.empty:
        return pd.DataFrame(columns=columns)
    keep = [True] * len(reports)
    if pair is not None:
        wanted = expand_pair(*pair) or {(min(pair), max(pair))}
        keep = [
            bool(expand_pair(a, b) & wanted) or tuple(sorted((a, b))) == tuple(sorted(pair))
            for a, b in zip(reports.actor_a, reports.actor_b, strict=True)
        ]
    if domain is not None:
        keep = [k and d == domain for k, d in zip(keep, reports["domain"], strict=True)]
    selected = reports[keep]
    for column in columns:
        if column not in selected.columns:
            selected = selected.assign(**{column: None})
    selected = selected.drop_duplicates(["article_id", "start", "actor_a", "actor_b", "domain"])
    return selected[columns].reset_index(drop=True)


def period_column(reports: pd.DataFrame) -> str:
    """``"month"`` when the dated reports span at most two years, else ``"year"``."""
    years: Any = reports["year"].dropna().unique() if "year" in reports else []
    return "month" if len(years) <= 2 else "year"


def domain_palette(domains: Iterable[str]) -> dict[str, tuple[float, float, float]]:
    """A stable colour per domain id (tab20 colours in taxonomy order)."""
    import matplotlib

    colours = matplotlib.colormaps["tab20"].colors  # type: ignore[attr-defined]  # a ListedColormap
    return {d: tuple(colours[i % len(colours)]) for i, d in enumerate(domains)}


def draw_partner_network(
    graph: nx.Graph,
    ax: Axes,
    palette: dict[str, tuple[float, float, float]],
    highlight: Iterable[str] = (),
) -> None:
    """Draw the partner graph: edge width = articles, edge colour = dominant domain.

    Args:
        graph: Output of :func:`partner_graph`.
        ax: Matplotlib axes to draw on.
        palette: Colour per domain (see :func:`domain_palette`).
        highlight: Nodes drawn in a stronger colour (e.g. the focus countries).

    """
    from matplotlib.lines import Line2D

    ax.set_axis_off()
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no partner pair in this selection", ha="center", va="center")
        return
    layout = nx.spring_layout(graph, weight="weight", seed=7)
    wanted = set(highlight)
    weights = [graph.edges[e]["weight"] for e in graph.edges]
    top = max(weights) if weights else 1
    grey = (0.6, 0.6, 0.6)
    nx.draw_networkx_edges(
        graph,
        layout,
        ax=ax,
        width=[1.5 + 6 * w / top for w in weights],
        edge_color=[palette.get(graph.edges[e]["domain"], grey) for e in graph.edges],
    )
    nx.draw_networkx_nodes(
        graph,
        layout,
        ax=ax,
        node_size=[500 + 150 * graph.degree(n, weight="weight") for n in graph.nodes],
        node_color=["#e76f51" if n in wanted else "#8ecae6" for n in graph.nodes],
    )
    nx.draw_networkx_labels(graph, layout, ax=ax, font_size=9)
    shown = sorted({graph.edges[e]["domain"] for e in graph.edges if graph.edges[e]["domain"]})
    handles = [Line2D([0], [0], color=palette.get(d, grey), lw=4, label=d) for d in shown]
    if any(not graph.edges[e]["domain"] for e in graph.edges):
        handles.append(Line2D([0], [0], color=grey, lw=4, label="(no domain cue)"))
    if handles:
        # beside the graph, never over its nodes
        ax.legend(
            handles=handles,
            title="dominant domain",
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            fontsize=8,
        )


def parse_pair(text: str) -> tuple[str, str] | None:
    """``"MLI-RUS"`` (or ``"MLI–RUS"``, ``"MLI/RUS"``) -> ``("MLI", "RUS")``; empty -> None.

    Raises:
        ValueError: If the text does not name two actors.

    """
    if not text or not text.strip():
        return None
    parts = [p.strip().upper() for p in text.replace("–", "-").replace("/", "-").split("-")]
    parts = [p for p in parts if p]
    if len(parts) != 2:
        raise ValueError(f"expected two actors such as 'MLI-RUS', got {text!r}")
    return parts[0], parts[1]


def selection_summary(
    dyads: pd.DataFrame,
    reports: pd.DataFrame,
    focus_countries: Iterable[str] = (),
    date_from: str | None = None,
    date_to: str | None = None,
) -> str:
    """One line saying how many dyad rows and articles the selection keeps."""
    focus = ", ".join(focus_countries) or "all countries"
    n_all = dyads["article_id"].nunique() if not dyads.empty else 0
    n_kept = reports["article_id"].nunique() if not reports.empty else 0
    return (
        f"{len(dyads)} dyad rows in {n_all} articles; {len(reports)} rows in {n_kept} articles "
        f"selected (focus: {focus}; dates: {date_from or '…'} to {date_to or '…'})"
    )


def partner_strength(reports: pd.DataFrame, states: Iterable[str] = SAHEL_STATES) -> pd.DataFrame:
    """Articles per partner of ``states`` (a bloc pair counts for its members), strongest first.

    Returns:
        Columns ``partner``, ``n_articles``.

    """
    columns = ["partner", "n_articles"]
    wanted = set(states)
    rows = []
    row: Any
    for row in reports.itertuples(index=False):
        for a, b in expand_pair(row.actor_a, row.actor_b):
            for state, partner in ((a, b), (b, a)):
                if state in wanted and partner not in wanted:
                    rows.append((partner, row.article_id))
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows, columns=["partner", "article_id"])
    counts = frame.groupby("partner")["article_id"].nunique().reset_index(name="n_articles")
    return counts.sort_values(["n_articles", "partner"], ascending=[False, True]).reset_index(
        drop=True
    )


def strongest_edges(
    edges: pd.DataFrame, reports: pd.DataFrame, states: Iterable[str], top_n: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Edges restricted to the ``top_n`` strongest partners of ``states``, and the rest.

    Args:
        edges: Output of :func:`partner_edges`.
        reports: The selected dyad reports (to rank partners by articles).
        states: The focus states (always kept, with AES).
        top_n: Partners kept.

    Returns:
        ``(kept_edges, others)``: the edges between kept actors, and one row per partner
        left out (``partner``, ``n_articles``) so that the report can summarise them.

    """
    return keep_strongest(edges, partner_strength(reports, states), states, top_n)


def keep_strongest(
    edges: pd.DataFrame, strength: pd.DataFrame, states: Iterable[str], top_n: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`strongest_edges` from the partners' strength (:func:`partner_strength`)."""
    states = list(states)
    kept = set(strength["partner"].head(top_n)) | set(states) | {"AES"}
    others = strength.iloc[top_n:].reset_index(drop=True)
    if edges.empty:
        return edges, others
    inside = [
        a in kept and b in kept for a, b in zip(edges["actor_a"], edges["actor_b"], strict=True)
    ]
    return edges[inside].reset_index(drop=True), others


def partner_view(reports: pd.DataFrame, partner: str) -> pd.DataFrame:
    """Everything one partner does: with whom (each Sahel state), in what domain, where, when.

    Args:
        reports: Dyad reports (:func:`dyad_reports` or :func:`filter_dyads`, unfiltered by
            focus country so that every counterpart shows).
        partner: The partner's code, e.g. ``"TUR"``.

    Returns:
        One row per (counterpart, domain): ``counterpart``, ``domain`` ("(none)" when no
        domain cue), ``n_articles``, ``outlets`` (with counts), ``first`` and ``last`` date.

    """
    columns = ["counterpart", "domain", "n_articles", "outlets", "first", "last"]
    rows = []
    row: Any
    for row in reports.itertuples(index=False):
        for a, b in expand_pair(row.actor_a, row.actor_b):
            if partner in (a, b):
                counterpart = b if a == partner else a
                domain = row.domain if isinstance(row.domain, str) and row.domain else "(none)"
                rows.append((counterpart, domain, row.article_id, row.outlet, row.when))
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows, columns=["counterpart", "domain", "article_id", "outlet", "when"])
    frame = frame.drop_duplicates(["counterpart", "domain", "article_id"])
    out = []
    for (other, other_domain), group in frame.groupby(["counterpart", "domain"]):
        outlets = group["outlet"].value_counts()
        dates = sorted(w for w in group["when"] if isinstance(w, str) and w)
        out.append(
            {
                "counterpart": other,
                "domain": other_domain,
                "n_articles": group["article_id"].nunique(),
                "outlets": "; ".join(f"{o} ({n})" for o, n in outlets.items()),
                "first": dates[0] if dates else None,
                "last": dates[-1] if dates else None,
            }
        )
    view = pd.DataFrame(out, columns=columns)
    return view.sort_values(["n_articles", "counterpart", "domain"], ascending=[False, True, True])


def partner_evidence(
    reports: pd.DataFrame, partner: str, articles: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The evidence sentences of one partner's dyads, whole, with outlet, date and source URL."""
    columns = ["article_id", "pair", "domain", "when", "outlet", "evidence", "url"]
    if reports.empty:
        return pd.DataFrame(columns=columns)
    mask = [
        any(partner in pair for pair in expand_pair(a, b))
        for a, b in zip(reports["actor_a"], reports["actor_b"], strict=True)
    ]
    rows = reports[mask].copy()
    urls: dict[Any, Any] = {}
    if articles is not None and "url" in articles:
        urls = dict(zip(articles["article_id"], articles["url"], strict=False))
    rows["url"] = [urls.get(a) for a in rows["article_id"]]
    rows = rows.drop_duplicates(["article_id", "pair", "domain", "evidence"])
    return rows[columns].sort_values(["when", "article_id"], na_position="last")


def counts_by_outlet(reports: pd.DataFrame, column: str) -> pd.DataFrame:
    """Articles per outlet and value of ``column`` (e.g. ``"domain"``, ``"pair"``), with totals.

    Returns:
        Columns ``outlet``, ``column``, ``n_articles`` and ``outlet_articles`` (the outlet's
        articles in the selection, to read each count against).

    """
    columns = ["outlet", column, "n_articles", "outlet_articles"]
    if reports.empty:
        return pd.DataFrame(columns=columns)
    rows = reports.dropna(subset=[column])
    counts = rows.groupby(["outlet", column])["article_id"].nunique().reset_index(name="n_articles")
    totals = reports.groupby("outlet")["article_id"].nunique()
    counts["outlet_articles"] = counts["outlet"].map(totals)
    return counts.sort_values(["outlet", "n_articles"], ascending=[True, False]).reset_index(
        drop=True
    )
