"""Snapshots of every table the build writes, to guard refactoring.

A snapshot is one gzip'd JSON Lines file per table: every row with its columns
in name order, rows sorted, so two builds that agree give identical files.

Update after a change that is meant to alter output (and say so in the commit,
with the scores before and after)::

    .venv/bin/python -m tests.snapshots.tables_snapshot seed dev
"""

from __future__ import annotations

import gzip
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from sahel_utils.core import paths

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
SHARED_DEV = paths.SHARED / "dev"

#: Corpus name -> inputs of the build.
CORPORA: dict[str, list[Path]] = {
    "seed": [ROOT / "data" / "raw"],
    "dev": [SHARED_DEV / "bbc_afrique.jsonl", SHARED_DEV / "lemonde_2022.jsonl"],
}


def _plain(value: object) -> object:
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if hasattr(value, "tolist"):
        return _plain(value.tolist())
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items())}
    if value is pd.NA or value is pd.NaT:
        return None
    return str(value)


def table_lines(df: pd.DataFrame) -> list[str]:
    """Canonical JSON lines of a table: columns by name, rows sorted."""
    columns = sorted(df.columns)
    lines = [
        json.dumps({c: _plain(row[c]) for c in columns}, ensure_ascii=False, sort_keys=True)
        for row in df.to_dict(orient="records")
    ]
    return sorted(lines)


def build_corpus(corpus: str, out: Path, cache: Path) -> Path:
    """Build ``corpus`` into ``out`` in a fresh process; return ``out``.

    A fresh process, so that the tables are a property of the code and the inputs
    alone, not of what an earlier build left in this process.
    """
    script = (
        "import sys; from pathlib import Path; from sahel_utils.build import build; "
        "build([Path(p) for p in sys.argv[3:]], out_dir=Path(sys.argv[1]), "
        "cache_dir=Path(sys.argv[2]), progress=False, n_process=1)"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(out), str(cache), *map(str, CORPORA[corpus])],
        check=True,
        cwd=ROOT,
    )
    return out


def read_tables(folder: Path) -> dict[str, list[str]]:
    """Canonical lines of every table of a build folder."""
    return {p.stem: table_lines(pd.read_parquet(p)) for p in sorted(folder.glob("*.parquet"))}


def build_tables(corpus: str) -> dict[str, list[str]]:
    """Build ``corpus`` from scratch (no cache) and return its canonical tables."""
    with tempfile.TemporaryDirectory() as tmp:
        return read_tables(build_corpus(corpus, Path(tmp) / "out", Path(tmp) / "cache"))


def snapshot_dir(corpus: str) -> Path:
    """Folder of ``corpus``'s snapshot files."""
    return HERE / corpus


def read_snapshot(corpus: str) -> dict[str, list[str]]:
    """The stored snapshot of ``corpus``."""
    found = {}
    for path in sorted(snapshot_dir(corpus).glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            found[path.name.removesuffix(".jsonl.gz")] = handle.read().splitlines()
    return found


def write_snapshot(corpus: str, tables: dict[str, list[str]]) -> None:
    """Replace the stored snapshot of ``corpus``."""
    folder = snapshot_dir(corpus)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.jsonl.gz"):
        old.unlink()
    for name, lines in tables.items():
        # mtime=0 keeps the file byte-identical for identical content
        with open(folder / f"{name}.jsonl.gz", "wb") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
                handle.write(("\n".join(lines) + "\n" if lines else "").encode("utf-8"))


def main(argv: list[str]) -> int:
    """Rewrite the snapshots of the corpora named in ``argv``."""
    for corpus in argv or list(CORPORA):
        tables = build_tables(corpus)
        write_snapshot(corpus, tables)
        print(corpus, {name: len(lines) for name, lines in tables.items()})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
