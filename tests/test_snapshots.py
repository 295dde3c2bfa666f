"""Guard rail: every table of a fresh build equals its stored snapshot.

A change that is meant to alter output updates the snapshot
(``python -m tests.snapshots.tables_snapshot seed dev``) in the same commit and
says so, with the scores before and after.
"""

from __future__ import annotations

import pytest

from tests.snapshots.tables_snapshot import read_snapshot, read_tables

pytestmark = pytest.mark.slow


def _difference(expected: list[str], got: list[str], limit: int = 3) -> str:
    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    lines = [f"{len(expected)} rows expected, {len(got)} built"]
    lines += [f"  - {row[:300]}" for row in missing[:limit]]
    lines += [f"  + {row[:300]}" for row in extra[:limit]]
    return "\n".join(lines)


@pytest.mark.parametrize("corpus", ["seed", "dev"])
def test_tables_match_snapshot(corpus: str, request: pytest.FixtureRequest) -> None:
    built_dir = request.getfixturevalue(f"fresh_{corpus}_build")
    expected = read_snapshot(corpus)
    assert expected, f"no stored snapshot for {corpus!r}"
    built = read_tables(built_dir)
    assert sorted(built) == sorted(expected), "the set of tables changed"
    differences = {
        name: _difference(expected[name], built[name])
        for name in expected
        if expected[name] != built[name]
    }
    assert not differences, "\n".join(f"{k}: {v}" for k, v in differences.items())
