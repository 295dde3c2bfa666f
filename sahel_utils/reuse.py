"""PLACEHOLDER (owner: claims helper) — replace with the real reuse stage."""

from __future__ import annotations

import pandas as pd

from sahel_utils.tables import empty_table


def find_reuse(articles: pd.DataFrame) -> pd.DataFrame:
    """Pairs of articles where one duplicates or rewrites the other."""
    return empty_table("reuse")
