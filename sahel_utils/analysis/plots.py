"""Figure style, figure saving (PNG + the CSV of its data) and entity rendering.

Every figure in a notebook is saved with ``save_figure`` so that a reader of the
report can get both the image and the numbers behind it from ``reports/figures/``.
``render_entities`` draws an article's entities with displaCy in manual mode
from the ``mentions`` table: notebooks never re-run the NLP pipeline.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use(os.environ.get("MPLBACKEND", "Agg"))

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from sahel_utils.analysis.html import escape
from sahel_utils.core import paths  # noqa: E402
from sahel_utils.core.tables import _usual_permissions, write_text_atomic  # noqa: E402

#: displaCy colours per ``mentions.entity_type``.
ENTITY_COLORS = {
    "COUNTRY": "#f4a261",
    "PERSON": "#8ecae6",
    "ORGANIZATION": "#b5e48c",
    "PLACE": "#e9c46a",
    "BLOC": "#cdb4db",
    "DATE": "#dddddd",
}


def set_style() -> None:
    """Apply the suite's figure style (seaborn whitegrid, readable sizes)."""
    sns.set_theme(style="whitegrid", context="notebook", palette="deep")
    plt.rcParams.update({"figure.figsize": (8, 4), "figure.dpi": 100, "savefig.dpi": 150})


def save_figure(
    fig: Figure, data: pd.DataFrame, name: str, figures_dir: Path | str | None = None
) -> tuple[Path, Path]:
    """Save ``fig`` as ``<name>.png`` and ``data`` as ``<name>.csv``.

    Both files are written atomically under ``figures_dir`` (default
    ``reports/figures/``).

    Args:
        fig: The matplotlib figure.
        data: The data the figure shows.
        name: File stem, e.g. ``"01-articles-per-outlet"``.
        figures_dir: Output folder.

    Returns:
        Paths of the PNG and the CSV.

    """
    folder = Path(figures_dir) if figures_dir else paths.FIGURES
    folder.mkdir(parents=True, exist_ok=True)
    png = folder / f"{name}.png"
    csv = folder / f"{name}.csv"
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".png", dir=folder)
    os.close(fd)
    _usual_permissions(tmp)
    try:
        fig.savefig(tmp, bbox_inches="tight", format="png")
        os.replace(tmp, png)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    write_text_atomic(csv, data.to_csv(index=False))
    return png, csv


def _non_overlapping(spans: pd.DataFrame) -> pd.DataFrame:
    """Keep the longest of overlapping spans (displaCy needs disjoint spans)."""
    if spans.empty:
        return spans
    ranked = spans.assign(_len=spans["end"] - spans["start"]).sort_values(
        ["_len", "start"], ascending=[False, True], kind="mergesort"
    )
    taken: list[tuple[int, int]] = []
    keep = []
    for idx, row in ranked.iterrows():
        start, end = int(row["start"]), int(row["end"])
        if end <= start or any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        keep.append(idx)
    return spans.loc[keep].sort_values("start", kind="mergesort")


def entity_spans(article_id: str, mentions: pd.DataFrame) -> list[dict]:
    """DisplaCy manual-mode ``ents`` for one article from the mentions table.

    Args:
        article_id: The article.
        mentions: The ``mentions`` table (``start``, ``end``, ``entity_type``,
            ``entity_id``).

    Returns:
        Sorted, non-overlapping ``{"start", "end", "label"}`` dicts; the label is
        the entity type, followed by the canonical id when there is one
        (HTML-escaped).

    """
    rows = mentions[mentions["article_id"] == article_id]
    rows = _non_overlapping(rows)
    ents = []
    row: Any
    for row in rows.itertuples():
        label = str(row.entity_type).upper()
        entity_id = getattr(row, "entity_id", None)
        if isinstance(entity_id, str) and entity_id:
            label = f"{label} {entity_id}"
        ents.append({"start": int(row.start), "end": int(row.end), "label": escape(label)})
    return ents


def render_entities(article_id: str, articles: pd.DataFrame, mentions: pd.DataFrame | None) -> str:
    """HTML of one article with its entities highlighted (displaCy, manual mode).

    displaCy escapes the article text; the title and labels are escaped here, so
    the HTML is safe to display.

    Args:
        article_id: The article to show.
        articles: The ``articles`` table.
        mentions: The ``mentions`` table (None: the text without entities).

    Returns:
        An HTML fragment.

    """
    from spacy import displacy

    match = articles[articles["article_id"] == article_id]
    if match.empty:
        raise KeyError(f"no article {article_id!r}")
    article = match.iloc[0]
    ents = entity_spans(article_id, mentions) if mentions is not None else []
    labels = sorted({e["label"] for e in ents})
    colors = {label: ENTITY_COLORS.get(label.split(" ")[0], "#dddddd") for label in labels}
    title = article.get("title")
    doc = {
        "text": str(article["text"]),
        "ents": ents,
        "title": escape(title) if isinstance(title, str) and title else None,
    }
    return displacy.render(
        doc, style="ent", manual=True, page=False, jupyter=False, options={"colors": colors}
    )


def count_labels(grid: pd.DataFrame) -> pd.DataFrame:
    """Heat-map cell labels for counts: the count, or nothing for zero (zeros are noise)."""
    return grid.map(lambda v: "" if pd.isna(v) or v == 0 else f"{v:g}")
