"""PLACEHOLDER (owner: claims helper) — replace with the real claims stage."""

from __future__ import annotations

import pandas as pd

from sahel_utils.tables import empty_table


def extract_claims(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Claims clustered across articles with a verdict per cluster."""
    return empty_table("claims")
