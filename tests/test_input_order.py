"""Same tables whatever the order of the inputs and the number of tagging processes.

Issue 14, item 5: the seed corpus, a few reader fixtures and a copy of one seed page
(so that reuse has duplicates to find) are built three times, each with its own cold
cache: inputs in one order with one process, in the reverse order with one process,
and in the reverse order with two processes. Every table must be byte-identical.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from sahel_utils import build as build_module
from sahel_utils.core import paths
from sahel_utils.core.tables import read_table

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
TABLES = build_module.TABLE_ORDER


def _inputs(folder: Path) -> list[Path]:
    seed = sorted(p for p in paths.RAW.iterdir() if p.suffix == ".txt")
    copy = folder / "zz_copy_of_first_seed_page.txt"
    shutil.copyfile(seed[0], copy)
    extra = [FIXTURES / name for name in ("articles.jsonl", "page.html", "two_articles_page.txt")]
    return [*seed, *extra, copy]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("order")
    inputs = _inputs(root)
    runs = {
        "forward, 1 process": (inputs, 1),
        "reversed, 1 process": (inputs[::-1], 1),
        "reversed, 2 processes": (inputs[::-1], 2),
    }
    outs = {}
    for number, (name, (files, n_process)) in enumerate(runs.items()):
        out = root / f"out{number}"
        summary = build_module.build(
            files, out, root / f"cache{number}", progress=False, n_process=n_process
        )
        assert summary.ok, summary.format()
        outs[name] = out
    return outs


@pytest.mark.parametrize("table", TABLES)
def test_tables_do_not_depend_on_input_order_or_process_count(
    builds: dict[str, Path], table: str
) -> None:
    (first_name, first), *others = builds.items()
    reference = paths.table_path(table, first).read_bytes()
    for name, out in others:
        if paths.table_path(table, out).read_bytes() == reference:
            continue
        expected = read_table(table, first)
        got = read_table(table, out)
        pd.testing.assert_frame_equal(got, expected, obj=f"{table}: {name} vs {first_name}")
        pytest.fail(f"{table}: same rows, different bytes ({name} vs {first_name})")


def test_the_corpus_exercises_reuse(builds: dict[str, Path]) -> None:
    reuse = read_table("reuse", next(iter(builds.values())))
    assert {"duplicate", "rewrite"} <= set(reuse["relation"])
