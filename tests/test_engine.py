"""The Dask engine (``--engine dask``): the same tables as the local engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sahel_utils import distributed
from sahel_utils.core import paths


def _same_tables(a: Path, b: Path) -> list[str]:
    names = sorted(p.name for p in a.glob("*.parquet"))
    assert names and names == sorted(p.name for p in b.glob("*.parquet"))
    return [n for n in names if (a / n).read_bytes() != (b / n).read_bytes()]


@pytest.mark.slow
def test_dask_engine_two_workers_byte_identical_to_local(built_dir: Path, tmp_path: Path) -> None:
    """Seed corpus, cold cache: tagging runs on the two workers of a local cluster."""
    from sahel_utils.build import build

    out = tmp_path / "dask"
    summary = build(
        [paths.RAW], out_dir=out, cache_dir=tmp_path / "cache", progress=False, engine="dask"
    )
    assert summary.ok and summary.counts["articles"] > 0
    assert _same_tables(built_dir, out) == []


@pytest.mark.slow
def test_dask_engine_same_names_chunks_and_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two folders holding the same files (renamed sources, duplicates for reuse),
    one article per chunk: still the local engine's tables."""
    from sahel_utils.build import build

    for folder in ("d1", "d2"):
        shutil.copytree(paths.RAW, tmp_path / "in" / folder)
    cache = tmp_path / "cache"
    build([tmp_path / "in"], out_dir=tmp_path / "local", cache_dir=cache, progress=False)
    monkeypatch.setattr(distributed, "CHUNK_ARTICLES", 1)
    build(
        [tmp_path / "in"], out_dir=tmp_path / "dask", cache_dir=cache, progress=False, engine="dask"
    )
    assert _same_tables(tmp_path / "local", tmp_path / "dask") == []
    import pandas as pd

    assert len(pd.read_parquet(tmp_path / "dask" / "reuse.parquet")) >= 9  # the copies


def test_chunks_spread_one_file_over_every_worker() -> None:
    """A corpus of one file is cut so that each worker gets several tagging tasks."""
    import pandas as pd

    assert distributed.chunk_size(341, 2) == 43
    assert distributed.chunk_size(100_000, 2) == distributed.CHUNK_ARTICLES
    assert distributed.chunk_size(10, 4) == distributed.MIN_CHUNK_ARTICLES
    articles = pd.DataFrame({"source_file": ["a"] * 10 + ["b"] * 3, "article_id": range(13)})
    chunks = distributed._chunks(articles, 4)
    assert [len(c) for c in chunks] == [4, 4, 2, 3]  # never two files in one chunk
    assert [a for c in chunks for a in c["article_id"]] == list(range(13))
