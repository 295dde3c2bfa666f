"""Table schemas (pandera) and atomic Parquet input/output.

Every table the suite writes is declared here once: its columns, their types and
which may be null. ``write_table`` validates, then writes to a temporary file
and renames it, so a crash or Ctrl-C never leaves a half-written table.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

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
            "author": pa.Column(str, nullable=True),
            "outlet": pa.Column(str, nullable=True),
            "url": pa.Column(str, nullable=True),
            "text": pa.Column(str),
            "language": pa.Column(str),
            "n_words": pa.Column("int64", pa.Check.ge(0), coerce=True),
            "content_hash": pa.Column(str),
        },
        strict=False,
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
        strict=False,
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
        },
        strict=False,
    ),
    "timex": pa.DataFrameSchema(
        {
            "article_id": pa.Column(str),
            "start": pa.Column("int64", coerce=True),
            "end": pa.Column("int64", coerce=True),
            "text": pa.Column(str),
            "value": pa.Column(str, nullable=True),
            "anchor": pa.Column(str, nullable=True),
        },
        strict=False,
    ),
    "quotes": pa.DataFrameSchema(
        {
            "article_id": pa.Column(str),
            "start": pa.Column("int64", coerce=True),
            "end": pa.Column("int64", coerce=True),
            "text": pa.Column(str),
            "speaker": pa.Column(str, nullable=True),
            "cue": pa.Column(str, nullable=True),
        },
        strict=False,
    ),
    "sentences": pa.DataFrameSchema(
        {
            "article_id": pa.Column(str),
            "sent_index": pa.Column("int64", coerce=True),
            "start": pa.Column("int64", coerce=True),
            "end": pa.Column("int64", coerce=True),
            "text": pa.Column(str),
        },
        strict=False,
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
        strict=False,
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
        },
        checks=pa.Check(lambda df: (df["actor_a"] <= df["actor_b"]).all(), error="sorted pair"),
        strict=False,
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
        },
        strict=False,
    ),
    "reuse": pa.DataFrameSchema(
        {
            "article_a": pa.Column(str),
            "article_b": pa.Column(str),
            "relation": pa.Column(str, pa.Check.isin(["duplicate", "rewrite"])),
            "score": pa.Column(float, coerce=True),
        },
        strict=False,
    ),
}


def empty_table(name: str) -> pd.DataFrame:
    """An empty DataFrame with the columns of table ``name``."""
    return pd.DataFrame({col: pd.Series(dtype="object") for col in SCHEMAS[name].columns})


def validate(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Check ``df`` against the schema of table ``name`` and return it (coerced)."""
    if df.empty:
        df = df.reindex(columns=list(dict.fromkeys([*SCHEMAS[name].columns, *df.columns])))
        return df.astype("object")
    return SCHEMAS[name].validate(df)


def _usual_permissions(path: str | Path) -> None:
    """Give a temporary file the mode a plain ``open`` would (mkstemp makes it 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def write_table(name: str, df: pd.DataFrame, directory: Path | None = None) -> Path:
    """Validate ``df`` and write it atomically as ``<directory>/<name>.parquet``.

    Args:
        name: Table name, a key of ``SCHEMAS``.
        df: The table.
        directory: Output folder (default ``data/processed``).

    Returns:
        The path written.

    """
    df = validate(name, df).reset_index(drop=True)
    target = paths.table_path(name, directory)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    _usual_permissions(tmp)
    try:
        df.to_parquet(tmp, index=False)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def read_table(name: str, directory: Path | None = None) -> pd.DataFrame:
    """Read table ``name`` from ``directory`` (default ``data/processed``).

    Raises:
        FileNotFoundError: With a hint to run the build when the table is missing.

    """
    target = paths.table_path(name, directory)
    if not target.exists():
        raise FileNotFoundError(
            f"{target} not found: run `python -m sahel_utils build` (or `make build`) first"
        )
    return pd.read_parquet(target)


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
