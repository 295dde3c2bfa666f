"""Domain and partner trends by outlet and by the outlet's country, as counts.

An outlet's country comes from ``analysis/resources/fr/outlet_countries.yaml`` (outlet
name -> ISO 3166 alpha-3, read through the schema-checked lexicon loader); an outlet it
does not list is counted under ``"(country unknown)"``. Every count is a number of
*articles*, shown next to the number of articles of the same group and period, so that a
share computed from two articles is not read as a trend.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from sahel_utils.core import paths
from sahel_utils.core.blocs import expand_pair
from sahel_utils.core.lexicon import Lexicon, load_lexicon, register_schema
from sahel_utils.core.normalize import fold

UNKNOWN_COUNTRY = "(country unknown)"
OUTLET_COUNTRIES = paths.stage_resources("analysis") / "outlet_countries.yaml"


@register_schema("analysis", "outlet_countries.yaml")
class OutletCountriesFile(Lexicon):
    """Schema of ``outlet_countries.yaml``: outlet name -> ISO 3166 alpha-3 code."""

    countries: dict[str, str]


@functools.lru_cache(maxsize=1)
def _outlet_countries() -> dict[str, str]:
    data = load_lexicon(OUTLET_COUNTRIES, OutletCountriesFile)
    return {fold(name): code.strip().upper() for name, code in data.countries.items()}


def outlet_country(outlet: object) -> str:
    """The ISO alpha-3 code of an outlet's country, or ``"(country unknown)"``."""
    if not isinstance(outlet, str) or not outlet.strip():
        return UNKNOWN_COUNTRY
    return _outlet_countries().get(fold(outlet), UNKNOWN_COUNTRY)


def with_outlet_country(reports: pd.DataFrame) -> pd.DataFrame:
    """A copy of the dyad reports with an ``outlet_country`` column (after ``outlet``)."""
    out = reports.copy()
    countries = [outlet_country(o) for o in out["outlet"]] if "outlet" in out else []
    out["outlet_country"] = pd.Series(countries, index=out.index, dtype="object")
    return out


def _rows(reports: pd.DataFrame, what: str, states: set[str]) -> list[tuple[Any, str]]:
    """``(row index, value)`` pairs: the row's domain, or each partner of ``states``."""
    out: list[tuple[Any, str]] = []
    row: Any
    for index, row in zip(reports.index, reports.itertuples(index=False), strict=True):
        if what == "domain":
            if isinstance(row.domain, str) and row.domain:
                out.append((index, row.domain))
            continue
        for a, b in expand_pair(row.actor_a, row.actor_b):
            for state, partner in ((a, b), (b, a)):
                if state in states and partner not in states:
                    out.append((index, partner))
    return out


def trend_counts(
    reports: pd.DataFrame,
    by: str,
    what: str,
    period: str,
    states: Iterable[str] = (),
) -> pd.DataFrame:
    """Articles per group, period and domain (or partner), with the group's articles.

    Args:
        reports: Dyad reports (``network.filter_dyads``), with an ``outlet_country``
            column when ``by`` is ``"outlet_country"`` (see :func:`with_outlet_country`).
        by: ``"outlet"`` or ``"outlet_country"`` (any column of ``reports``).
        what: ``"domain"`` or ``"partner"`` (partners of ``states``; a bloc pair counts
            for its members).
        period: ``"year"`` or ``"month"``; undated rows are left out.
        states: The focus states, for ``what="partner"``.

    Returns:
        Columns ``by``, ``period``, ``what``, ``n_articles`` (articles of the group and
        period reporting that value) and ``group_articles`` (the group's dated articles
        of that period in the selection), sorted by group, period, then count.

    """
    if what not in ("domain", "partner"):
        raise ValueError(f"what must be 'domain' or 'partner', not {what!r}")
    columns = [by, period, what, "n_articles", "group_articles"]
    if reports.empty or by not in reports or period not in reports:
        return pd.DataFrame(columns=columns)
    dated = reports[reports[period].notna() & reports[by].notna()]
    pairs = _rows(dated, what, set(states))
    if not pairs:
        return pd.DataFrame(columns=columns)
    index, values = zip(*pairs, strict=True)
    frame = dated.loc[list(index), [by, period, "article_id"]].assign(**{what: list(values)})
    counts = (
        frame.groupby([by, period, what])["article_id"].nunique().reset_index(name="n_articles")
    )
    totals = dated.groupby([by, period])["article_id"].nunique().rename("group_articles")
    counts = counts.join(totals, on=[by, period])
    return counts.sort_values(
        [by, period, "n_articles", what], ascending=[True, True, False, True]
    ).reset_index(drop=True)


def top_values(counts: pd.DataFrame, what: str, n: int) -> list[str]:
    """The ``n`` values of ``what`` with the most articles over all groups and periods."""
    if counts.empty:
        return []
    totals = counts.groupby(what)["n_articles"].sum().sort_values(ascending=False)
    return [str(v) for v in totals.index[:n]]


def trend_grid(
    counts: pd.DataFrame,
    by: str,
    what: str,
    period: str,
    top: int = 8,
    label: Callable[[str], str] | None = None,
) -> pd.DataFrame:
    """The counts as one grid: per group, a row of its articles then one row per value.

    The ``top`` values with the most articles over all groups are kept, the others summed
    in ``"other"``. Rows are labelled ``"<group> · <value>"`` (``"<group> · all articles"``
    for the group's articles), each name passed through ``label`` when given (e.g.
    ``countries.labelled``); columns are the periods in order; cells are articles.
    """
    name = label or str
    if counts.empty:
        return pd.DataFrame()
    kept = top_values(counts, what, top)
    shown = counts.assign(**{what: counts[what].where(counts[what].isin(kept), "other")})
    periods = sorted(shown[period].unique())
    order = kept + (["other"] if (shown[what] == "other").any() else [])
    rows: dict[str, pd.Series] = {}
    for group in sorted(shown[by].unique()):
        part = shown[shown[by] == group]
        totals = part.drop_duplicates(period).set_index(period)["group_articles"]
        rows[f"{name(group)} · all articles"] = totals.reindex(periods)
        grid = part.pivot_table(index=what, columns=period, values="n_articles", aggfunc="sum")
        for value in order:
            if value in grid.index:
                shown_value = value if value == "other" else name(value)
                rows[f"{name(group)} · {shown_value}"] = grid.loc[value].reindex(periods)
    return pd.DataFrame(rows).T.fillna(0).astype(int)


def draw_trends(grid: pd.DataFrame, title: str = "", period: str = "period") -> Any:
    """Heat map of :func:`trend_grid`, every cell annotated with its count.

    Each group's "all articles" row is grey and bold; the value rows are shaded by count.

    Returns:
        The matplotlib figure.

    """
    import matplotlib.pyplot as plt
    import numpy as np
    import seaborn as sns
    from matplotlib.ticker import MaxNLocator

    if grid.empty:
        fig, ax = plt.subplots(figsize=(8, 2))
        ax.text(0.5, 0.5, "no dated report in this selection", ha="center", va="center")
        ax.set_axis_off()
        return fig
    is_total = np.array([label.endswith("· all articles") for label in grid.index])
    fig, ax = plt.subplots(
        figsize=(2.5 + 0.75 * grid.shape[1], 1.0 + 0.32 * grid.shape[0]), layout="constrained"
    )
    mask = np.repeat(is_total[:, None], grid.shape[1], axis=1)
    values = grid.astype(float).where(~mask)
    sns.heatmap(
        values,
        annot=grid.where(grid > 0, ""),
        fmt="",
        cmap="Blues",
        vmin=0,
        cbar_kws={"label": "articles", "shrink": 0.5},
        linewidths=0.5,
        linecolor="white",
        ax=ax,
    )
    sns.heatmap(
        grid.astype(float).where(mask),
        annot=grid.where(grid > 0, ""),
        fmt="",
        cmap="Greys",
        vmin=0,
        vmax=float(grid.to_numpy().max()) * 4,
        cbar=False,
        linewidths=0.5,
        linecolor="white",
        annot_kws={"fontweight": "bold"},
        ax=ax,
    )
    colour_bar = ax.collections[0].colorbar
    if colour_bar is not None:  # counts of articles: whole numbers
        colour_bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    for position in np.flatnonzero(is_total)[1:]:
        ax.axhline(position, color="#343a40", linewidth=1.2)
    ax.set(xlabel=period, ylabel="")
    ax.tick_params(axis="y", labelsize=8)
    if title:
        ax.set_title(title)
    return fig


def partner_over_time(reports: pd.DataFrame, partner: str, period: str) -> pd.DataFrame:
    """Articles per period and counterpart in which ``partner`` is reported cooperating.

    A bloc pair counts for each member (``"AES–TUR"`` is a report with MLI, BFA and NER).

    Returns:
        Columns ``counterpart``, ``period``, ``n_articles``; undated rows are left out.

    """
    columns = ["counterpart", period, "n_articles"]
    rows = []
    row: Any
    for row in reports.itertuples(index=False):
        when = getattr(row, period, None)
        if not isinstance(when, str) or not when:
            continue
        for a, b in expand_pair(row.actor_a, row.actor_b):
            if partner in (a, b):
                rows.append((b if a == partner else a, when, row.article_id))
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows, columns=["counterpart", period, "article_id"])
    counts = frame.groupby(["counterpart", period])["article_id"].nunique()
    return counts.reset_index(name="n_articles").sort_values([period, "counterpart"])
