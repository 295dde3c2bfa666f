"""Table schemas (pandera) and atomic Parquet input/output.

Every table the suite writes is declared here once: its columns, their types and
which may be null. ``write_table`` validates, then writes to a temporary file
and renames it, so a crash or Ctrl-C never leaves a half-written table.
Schemas are strict: a table has exactly its declared columns, and an empty
table keeps the declared dtypes (``empty_table``, ``validate``, ``read_table``).

Offsets (``start``/``end``, Python character indices, end exclusive):

* ``segments.start/end`` index the **decoded raw file** ``source_file`` (the
  text ``reading.encoding.read_text`` returns), not ``articles.text``: a
  segment is a part that was removed from the article. For plain-text inputs
  (page dumps, Nexis) the slice holds the segment's lines: stripping each line
  of ``raw[start:end]`` and dropping blank ones gives the lines of ``text``
  (which joins them with newlines; single-line segments are equal as is).
  For HTML the slice is where the text stands in the page source; for JSON
  Lines it is the JSON-encoded text inside its line (``-1, -1`` when it cannot
  be found there).
* every other offset indexes ``articles.text`` of the row's ``article_id``:
  ``text[start:end]`` equals the row's ``text`` (mentions, timex, quotes,
  sentences) or ``evidence`` (dyads); a ``domains`` row spans its sentence
  ``sent_index`` (the ``cue`` is found inside it); a ``claims`` row spans its
  evidence, whose ``normalize.canonical`` form equals that of the slice;
  ``reuse.passages`` is a JSON list of ``[a_start, a_end, b_start, b_end,
  score]`` into the texts of ``article_a`` and ``article_b``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.parquet as pq

from sahel_utils.core import paths


def _str(nullable: bool = False) -> pa.Column:
    return pa.Column(object, nullable=nullable, coerce=False)


def _int() -> pa.Column:
    return pa.Column("int64", coerce=True)


SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "articles": pa.DataFrameSchema(
        {
            "article_id": pa.Column(str, unique=True),
            "source_file": pa.Column(str),
            "position": pa.Column("int64", pa.Check.ge(1), coerce=True),
            "title": pa.Column(str, nullable=True),
            "published": pa.Column(str, nullable=True),
            # a date printed in the input but not readable, kept as printed
            # (``published`` is then null); optional for tables built before it
            "published_raw": pa.Column(str, nullable=True, required=False),
            "author": pa.Column(str, nullable=True),
            "outlet": pa.Column(str, nullable=True),
            "url": pa.Column(str, nullable=True),
            "text": pa.Column(str),
            "language": pa.Column(str),
            "n_words": pa.Column("int64", pa.Check.ge(0), coerce=True),
            "content_hash": pa.Column(str),
        },
        strict=True,
    ),
    "segments": pa.DataFrameSchema(
        {
            "source_file": pa.Column(str),
            "article_id": pa.Column(str, nullable=True),
            "segment_type": pa.Column(str),
            "start": pa.Column("int64", coerce=True),
            "end": pa.Column("int64", coerce=True),
            "text": pa.Column(str),
        },
        strict=True,
    ),
    "mentions": pa.DataFrameSchema(
        {
            "article_id": pa.Column(str),
            "start": pa.Column("int64", coerce=True),
            "end": pa.Column("int64", coerce=True),
            "text": pa.Column(str),
            "entity_type": pa.Column(
                str, pa.Check.isin(["country", "person", "organization", "place", "bloc"])
            ),
            "entity_id": pa.Column(str, nullable=True),
            "country": pa.Column(str, nullable=True),
            "source": pa.Column(str, pa.Check.isin(["gazetteer", "model", "rule"])),
            # why a person has its country (annotation.affiliation.COUNTRY_SOURCES)
            "country_source": pa.Column(
                str,
                pa.Check.isin(["gazetteer", "role", "apposition", "demonym", "host", "inherited"]),
                nullable=True,
                required=False,  # tables built before issue 16 lack it
            ),
        },
        strict=True,
    ),
    "timex": pa.DataFrameSchema(
        {
            "article_id": pa.Column(str),
            "start": pa.Column("int64", coerce=True),
            "end": pa.Column("int64", coerce=True),
            "text": pa.Column(str),
            "value": pa.Column(str, nullable=True),
            "anchor": pa.Column(str, nullable=True),
            "type": pa.Column(str, pa.Check.isin(["DATE", "TIME", "DURATION", "SET"])),
            "rule": pa.Column(str),
            "weekday_mismatch": pa.Column(bool, coerce=True),
            # "START/END" on the two TimeML points of a range (a range has no row of its own)
            "range_value": pa.Column(str, nullable=True, required=False),
        },
        strict=True,
    ),
    "quotes": pa.DataFrameSchema(
        {
            "article_id": pa.Column(str),
            "start": pa.Column("int64", coerce=True),
            "end": pa.Column("int64", coerce=True),
            "text": pa.Column(str),
            "speaker": pa.Column(str, nullable=True),
            "cue": pa.Column(str, nullable=True),
            # how the speaker was found (annotation.speakers.SPEAKER_SOURCES); null without one
            "speaker_source": pa.Column(str, nullable=True, required=False),
        },
        strict=True,
    ),
    "sentences": pa.DataFrameSchema(
        {
            "article_id": pa.Column(str),
            "sent_index": pa.Column("int64", coerce=True),
            "start": pa.Column("int64", coerce=True),
            "end": pa.Column("int64", coerce=True),
            "text": pa.Column(str),
        },
        strict=True,
    ),
    "domains": pa.DataFrameSchema(
        {
            "article_id": pa.Column(str),
            "sent_index": pa.Column("int64", coerce=True),
            "start": pa.Column("int64", coerce=True),
            "end": pa.Column("int64", coerce=True),
            "domain": pa.Column(str),
            "cue": pa.Column(str),
        },
        strict=True,
    ),
    # issue 8: the parse of candidate sentences (annotation.predicates), one row per
    # (predicate, actor mention); start/end: the predicate word
    "predicates": pa.DataFrameSchema(
        {
            "article_id": pa.Column(str),
            "sent_index": pa.Column("int64", coerce=True),
            "start": pa.Column("int64", coerce=True),
            "end": pa.Column("int64", coerce=True),
            "lemma": pa.Column(str),
            "pos": pa.Column(str),
            "tense": pa.Column(str, nullable=True),
            "mood": pa.Column(str, nullable=True),
            "verb_form": pa.Column(str, nullable=True),
            "mention_start": pa.Column("int64", coerce=True),
            "mention_end": pa.Column("int64", coerce=True),
            "role": pa.Column(
                str,
                pa.Check.isin(
                    ["nsubj", "nsubj_pass", "agent", "obj", "iobj", "obl", "nmod", "source", "none"]
                ),
            ),
            "via": pa.Column(
                str, pa.Check.isin(["", "conj", "appos", "relcl", "governor", "nested"])
            ),
            "case": pa.Column(str),
        },
        strict=True,
    ),
    "dyads": pa.DataFrameSchema(
        {
            "article_id": pa.Column(str),
            "actor_a": pa.Column(str),
            "actor_b": pa.Column(str),
            "domain": pa.Column(str, nullable=True),
            "start": pa.Column("int64", coerce=True),
            "end": pa.Column("int64", coerce=True),
            "evidence": pa.Column(str),
            "date": pa.Column(str, nullable=True),
            # issue 8: what the pair is and who says so
            "relation": pa.Column(str, pa.Check.isin(["cooperation", "tension"])),
            "modality": pa.Column(str, pa.Check.isin(["reported", "planned", "denied"])),
            "source": pa.Column(str, nullable=True),
            "predicate": pa.Column(str, nullable=True),
        },
        checks=pa.Check(lambda df: (df["actor_a"] <= df["actor_b"]).all(), error="sorted pair"),
        strict=True,
    ),
    "claims": pa.DataFrameSchema(
        {
            "cluster_id": pa.Column(str),
            "article_id": pa.Column(str),
            "kind": pa.Column(str, pa.Check.isin(["event", "quote", "number", "attribute"])),
            "verdict": pa.Column(
                str, pa.Check.isin(["corroborated", "conflicting", "single_source"])
            ),
            "field": pa.Column(str, nullable=True),
            "summary": pa.Column(str),
            "evidence": pa.Column(str),
            "value": pa.Column(str, nullable=True),
            "subtype": pa.Column(str),
            "date": pa.Column(str, nullable=True),
            "speaker": pa.Column(str, nullable=True),
            "actors": pa.Column(str),
            "start": pa.Column("int64", coerce=True),
            "end": pa.Column("int64", coerce=True),
            "n_articles": pa.Column("int64", pa.Check.ge(1), coerce=True),
            "n_sources": pa.Column("int64", pa.Check.ge(1), coerce=True),
        },
        strict=True,
    ),
    "reuse": pa.DataFrameSchema(
        {
            "article_a": pa.Column(str),
            "article_b": pa.Column(str),
            "relation": pa.Column(str, pa.Check.isin(["duplicate", "rewrite", "shared_passage"])),
            "score": pa.Column(float, coerce=True),
            "n_passages": pa.Column("int64", pa.Check.ge(0), coerce=True),
            "passages": pa.Column(str),
        },
        strict=True,
    ),
}


class TableError(ValueError):
    """A table that does not match its schema (or cannot be read as Parquet)."""


def dtypes(name: str) -> dict[str, str]:
    """The pandas dtype of each column of table ``name`` (``object`` for strings)."""
    return {
        col: "object" if str(column.dtype) == "str" else str(column.dtype)
        for col, column in SCHEMAS[name].columns.items()
    }


def empty_table(name: str) -> pd.DataFrame:
    """An empty DataFrame with the columns of table ``name``, each of its declared dtype."""
    return pd.DataFrame({col: pd.Series(dtype=dtype) for col, dtype in dtypes(name).items()})


def validate(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Check ``df`` against the schema of table ``name`` and return it (coerced).

    An empty ``df`` may lack columns (a stage that found nothing): the declared
    ones are added, and every column takes its declared dtype.
    """
    if df.empty:
        declared = dtypes(name)
        df = df.reindex(columns=list(dict.fromkeys([*declared, *df.columns])))
        df = df.astype({col: dtype for col, dtype in declared.items()})
    return SCHEMAS[name].validate(df)


def _usual_permissions(path: str | Path) -> None:
    """Give a temporary file the mode a plain ``open`` would (mkstemp makes it 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


#: Rows validated, converted to Arrow and written at a time (one Parquet row group
#: each): writing never holds a second copy of a whole table. A table of at most this
#: many rows is one row group, the file ``DataFrame.to_parquet`` writes, byte for byte.
WRITE_ROWS = 65_536


def _unique_columns(name: str) -> list[str]:
    return [col for col, column in SCHEMAS[name].columns.items() if column.unique]


def _arrow_schema(df: pd.DataFrame, first: pyarrow.Table) -> pyarrow.Schema:
    """The Arrow schema of the whole ``df``: ``first``'s, with each object column's type.

    The type is inferred over the whole column (a slice of nulls alone would say ``null``).
    """
    schema = first.schema
    for position, field in enumerate(schema):
        if field.name in df.columns and df[field.name].dtype == object:
            whole = pyarrow.infer_type(df[field.name].to_numpy(), from_pandas=True)
            if whole != field.type:
                schema = schema.set(position, field.with_type(whole))
    return schema


def _validated_slices(
    name: str, df: pd.DataFrame, order: Sequence[int] | None
) -> Iterator[pd.DataFrame]:
    """``df`` validated ``WRITE_ROWS`` rows at a time, in ``order``; uniqueness checked whole."""
    if df.empty:
        yield validate(name, df).reset_index(drop=True)
        return
    for column in _unique_columns(name):
        if column in df.columns and not df[column].is_unique:
            validate(name, df)  # raises the schema's own error, naming the column
    positions = np.arange(len(df)) if order is None else np.asarray(order, dtype=np.int64)
    for lo in range(0, len(positions), WRITE_ROWS):
        yield validate(name, df.iloc[positions[lo : lo + WRITE_ROWS]])


def _write_slices(path: str, slices: Iterator[pd.DataFrame], df: pd.DataFrame) -> None:
    """Write the slices of ``df`` into one Parquet file, a row group each."""
    writer: pq.ParquetWriter | None = None
    try:
        for part in slices:
            if writer is None:
                table = pyarrow.Table.from_pandas(part, preserve_index=False)
                if len(part) < len(df):  # more slices to come: the whole table's types
                    schema = _arrow_schema(df, table)
                    if not schema.equals(table.schema):
                        table = pyarrow.Table.from_pandas(part, schema=schema, preserve_index=False)
                writer = pq.ParquetWriter(path, table.schema, compression="snappy")
            else:
                table = pyarrow.Table.from_pandas(part, schema=writer.schema, preserve_index=False)
            writer.write_table(table)
            del table
    finally:
        if writer is not None:
            writer.close()


def write_table(
    name: str,
    df: pd.DataFrame,
    directory: Path | None = None,
    order: Sequence[int] | None = None,
) -> Path:
    """Validate ``df`` and write it atomically as ``<directory>/<name>.parquet``.

    The rows are validated and written ``WRITE_ROWS`` at a time (one row group each),
    so the table is never copied whole (no validated copy, no whole Arrow table); the
    file holds the same rows and types as ``df.to_parquet`` would write, and the same
    bytes up to ``WRITE_ROWS`` rows.

    Args:
        name: Table name, a key of ``SCHEMAS``.
        df: The table.
        directory: Output folder (default ``data/processed``).
        order: Positions of ``df``'s rows in the order to write them (default: as
            they stand), so that a sorted table need not be copied to be written.

    Returns:
        The path written.

    """
    slices = _validated_slices(name, df, order)
    target = paths.table_path(name, directory)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    _usual_permissions(tmp)
    try:
        _write_slices(tmp, slices, df)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def read_table(name: str, directory: Path | None = None) -> pd.DataFrame:
    """Read table ``name`` from ``directory`` (default ``data/processed``) and validate it.

    Raises:
        KeyError: ``name`` is not a table of ``SCHEMAS``.
        FileNotFoundError: The table is missing (with a hint to run the build).
        TableError: The file is not Parquet or does not match the table's schema;
            the message names the table and the folder.

    """
    if name not in SCHEMAS:
        raise KeyError(f"unknown table {name!r}; tables are {', '.join(SCHEMAS)}")
    target = paths.table_path(name, directory)
    if not target.exists():
        raise FileNotFoundError(
            f"table {name!r} missing in {target.parent} (no {target.name}): "
            "run `python -m sahel_utils build` (or `make build`) first"
        )
    try:
        df = pd.read_parquet(target)
    except (OSError, ValueError, pyarrow.ArrowException) as err:  # ArrowInvalid is a ValueError
        raise TableError(f"table {name!r} in {target.parent} cannot be read: {err}") from err
    columns = SCHEMAS[name].columns
    missing = [col for col in columns if col not in df.columns and columns[col].required]
    if missing:
        raise TableError(
            f"table {name!r} in {target.parent} lacks column(s) {', '.join(missing)} "
            "(rebuild with `python -m sahel_utils build`)"
        )
    try:
        return validate(name, df)
    except (pa.errors.SchemaError, pa.errors.SchemaErrors) as err:
        raise TableError(
            f"table {name!r} in {target.parent} does not match its schema "
            f"(rebuild with `python -m sahel_utils build`): {err}"
        ) from err


def write_text_atomic(path: Path, text: str) -> None:
    """Write a text file atomically (used for HTML reports and CSVs)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    _usual_permissions(tmp)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
