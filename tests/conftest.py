"""Shared fixtures: the seed corpus built once per test session."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sahel_utils.core import paths
from sahel_utils.evaluation.gold import load_gold_articles, load_gold_claims

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def gold_articles() -> dict:
    return load_gold_articles()


@pytest.fixture(scope="session")
def gold_claims() -> dict:
    return load_gold_claims()


@pytest.fixture(scope="session")
def built_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the whole build on ``data/raw`` once; return the output folder."""
    from sahel_utils.build import build

    out = tmp_path_factory.mktemp("processed")
    cache = tmp_path_factory.mktemp("cache")
    build([paths.RAW], out_dir=out, cache_dir=cache, progress=False)
    return out


@pytest.fixture(scope="session")
def seed_tables(built_dir: Path) -> dict[str, pd.DataFrame]:
    """Every table the build wrote for the seed corpus, keyed by table name."""
    return {p.stem: pd.read_parquet(p) for p in sorted(built_dir.glob("*.parquet"))}
