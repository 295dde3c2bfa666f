"""Corpus overview tables for the notebooks: counts by outlet and month, removed parts.

Small, tested aggregations so that notebooks stay thin. Every function takes
tables from ``data/processed/`` and returns a DataFrame ready to display or plot.
"""

from __future__ import annotations

import pandas as pd

UNKNOWN = "(not printed)"
SNIPPET_CHARS = 160


def articles_per_outlet(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles and words per outlet, most articles first.

    Args:
        articles: The ``articles`` table.

    Returns:
        Columns ``outlet``, ``articles``, ``words``; articles that print no outlet
        are counted under ``"(not printed)"``.

    """
    outlet = articles["outlet"].fillna(UNKNOWN).replace("", UNKNOWN)
    grouped = (
        articles.assign(outlet=outlet)
        .groupby("outlet", dropna=False)
        .agg(articles=("article_id", "count"), words=("n_words", "sum"))
        .reset_index()
    )
    return grouped.sort_values(["articles", "outlet"], ascending=[False, True]).reset_index(
        drop=True
    )


def articles_per_month(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per publication month (``YYYY-MM``), in date order.

    Args:
        articles: The ``articles`` table.

    Returns:
        Columns ``month`` and ``articles``; articles without a printed date are
        one row ``"(not printed)"`` at the end.

    """
    published = articles["published"].fillna("").astype(str)
    month = published.str.slice(0, 7).where(published.str.len() >= 7, UNKNOWN)
    counts = month.value_counts().rename_axis("month").reset_index(name="articles")
    counts["_unknown"] = counts["month"] == UNKNOWN
    counts = counts.sort_values(["_unknown", "month"], kind="mergesort")
    return counts.drop(columns="_unknown").reset_index(drop=True)


def removed_by_type(segments: pd.DataFrame) -> pd.DataFrame:
    """What was removed as boilerplate: segments and characters per type.

    Args:
        segments: The ``segments`` table.

    Returns:
        Columns ``segment_type``, ``segments``, ``characters``, largest first.

    """
    if segments.empty:
        return pd.DataFrame(columns=["segment_type", "segments", "characters"])
    chars = segments["end"].astype("int64") - segments["start"].astype("int64")
    grouped = (
        segments.assign(characters=chars)
        .groupby("segment_type")
        .agg(segments=("segment_type", "size"), characters=("characters", "sum"))
        .reset_index()
    )
    return grouped.sort_values(
        ["segments", "segment_type"], ascending=[False, True], kind="mergesort"
    ).reset_index(drop=True)


def article_browser(articles: pd.DataFrame, snippet_chars: int = SNIPPET_CHARS) -> pd.DataFrame:
    """One row per article with its metadata and the opening of its body.

    Args:
        articles: The ``articles`` table.
        snippet_chars: How many characters of the body to show.

    Returns:
        Columns ``article_id``, ``published``, ``outlet``, ``author``, ``title``,
        ``language``, ``n_words``, ``opening``.

    """
    columns = ["article_id", "published", "outlet", "author", "title", "language", "n_words"]
    view = articles[columns].copy()
    text = articles["text"].fillna("").str.replace(r"\s+", " ", regex=True)
    view["opening"] = text.str.slice(0, snippet_chars)
    return view.reset_index(drop=True)


def showcase_article(tables: dict[str, pd.DataFrame]) -> str:
    """The article with the most entity mentions (the first article if none).

    Args:
        tables: The build's tables (needs ``articles``; uses ``mentions`` if present).

    Returns:
        An ``article_id``.

    """
    articles = tables["articles"]
    if articles.empty:
        raise ValueError("the articles table is empty")
    mentions = tables.get("mentions")
    if mentions is None or mentions.empty:
        return str(articles["article_id"].iloc[0])
    counts = mentions.groupby("article_id").size().rename("n").reset_index()
    counts = counts.sort_values(["n", "article_id"], ascending=[False, True])
    return str(counts["article_id"].iloc[0])


ANNOTATION_COLUMNS = {
    "mentions": ["start", "end", "text", "entity_type", "entity_id", "country", "source"],
    "timex": ["start", "end", "text", "value", "anchor"],
    "quotes": ["start", "end", "text", "speaker", "cue"],
}


def article_annotations(
    article_id: str, tables: dict[str, pd.DataFrame]
) -> dict[str, pd.DataFrame]:
    """An article's mentions, dates and quotes, each in text order.

    Args:
        article_id: The article.
        tables: The build's tables (``mentions``, ``timex``, ``quotes``; a
            missing table gives an empty frame).

    Returns:
        ``{"mentions": ..., "timex": ..., "quotes": ...}``.

    """
    out = {}
    for name, columns in ANNOTATION_COLUMNS.items():
        table = tables.get(name)
        if table is None or table.empty:
            out[name] = pd.DataFrame(columns=columns)
            continue
        rows = table[table["article_id"] == article_id]
        present = [c for c in columns if c in rows.columns]
        out[name] = rows.sort_values(["start", "end"], kind="mergesort")[present].reset_index(
            drop=True
        )
    return out
