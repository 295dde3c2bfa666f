"""PLACEHOLDER (owner: dyads helper) — replace with the real dyad stage."""

from __future__ import annotations

import pandas as pd

from sahel_utils.tables import empty_table


def extract_dyads(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Partner pairs with domain and evidence, one row per (article, pair, domain, sentence)."""
    return empty_table("dyads")
