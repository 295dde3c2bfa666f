"""The one loader of a build's tables for notebooks, analysis and evaluation.

Every table is read with ``core.tables.read_table``, which validates it against
its schema: code downstream can rely on the declared columns and dtypes, even
for an empty table.

On big builds (issue 15) reading and validating whole tables costs minutes, so
:func:`check_tables` checks the boundary without reading everything: the Parquet
schema of each file (column names and types, from the footer) against the
table's pandera schema, then pandera itself on the first rows. ``load_tables``
takes ``columns`` to read only what a view needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd
import pandera.errors
import pyarrow

from sahel_utils.core import paths
from sahel_utils.core.tables import SCHEMAS, TableError, read_table, validate

__all__ = ["TableError", "check_table", "check_tables", "load_tables"]

#: Rows of each table validated by pandera in :func:`check_tables`.
SAMPLE_ROWS = 2_000

#: Parquet (Arrow) types accepted for each pandas dtype of the schemas.
_ARROW_TYPES = {
    "int64": ("int64",),
    "float64": ("double", "float"),
    "bool": ("bool",),
    "object": ("string", "large_string", "null"),
}


def load_tables(
    directory: Path | str | None = None,
    names: Iterable[str] | None = None,
    columns: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, pd.DataFrame]:
    """The tables of a build, each validated against its schema.

    Args:
        directory: The build's output folder (default ``data/processed``).
        names: Tables to load (default: every table of ``core.tables.SCHEMAS``).
        columns: Only these columns of the tables it names (every column of the
            others). Then each table is checked by :func:`check_table` (schema
            from the Parquet footer, pandera on a sample) instead of validated whole.

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
    if columns is None:
        return {name: read_table(name, folder) for name in wanted}
    check_tables(folder, wanted)
    out = {}
    for name in wanted:
        keep = [c for c in columns.get(name, SCHEMAS[name].columns) if c in SCHEMAS[name].columns]
        out[name] = pd.read_parquet(paths.table_path(name, folder), columns=keep)
    return out


def check_table(name: str, folder: Path, sample_rows: int = SAMPLE_ROWS) -> int:
    """Check one table without reading it whole; returns its number of rows.

    The Parquet footer gives every column's name and type: the declared columns
    must all be there (optional ones may be missing), no other column, each of a
    type its pandas dtype reads as. Then the first ``sample_rows`` rows are read
    and validated by the pandera schema (values: allowed categories, nulls,
    ranges). Rows further down are not validated: the build validated every row
    before writing them (``core.tables.write_table``).

    Raises:
        FileNotFoundError: The table is missing.
        TableError: The schema or the sample does not match.

    """
    import pyarrow.parquet as pq

    from sahel_utils.core.tables import dtypes

    target = paths.table_path(name, folder)
    if not target.exists():
        raise FileNotFoundError(
            f"table {name!r} missing in {folder} (no {target.name}): "
            "run `python -m sahel_utils build` (or `make build`) first"
        )
    try:
        parquet = pq.ParquetFile(target)
    except (OSError, ValueError, pyarrow.ArrowException) as err:  # ArrowInvalid: ValueError
        raise TableError(f"table {name!r} in {folder} cannot be read: {err}") from err
    schema = parquet.schema_arrow
    declared = SCHEMAS[name].columns
    problems = [
        f"missing column {col}"
        for col, column in declared.items()
        if column.required and col not in schema.names
    ]
    problems += [f"undeclared column {col}" for col in schema.names if col not in declared]
    for col, dtype in dtypes(name).items():
        if col in schema.names:
            found = str(schema.field(col).type)
            if found not in _ARROW_TYPES.get(dtype, (dtype,)):
                problems.append(f"column {col} is {found}, not {dtype}")
    if problems:
        raise TableError(
            f"table {name!r} in {folder} does not match its schema "
            f"(rebuild with `python -m sahel_utils build`): {'; '.join(problems)}"
        )
    rows = parquet.metadata.num_rows
    if rows:
        batch = next(parquet.iter_batches(batch_size=sample_rows))
        try:
            validate(name, batch.to_pandas())
        except (pandera.errors.SchemaError, pandera.errors.SchemaErrors, ValueError) as err:
            raise TableError(
                f"table {name!r} in {folder}: its first rows do not match the schema: {err}"
            ) from err
    return int(rows)


def check_tables(
    directory: Path | str | None = None,
    names: Iterable[str] | None = None,
    sample_rows: int = SAMPLE_ROWS,
) -> dict[str, int]:
    """:func:`check_table` on each table of a build; returns rows per table.

    Args:
        directory: The build's output folder (default ``data/processed``).
        names: Tables to check (default: those of the folder that are known tables).
        sample_rows: Rows validated by pandera per table.

    """
    folder = Path(directory) if directory is not None else paths.PROCESSED
    if not folder.is_dir() or not any(folder.glob("*.parquet")):
        raise FileNotFoundError(
            f"no table in {folder}: run `python -m sahel_utils build` (or `make build`) first"
        )
    if names is None:
        names = [n for n in SCHEMAS if paths.table_path(n, folder).exists()]
    return {name: check_table(name, folder, sample_rows) for name in names}
