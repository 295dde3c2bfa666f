"""PLACEHOLDER (owner: NLP helper) — replace with the real tagging stage."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from sahel_utils.tables import empty_table

TAG_TABLES = ("mentions", "timex", "quotes", "sentences", "domains")


def tag_articles(
    articles: pd.DataFrame,
    cache_dir: Path | None = None,
    n_process: int = 1,
    batch_size: int = 32,
    progress: bool = False,
) -> dict[str, pd.DataFrame]:
    """Tag French articles; returns mentions, timex, quotes, sentences, domains tables."""
    return {name: empty_table(name) for name in TAG_TABLES}
