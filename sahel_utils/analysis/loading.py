"""The one loader of a build's tables for notebooks, analysis and evaluation.

Every table is read with ``core.tables.read_table``, which validates it against
its schema: code downstream can rely on the declared columns and dtypes, even
for an empty table.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from sahel_utils.core import paths
from sahel_utils.core.tables import SCHEMAS, TableError, read_table

__all__ = ["TableError", "load_tables"]


def load_tables(
    directory: Path | str | None = None, names: Iterable[str] | None = None
) -> dict[str, pd.DataFrame]:
    """The tables of a build, each validated against its schema.

    Args:
        directory: The build's output folder (default ``data/processed``).
        names: Tables to load (default: every table of ``core.tables.SCHEMAS``).

    Returns:
        ``{name: DataFrame}`` in the order of ``names``.

    Raises:
        KeyError: A name is not a known table.
        FileNotFoundError: The folder holds no table, or a requested table is
            missing; the message names the table and the folder.
        TableError: A table cannot be read or does not match its schema; the
            message names the table and the folder.

    """
    folder = Path(directory) if directory is not None else paths.PROCESSED
    wanted = list(SCHEMAS) if names is None else list(dict.fromkeys(names))
    unknown = [name for name in wanted if name not in SCHEMAS]
    if unknown:
        raise KeyError(f"unknown table(s) {', '.join(unknown)}; tables are {', '.join(SCHEMAS)}")
    if not folder.is_dir() or not any(folder.glob("*.parquet")):
        raise FileNotFoundError(
            f"no table in {folder}: run `python -m sahel_utils build` (or `make build`) first"
        )
    return {name: read_table(name, folder) for name in wanted}
