r"""Synthetic build tables of any size from a real build, without NLP (issue 15).

Every synthetic article is a copy of one article of a real build (its template)
with all its rows in every table: the row counts per article, the values
(countries, domains, claims, dates) and the offsets into the text are those of
real press. Copies come in *rounds*: round ``r`` holds one copy of every template
article, in order, as file ``synthetic_<r>.jsonl`` (the last round may be cut
short). The claims' ``cluster_id`` and the ``reuse`` pairs stay inside their
round, so clusters keep their real sizes instead of growing with the corpus.

The tables are written with pyarrow, batch by batch (memory stays flat), in the
build's Parquet layout (one ``<table>.parquet`` per table); a sample of each
table is validated with the pandera schemas of :mod:`sahel_utils.core.tables`
before writing (``--validate all`` validates every batch).

Usage::

    python scripts/synthetic_tables.py --articles 1000000 --out /tmp/big \\
        --template /tmp/seed --template /tmp/dev
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from sahel_utils.core.tables import SCHEMAS, read_table, validate

BATCH_ARTICLES = 20_000
ID_COLUMNS = {"reuse": ("article_a", "article_b")}
#: Columns of long texts, written without a dictionary (see ``generate``).
TEXT_COLUMNS = {
    "articles": ("text",),
    "sentences": ("text",),
    "segments": ("text",),
    "quotes": ("text",),
    "dyads": ("evidence",),
    "claims": ("evidence", "summary"),
    "reuse": ("passages",),
}


def load_templates(folders: list[Path]) -> dict[str, pd.DataFrame]:
    """The tables of one or more real builds, concatenated (validated on reading)."""
    out: dict[str, pd.DataFrame] = {}
    for name in SCHEMAS:
        frames = [read_table(name, folder) for folder in folders]
        out[name] = pd.concat([f for f in frames if not f.empty] or frames[:1], ignore_index=True)
    return out


def _row_ranges(df: pd.DataFrame, column: str, ids: list[str]) -> list[np.ndarray]:
    """For each template article, the row numbers of ``df`` that belong to it."""
    if df.empty:
        return [np.empty(0, dtype=np.int64) for _ in ids]
    groups = df.groupby(df[column].astype(str)).indices
    return [np.asarray(groups.get(a, []), dtype=np.int64) for a in ids]


class Generator:
    """Copies of template articles, batch by batch, as Arrow tables."""

    def __init__(self, templates: dict[str, pd.DataFrame]) -> None:
        self.templates = templates
        articles = templates["articles"]
        self.ids = [str(a) for a in articles["article_id"]]
        self.n = len(self.ids)
        self.arrow = {
            name: pa.Table.from_pandas(df, preserve_index=False) for name, df in templates.items()
        }
        self.rows = {
            name: _row_ranges(df, ID_COLUMNS.get(name, ("article_id",))[0], self.ids)
            for name, df in templates.items()
            if name != "articles"
        }
        self.rows["articles"] = [np.array([i]) for i in range(self.n)]
        self.total = 0  # articles in the whole synthetic corpus (partners beyond it dropped)

    def counts(self) -> dict[str, float]:
        """Mean rows per article of each table in the templates."""
        return {name: len(df) / self.n for name, df in self.templates.items()}

    def batch(self, first: int, size: int) -> dict[str, pa.Table]:
        """Synthetic articles ``first .. first+size-1`` with their rows in every table."""
        numbers = np.arange(first, first + size)
        rounds = numbers // self.n
        picks = numbers % self.n
        out = {}
        for name, table in self.arrow.items():
            ranges = [self.rows[name][p] for p in picks]
            lengths = np.array([len(r) for r in ranges])
            index = np.concatenate(ranges) if len(ranges) else np.empty(0, dtype=np.int64)
            taken = table.take(pa.array(index, type=pa.int64()))
            owner = np.repeat(numbers, lengths)
            owner_round = np.repeat(rounds, lengths)
            out[name] = self._relabel(name, taken, owner, owner_round)
        return out

    def _relabel(
        self,
        name: str,
        table: pa.Table,
        owner: np.ndarray,
        owner_round: np.ndarray,
    ) -> pa.Table:
        source = np.array([f"synthetic_{r:05d}.jsonl" for r in owner_round], dtype=object)
        position = owner % self.n + 1
        new_id = pa.array(
            [f"{s}#{p}" for s, p in zip(source, position, strict=True)], type=pa.string()
        )
        suffix = pa.array([f"~{r}" for r in owner_round], type=pa.string())
        if name == "articles":
            table = _set(table, "article_id", new_id)
            table = _set(table, "source_file", pa.array(source, type=pa.string()))
            table = _set(table, "position", pa.array(position, type=pa.int64()))
        elif name == "segments":
            table = _set(table, "source_file", pa.array(source, type=pa.string()))
            ids = table.column("article_id")
            table = _set(table, "article_id", pc.if_else(pc.is_null(ids), ids, new_id))
        elif name == "reuse":
            # the partner is the copy of its template in the same round
            index_of = {a: i for i, a in enumerate(self.ids)}
            partner = [index_of[str(p)] for p in table.column("article_b").to_pylist()]
            keep = [r * self.n + p < self.total for r, p in zip(owner_round, partner, strict=True)]
            partner_id = [
                f"synthetic_{r:05d}.jsonl#{p + 1}"
                for r, p in zip(owner_round, partner, strict=True)
            ]
            a_ids, passages = new_id.to_pylist(), table.column("passages").to_pylist()
            first, second, spans = [], [], []
            for a, b, text in zip(a_ids, partner_id, passages, strict=True):
                if a > b:  # article_a < article_b, passages swapped with them
                    a, b = b, a
                    text = json.dumps([[p[2], p[3], p[0], p[1], p[4]] for p in json.loads(text)])
                first.append(a)
                second.append(b)
                spans.append(text)
            table = _set(table, "article_a", pa.array(first, type=pa.string()))
            table = _set(table, "article_b", pa.array(second, type=pa.string()))
            table = _set(table, "passages", pa.array(spans, type=pa.string()))
            table = table.filter(pa.array(keep, type=pa.bool_()))
        elif "article_id" in table.column_names:
            table = _set(table, "article_id", new_id)
        if name == "claims":
            table = _set(
                table,
                "cluster_id",
                pc.binary_join_element_wise(table.column("cluster_id"), suffix, ""),
            )
        return table


def _set(table: pa.Table, column: str, values: pa.Array | pa.ChunkedArray) -> pa.Table:
    return table.set_column(table.column_names.index(column), column, values)


def generate(
    templates: list[Path], out: Path, n_articles: int, validate_all: bool = False
) -> dict[str, int]:
    """Write ``n_articles`` synthetic articles and their rows; returns rows per table."""
    gen = Generator(load_templates(templates))
    gen.total = n_articles
    out.mkdir(parents=True, exist_ok=True)
    writers: dict[str, pq.ParquetWriter] = {}
    rows = dict.fromkeys(SCHEMAS, 0)
    try:
        for first in range(0, n_articles, BATCH_ARTICLES):
            size = min(BATCH_ARTICLES, n_articles - first)
            for name, table in gen.batch(first, size).items():
                if first == 0 or validate_all:  # the pandera contract, on a batch
                    validate(name, table.to_pandas())
                if name not in writers:
                    # long texts are not dictionary-encoded: a real corpus has few repeats,
                    # and the files should be as big as a real build's
                    plain = [c for c in TEXT_COLUMNS.get(name, ()) if c in table.column_names]
                    writers[name] = pq.ParquetWriter(
                        out / f"{name}.parquet",
                        table.schema,
                        use_dictionary=[c for c in table.column_names if c not in plain],
                    )
                writers[name].write_table(table)
                rows[name] += table.num_rows
    finally:
        for writer in writers.values():
            writer.close()
    (out / "synthetic.json").write_text(
        json.dumps(
            {
                "articles": n_articles,
                "templates": [str(t) for t in templates],
                "rows": rows,
                "rows_per_template_article": gen.counts(),
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    return rows


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--template",
        type=Path,
        action="append",
        required=True,
        help="output folder of a real build (repeatable)",
    )
    parser.add_argument("--validate", choices=("sample", "all"), default="sample")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    rows = generate(args.template, args.out, args.articles, args.validate == "all")
    print(
        f"{args.articles:,} articles in {time.perf_counter() - start:.0f} s: "
        + ", ".join(f"{k} {v:,}" for k, v in rows.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
