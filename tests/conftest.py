"""Shared fixtures: the seed corpus built once per test session."""

from __future__ import annotations

import os
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


def _fresh_build(corpus: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.snapshots.tables_snapshot import CORPORA, build_corpus

    missing = [p for p in CORPORA[corpus] if not p.exists()]
    if missing:
        message = f"inputs of the {corpus!r} corpus are missing: {missing}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp(f"{corpus}_fresh")
    return build_corpus(corpus, folder / "out", folder / "cache")


@pytest.fixture(scope="session")
def fresh_seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus built from scratch in a fresh process (no cache shared)."""
    return _fresh_build("seed", tmp_path_factory)


@pytest.fixture(scope="session")
def fresh_dev_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real-press dev corpus (``../shared/dev/``) built from scratch in a fresh process."""
    return _fresh_build("dev", tmp_path_factory)


@pytest.fixture(scope="session")
def dev_tables(fresh_dev_build: Path) -> dict[str, pd.DataFrame]:
    """Every table of the dev build, keyed by table name."""
    from sahel_utils.analysis.loading import load_tables

    return load_tables(fresh_dev_build)


@pytest.fixture(scope="session")
def seed_tables(built_dir: Path) -> dict[str, pd.DataFrame]:
    """Every table the build wrote for the seed corpus, keyed by table name (validated)."""
    from sahel_utils.analysis.loading import load_tables

    return load_tables(built_dir)
