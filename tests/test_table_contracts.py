"""Table contracts: strict schemas, dtypes kept when empty, one validated loader, offsets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
import pytest

from sahel_utils.analysis.loading import TableError, load_tables
from sahel_utils.core import normalize, paths, tables
from sahel_utils.reading import encoding

NAMES = list(tables.SCHEMAS)


@pytest.mark.parametrize("name", NAMES)
def test_schemas_are_strict(name: str) -> None:
    assert tables.SCHEMAS[name].strict is True


@pytest.mark.parametrize("name", NAMES)
def test_empty_table_has_the_declared_dtypes(name: str) -> None:
    empty = tables.empty_table(name)
    assert list(empty.columns) == list(tables.SCHEMAS[name].columns)
    assert empty.dtypes.astype(str).to_dict() == tables.dtypes(name)


def test_integer_and_float_columns_are_not_objects_when_empty() -> None:
    assert tables.empty_table("mentions")["start"].dtype == "int64"
    assert tables.empty_table("articles")["n_words"].dtype == "int64"
    assert tables.empty_table("reuse")["score"].dtype == "float64"
    assert tables.empty_table("reuse")["n_passages"].dtype == "int64"
    assert tables.empty_table("claims")["n_sources"].dtype == "int64"


@pytest.mark.parametrize("name", NAMES)
def test_empty_table_round_trip_keeps_dtypes(name: str, tmp_path: Path) -> None:
    """Written empty, read back (raw Parquet and validated): the same dtypes."""
    tables.write_table(name, tables.empty_table(name), tmp_path)
    raw = pd.read_parquet(paths.table_path(name, tmp_path))
    read = tables.read_table(name, tmp_path)
    expected = tables.dtypes(name)
    assert raw.dtypes.astype(str).to_dict() == expected
    assert read.dtypes.astype(str).to_dict() == expected
    assert list(read.columns) == list(expected)


@pytest.mark.parametrize("name", NAMES)
def test_an_empty_frame_without_columns_gets_the_declared_ones(name: str) -> None:
    """A stage that found nothing may return ``pd.DataFrame()``."""
    out = tables.validate(name, pd.DataFrame())
    assert out.dtypes.astype(str).to_dict() == tables.dtypes(name)


def test_undeclared_column_is_rejected() -> None:
    df = pd.DataFrame(
        [{"article_id": "a#1", "sent_index": 0, "start": 0, "end": 3, "text": "abc", "x": 1}]
    )
    with pytest.raises((pa.errors.SchemaError, pa.errors.SchemaErrors)):
        tables.validate("sentences", df)
    with pytest.raises((pa.errors.SchemaError, pa.errors.SchemaErrors)):
        tables.validate("sentences", df.iloc[:0])


def _write_all_empty(folder: Path) -> None:
    for name in NAMES:
        tables.write_table(name, tables.empty_table(name), folder)


def test_load_tables_reads_every_table_validated(tmp_path: Path) -> None:
    _write_all_empty(tmp_path)
    loaded = load_tables(tmp_path)
    assert list(loaded) == NAMES
    for name, df in loaded.items():
        assert df.dtypes.astype(str).to_dict() == tables.dtypes(name)
    assert list(load_tables(tmp_path, ["dyads", "articles"])) == ["dyads", "articles"]


def test_load_tables_names_the_missing_table_and_folder(tmp_path: Path) -> None:
    _write_all_empty(tmp_path)
    paths.table_path("quotes", tmp_path).unlink()
    with pytest.raises(FileNotFoundError, match="quotes") as err:
        load_tables(tmp_path)
    assert str(tmp_path) in str(err.value)
    assert set(load_tables(tmp_path, ["articles"])) == {"articles"}


def test_load_tables_on_an_empty_folder_says_to_build(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="sahel_utils build"):
        load_tables(tmp_path)
    with pytest.raises(FileNotFoundError, match="sahel_utils build"):
        load_tables(tmp_path / "absent")


def test_load_tables_rejects_an_unknown_name(tmp_path: Path) -> None:
    _write_all_empty(tmp_path)
    with pytest.raises(KeyError, match="nope"):
        load_tables(tmp_path, ["nope"])


@pytest.mark.parametrize(
    "damage",
    ["extra column", "missing column", "wrong dtype", "empty missing column", "not parquet"],
)
def test_load_tables_names_the_malformed_table_and_folder(tmp_path: Path, damage: str) -> None:
    _write_all_empty(tmp_path)
    target = paths.table_path("mentions", tmp_path)
    row = {
        "article_id": "a#1",
        "start": 0,
        "end": 4,
        "text": "Mali",
        "entity_type": "country",
        "entity_id": "MLI",
        "country": "MLI",
        "source": "gazetteer",
    }
    df = pd.DataFrame([row])
    if damage == "extra column":
        df["extra"] = 1
    elif damage == "missing column":
        df = df.drop(columns=["source"])
    elif damage == "wrong dtype":
        df["start"] = "zero"
    elif damage == "empty missing column":
        df = tables.empty_table("mentions").drop(columns=["country"])
    if damage == "not parquet":
        target.write_text("not a table", encoding="utf-8")
    else:
        df.to_parquet(target, index=False)
    with pytest.raises(TableError, match="mentions") as err:
        load_tables(tmp_path)
    assert str(tmp_path) in str(err.value)


def test_every_written_column_is_declared(seed_tables: dict[str, pd.DataFrame]) -> None:
    """The seed build writes exactly the declared columns, with the declared dtypes."""
    assert set(seed_tables) == set(NAMES)
    for name, df in seed_tables.items():
        assert list(df.columns) == list(tables.SCHEMAS[name].columns), name
        assert df.dtypes.astype(str).to_dict() == tables.dtypes(name), name


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_segment_offsets_index_the_decoded_raw_file(seed_tables) -> None:
    """``raw[start:end]`` holds the segment: equal, or the same lines once stripped."""
    segments = seed_tables["segments"]
    assert not segments.empty
    raw: dict[str, str] = {}
    exact = 0
    for row in segments.itertuples(index=False):
        if row.source_file not in raw:
            path = paths.RAW / row.source_file
            raw[row.source_file] = encoding.read_text(path, encoding.detect_encoding(path))
        piece = raw[row.source_file][row.start : row.end]
        exact += piece == row.text
        assert _lines(piece) == row.text.split("\n"), (row.source_file, row.start, row.text)
    assert exact > 0  # single-line segments are equal as is


def _texts(seed_tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    articles = seed_tables["articles"]
    return dict(zip(articles["article_id"], articles["text"], strict=True))


#: Table -> the column that ``articles.text[start:end]`` reproduces.
SPAN_TEXT = {
    "mentions": "text",
    "timex": "text",
    "quotes": "text",
    "sentences": "text",
    "dyads": "evidence",
}


def test_annotation_offsets_index_article_text(seed_tables) -> None:
    texts = _texts(seed_tables)
    for name, column in SPAN_TEXT.items():
        df = seed_tables[name]
        assert not df.empty, name
        wrong = [
            (r.article_id, r.start, r.end)
            for r in df.itertuples(index=False)
            if texts[r.article_id][r.start : r.end] != getattr(r, column)
        ]
        assert not wrong, (name, wrong[:3])


def test_domain_offsets_are_their_sentence(seed_tables) -> None:
    texts = _texts(seed_tables)
    sentences = seed_tables["sentences"]
    domains = seed_tables["domains"]
    assert not domains.empty
    merged = domains.merge(sentences, on=["article_id", "sent_index"], suffixes=("", "_sentence"))
    assert len(merged) == len(domains)
    assert (merged["start"] == merged["start_sentence"]).all()
    assert (merged["end"] == merged["end_sentence"]).all()
    for r in domains.itertuples(index=False):
        assert normalize.fold(r.cue) in normalize.fold(texts[r.article_id][r.start : r.end])


def test_claim_and_reuse_offsets_index_article_text(seed_tables) -> None:
    texts = _texts(seed_tables)
    articles = seed_tables["articles"]
    titles = dict(zip(articles["article_id"], articles["title"], strict=True))
    claims = seed_tables["claims"]
    assert not claims.empty
    for r in claims.itertuples(index=False):
        if r.start == r.end == 0:  # a claim of the headline, which is not in the body text
            assert normalize.canonical(r.evidence) == normalize.canonical(titles[r.article_id])
            continue
        piece = texts[r.article_id][r.start : r.end]
        assert normalize.canonical(piece) == normalize.canonical(r.evidence), r.cluster_id
    for r in seed_tables["reuse"].itertuples(index=False):
        passages = json.loads(r.passages)
        assert len(passages) == r.n_passages
        for a_start, a_end, b_start, b_end, _ in passages:
            assert 0 <= a_start < a_end <= len(texts[r.article_a])
            assert 0 <= b_start < b_end <= len(texts[r.article_b])


READER_FIXTURES = paths.ROOT / "tests" / "fixtures" / "readers"


def _segments_by_format() -> dict[str, list[tuple[str, Any]]]:
    """Every reader fixture's segments with its decoded text, by detected format."""
    from sahel_utils.reading import detect, parse_inputs

    found: dict[str, list[tuple[str, Any]]] = {}
    for path in sorted(p for p in READER_FIXTURES.rglob("*") if p.is_file()):
        enc = encoding.detect_encoding(path)
        fmt = detect.detect_format(encoding.read_head(path, enc))
        raw = encoding.read_text(path, enc)
        segments = parse_inputs([path]).segments
        found.setdefault(fmt, []).extend((raw, row) for row in segments.itertuples(index=False))
    return found


def test_segment_offsets_follow_the_documented_rule_in_every_format() -> None:
    """docs/architecture.md, Offsets: what ``raw[start:end]`` holds, format by format."""
    import html

    from sahel_utils.reading import detect

    by_format = _segments_by_format()
    plain = by_format.get(detect.PAGE, []) + by_format.get(detect.NEXIS, [])
    records = by_format.get(detect.JSONL, [])
    assert plain and records  # the rule is checked on real segments of both kinds
    for raw, row in plain:  # the segment's lines, stripped, blank ones dropped
        assert _lines(raw[row.start : row.end]) == row.text.split("\n"), row
    for raw, row in records:  # the JSON-encoded text in its line, or -1, -1
        if row.start == -1:
            assert row.end == -1, row
            continue
        encoded = {json.dumps(row.text, ensure_ascii=a)[1:-1] for a in (False, True)}
        assert raw[row.start : row.end] in encoded, row
    for raw, row in by_format.get(detect.HTML, []):  # found literally in the page, or -1, -1
        if row.start == -1:
            assert row.end == -1, row
            continue
        first_line = row.text.split("\n", 1)[0]
        piece = raw[row.start : row.end]
        assert piece in {row.text, html.escape(row.text, quote=False), first_line}, row
