"""Bounded memory (issue 14): tables written a slice at a time, in order, unchanged."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sahel_utils.build import stable_order, stable_positions
from sahel_utils.core import tables


def _mentions(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": [f"f.txt#{(i * 7) % 13}" for i in range(n)],
            "start": [(i * 31) % 97 for i in range(n)],
            "end": [(i * 31) % 97 + 5 for i in range(n)],
            "text": [f"Nom {i}" for i in range(n)],
            "entity_type": ["person" if i % 3 else "country" for i in range(n)],
            # null in the first rows only: a first slice alone would type it ``null``
            "entity_id": [None if i < 40 else f"id{i}" for i in range(n)],
            "country": [None] * n,
            "source": ["model"] * n,
            "country_source": [None if i % 2 else "role" for i in range(n)],
        }
    )


def test_a_table_of_one_slice_has_the_bytes_to_parquet_writes(tmp_path: Path) -> None:
    df = _mentions(200)
    reference = tmp_path / "reference.parquet"
    tables.validate("mentions", df).reset_index(drop=True).to_parquet(reference, index=False)
    written = tables.write_table("mentions", df, tmp_path)
    assert written.read_bytes() == reference.read_bytes()


def test_a_table_written_in_slices_and_in_order_holds_the_sorted_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tables, "WRITE_ROWS", 32)  # seven slices of at most 32 rows
    df = _mentions(200)
    written = tables.write_table("mentions", df, tmp_path, order=stable_positions("mentions", df))
    expected = tables.validate("mentions", stable_order("mentions", df)).reset_index(drop=True)
    pd.testing.assert_frame_equal(pd.read_parquet(written), expected)
    assert tables.read_table("mentions", tmp_path).equals(expected)
    import pyarrow.parquet as pq

    assert pq.ParquetFile(written).metadata.num_row_groups == 7


def test_stable_positions_give_the_order_of_stable_order() -> None:
    df = _mentions(120).sample(frac=1, random_state=3)
    positions = stable_positions("mentions", df)
    assert positions is not None
    pd.testing.assert_frame_equal(
        df.iloc[positions].reset_index(drop=True), stable_order("mentions", df)
    )
    assert stable_positions("mentions", df.iloc[:1]) is None


def test_a_duplicate_key_is_caught_across_slices(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pandera.errors

    monkeypatch.setattr(tables, "WRITE_ROWS", 2)
    articles = tables.empty_table("articles").reindex(range(3))
    articles = articles.assign(
        article_id=["a#1", "a#2", "a#1"],  # the repeated id lies in another slice
        source_file="a",
        position=[1, 2, 3],
        text="Texte",
        language="fr",
        n_words=1,
        content_hash="h",
    )
    with pytest.raises((pandera.errors.SchemaError, pandera.errors.SchemaErrors)):
        tables.write_table("articles", articles, tmp_path)
    assert not list(tmp_path.iterdir())  # no table, no temporary file left


def test_the_bench_gives_the_growth_of_the_build_process_peak() -> None:
    from sahel_utils import bench

    cases = bench.memory_cases([20, 2], with_200=True)
    assert list(cases) == [
        "2 MB corpus",
        "20 MB corpus",
        "200 MB corpus",
        "5 MB single-line article",
    ]
    line = bench.memory_growth({2: 400.0, 20: 580.0, 60: 980.0})
    assert "+10.0 MB per corpus MB (20 -> 60 MB)" in line
    assert "at 200 MB that slope gives 2,380 MB (extrapolated, not run)" in line
    assert "extrapolated" not in bench.memory_growth({20: 500.0, 200: 520.0})
    assert bench.memory_growth({2: 400.0}) == ""
