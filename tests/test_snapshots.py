"""Guard rail: every table of a fresh build equals its stored snapshot.

A change that is meant to alter output updates the snapshot
(``python -m tests.snapshots.tables_snapshot seed dev``) in the same commit and
says so, with the scores before and after.
"""

from __future__ import annotations

import os

import pytest

from tests.snapshots.tables_snapshot import CORPORA, build_tables, read_snapshot

pytestmark = pytest.mark.slow


def _difference(expected: list[str], got: list[str], limit: int = 3) -> str:
    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    lines = [f"{len(expected)} rows expected, {len(got)} built"]
    lines += [f"  - {row[:300]}" for row in missing[:limit]]
    lines += [f"  + {row[:300]}" for row in extra[:limit]]
    return "\n".join(lines)


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_tables_match_snapshot(corpus: str) -> None:
    inputs = CORPORA[corpus]
    if not all(p.exists() for p in inputs):
        if os.environ.get("CI"):
            pytest.fail(f"inputs of the {corpus!r} snapshot are missing: {inputs}")
        pytest.skip(f"inputs of the {corpus!r} snapshot are missing")
    expected = read_snapshot(corpus)
    assert expected, f"no stored snapshot for {corpus!r}"
    built = build_tables(corpus)
    assert sorted(built) == sorted(expected), "the set of tables changed"
    differences = {
        name: _difference(expected[name], built[name])
        for name in expected
        if expected[name] != built[name]
    }
    assert not differences, "\n".join(f"{k}: {v}" for k, v in differences.items())
