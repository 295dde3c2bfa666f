"""The timeline figure of notebook 05: events by country pair, every point numbered.

Readable at scale: when a few events lie far from the others in time (a 1919 treaty next to
2025 meetings), the time axis is broken in two panels instead of squeezing the recent events
into a corner; events of one pair that would overlap share one label ("22, 23, 28") instead
of printing numbers over each other. Numbers are those of the table below the figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

#: Colour per claim verdict.
VERDICT_COLOURS = {
    "corroborated": "tab:green",
    "single_source": "tab:gray",
    "conflicting": "tab:red",
}


def time_ranges(
    starts: Sequence[pd.Timestamp], ends: Sequence[pd.Timestamp], min_gap_years: float = 5.0
) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """One time range, or two when the widest gap between events dwarfs the rest.

    The axis is broken at the widest gap between consecutive events when that gap is longer
    than ``min_gap_years`` and than twice the time the events on either side span together.

    Returns:
        ``[(first, last)]`` or ``[(first, before_gap), (after_gap, last)]``, padded.

    """
    if not starts:
        return []
    spans = sorted(zip(starts, ends, strict=True))
    first, last = spans[0][0], max(e for _, e in spans)
    best_gap, cut = pd.Timedelta(0), None
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start - reach > best_gap:
            best_gap, cut = start - reach, (reach, start)
        reach = max(reach, end)
    ranges = [(first, last)]
    if cut is not None and best_gap > pd.Timedelta(days=365.25 * min_gap_years):
        covered = (cut[0] - first) + (last - cut[1])
        if best_gap > 2 * covered:
            ranges = [(first, cut[0]), (cut[1], last)]
    return [(a - _pad(a, b), b + _pad(a, b)) for a, b in ranges]


def _pad(start: pd.Timestamp, end: pd.Timestamp) -> pd.Timedelta:
    return max((end - start) * 0.05, pd.Timedelta(days=20))


def label_groups(
    xs: Sequence[float], numbers: Sequence[int], tolerance: float
) -> list[tuple[float, str]]:
    """Numbers of nearby points (within ``tolerance`` of the previous one) joined in one label.

    Returns:
        ``(x at the group's centre, "22, 23, 28")`` per group, in x order.

    """
    order = sorted(zip(xs, numbers, strict=True))
    groups: list[list[tuple[float, int]]] = []
    for x, number in order:
        if groups and x - groups[-1][-1][0] <= tolerance:
            groups[-1].append((x, number))
        else:
            groups.append([(x, number)])
    return [
        ((g[0][0] + g[-1][0]) / 2, ", ".join(str(n) for _, n in sorted(g, key=lambda p: p[1])))
        for g in groups
    ]


def draw_timeline(timeline: pd.DataFrame, title: str = "Reported events by partner pair") -> Any:
    """Events as bars (their date's precision) and points, one row per pair, numbered.

    Args:
        timeline: ``claims_views.timeline_events`` with a ``#`` column (the table's numbers).
        title: Figure title.

    Returns:
        The matplotlib figure.

    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    pairs = sorted(timeline["dyad"].unique()) if not timeline.empty else []
    if not pairs:
        fig, ax = plt.subplots(figsize=(10, 2.5))
        ax.text(0.5, 0.5, "no dated event", ha="center", va="center")
        ax.set_axis_off()
        ax.set_title(title)
        return fig
    ranges = time_ranges(list(timeline["start"]), list(timeline["end"]))
    widths = [max((b - a).days, 1) for a, b in ranges]
    ratios = [1.0] if len(ranges) == 1 else [1.0, 3.0] if widths[0] < widths[1] else [3.0, 1.0]
    fig, axes = plt.subplots(
        1,
        len(ranges),
        figsize=(11, max(2.5, 0.5 * len(pairs) + 1.2)),
        sharey=True,
        squeeze=False,
        gridspec_kw={"width_ratios": ratios},
        layout="constrained",
    )
    ypos = {pair: i for i, pair in enumerate(pairs)}
    for ax, (low, high) in zip(axes[0], ranges, strict=True):
        inside = timeline[(timeline["end"] >= low) & (timeline["start"] <= high)]
        _draw_events(ax, inside, ypos)
        ax.set_xlim(low, high)
        locator = mdates.AutoDateLocator(minticks=2, maxticks=7)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        tolerance = (high - low).total_seconds() / 86400 * 0.025
        for pair, group in inside.groupby("dyad"):
            middles = [
                mdates.date2num(s + (e - s) / 2)
                for s, e in zip(group.start, group.end, strict=True)
            ]
            for position, (x, text) in enumerate(
                label_groups(middles, list(group["#"]), tolerance)
            ):
                ax.annotate(
                    text,
                    (x, ypos[pair]),
                    xytext=(0, 9 if position % 2 == 0 else -15),
                    textcoords="offset points",
                    ha="center",
                    fontsize=7,
                )
    axes[0][0].set_yticks(range(len(pairs)), pairs)
    axes[0][0].set_ylim(-0.8, len(pairs) - 0.2)
    if len(ranges) == 2:  # the break between the two panels
        axes[0][0].spines["right"].set_visible(False)
        axes[0][1].spines["left"].set_visible(False)
        axes[0][1].tick_params(axis="y", left=False)
        for ax, x in ((axes[0][0], 1.0), (axes[0][1], 0.0)):
            ax.plot([x, x], [0, 1], transform=ax.transAxes, color="#555", ls=(0, (3, 3)), lw=1)
    for verdict, colour in VERDICT_COLOURS.items():
        axes[0][-1].scatter([], [], color=colour, label=verdict.replace("_", " "))
    axes[0][-1].legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    axes[0][len(ranges) // 2].set_xlabel(
        "date (the time axis is broken where the dashes are)" if len(ranges) == 2 else "date"
    )
    fig.suptitle(title)
    return fig


def _draw_events(ax: Any, events: pd.DataFrame, ypos: dict[str, int]) -> None:
    row: Any
    for row in events.itertuples(index=False):
        y = ypos[row.dyad]
        colour = VERDICT_COLOURS.get(row.verdict, "tab:blue")
        ax.hlines(y, row.start, row.end + pd.Timedelta(days=1), color=colour, lw=6, alpha=0.4)
        ax.scatter(
            row.start + (row.end - row.start) / 2,
            y,
            s=30 + 40 * row.n_sources,
            color=colour,
            zorder=3,
        )
