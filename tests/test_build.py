"""The build: stage order, summary, atomic writes, identical reruns."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from sahel_utils import build as build_module
from sahel_utils.build import SUMMARY_FILE, TABLE_ORDER, build, stable_order
from sahel_utils.core import paths, tables
from sahel_utils.relations import dyads


def _articles(ids_lang: list[tuple[str, str]]) -> pd.DataFrame:
    rows = []
    for article_id, lang in ids_lang:
        file, pos = article_id.split("#")
        rows.append(
            {
                "article_id": article_id,
                "source_file": file,
                "position": int(pos),
                "title": f"Titre {article_id}",
                "published": "2025-06-23",
                "author": None,
                "outlet": "APA",
                "url": None,
                "text": "Le Mali et la Russie coopèrent.",
                "language": lang,
                "n_words": 5,
                "content_hash": f"h-{article_id}",
            }
        )
    return pd.DataFrame(rows)


def _segments() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "source_file": "a.txt",
                "article_id": "a.txt#1",
                "segment_type": "comment",
                "start": 40,
                "end": 60,
                "text": "Bravo !",
            }
        ]
    )


class FakeStages:
    """Stand-ins for the stages; they record the order they were called in."""

    def __init__(self, articles: pd.DataFrame, problems=(), files_read: int = 1):
        self.articles = articles
        self.problems = list(problems)
        self.files_read = files_read
        self.calls: list[str] = []
        self.seen_by_claims: set[str] = set()
        self.tag_kwargs: dict = {}

    def parse_inputs(self, inputs, **kwargs):
        self.calls.append("parse")
        self.inputs = inputs
        return SimpleNamespace(
            articles=self.articles,
            segments=_segments() if not self.articles.empty else tables.empty_table("segments"),
            problems=self.problems,
            files_read=self.files_read,
        )

    def tag_articles(
        self, articles, cache_dir=None, n_process=1, batch_size=32, progress=False, **kwargs
    ):
        self.calls.append("tag")
        self.tag_kwargs = {"cache_dir": cache_dir, "n_process": n_process, "progress": progress}
        french = articles[articles["language"] == "fr"]
        mentions = pd.DataFrame(
            {
                "article_id": list(french["article_id"]) * 2,
                "start": [7] * len(french) + [3] * len(french),
                "end": [11] * len(french) + [7] * len(french),
                "text": ["Mali"] * len(french) + ["Mali"] * len(french),
                "entity_type": "country",
                "entity_id": "MLI",
                "country": "MLI",
                "source": "gazetteer",
            }
        )
        out = {name: tables.empty_table(name) for name in tagging_tables()}
        out["mentions"] = mentions
        return out

    def extract_dyads(self, tabs):
        self.calls.append("dyads")
        assert "mentions" in tabs
        return tables.empty_table("dyads")

    def find_reuse(self, articles, **kwargs):
        self.calls.append("reuse")
        return pd.DataFrame(
            [
                {
                    "article_a": "a.txt#1",
                    "article_b": "a.txt#2",
                    "relation": "rewrite",
                    "score": 0.9,
                    "n_passages": 1,
                    "passages": "[[0, 4, 0, 4, 90.0]]",
                }
            ]
        )

    def extract_claims(self, tabs, **kwargs):
        self.calls.append("claims")
        self.seen_by_claims = set(tabs)
        return tables.empty_table("claims")

    def install(self, monkeypatch: pytest.MonkeyPatch) -> FakeStages:
        monkeypatch.setattr(build_module.reading, "parse_inputs", self.parse_inputs)
        monkeypatch.setattr(build_module.tagging, "tag_articles", self.tag_articles)
        monkeypatch.setattr(dyads, "extract_dyads", self.extract_dyads)
        monkeypatch.setattr(build_module.reuse, "find_reuse", self.find_reuse)
        monkeypatch.setattr(build_module.claims, "extract_claims", self.extract_claims)
        return self


def tagging_tables() -> tuple[str, ...]:
    return ("mentions", "timex", "quotes", "sentences", "domains")


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeStages:
    problems = [
        SimpleNamespace(file="empty.txt", reason="empty file", skipped=True),
        SimpleNamespace(file="b.txt", reason="article(s) not in French: #1 (en)", skipped=False),
    ]
    articles = _articles([("a.txt#1", "fr"), ("a.txt#2", "fr"), ("b.txt#1", "en")])
    return FakeStages(articles, problems=problems, files_read=["a.txt", "b.txt"]).install(
        monkeypatch
    )


def test_build_runs_stages_in_order_and_writes_every_table(fake: FakeStages, tmp_path: Path):
    summary = build(
        [tmp_path / "in"], out_dir=tmp_path / "out", cache_dir=tmp_path / "c", progress=False
    )
    assert fake.calls == ["parse", "tag", "dyads", "reuse", "claims"]
    assert "reuse" in fake.seen_by_claims  # claims may use the reuse pairs
    assert fake.tag_kwargs["cache_dir"] == tmp_path / "c"
    assert fake.tag_kwargs["n_process"] == 1  # tiny corpus: no extra processes
    for name in TABLE_ORDER:
        assert (tmp_path / "out" / f"{name}.parquet").exists(), name
    assert summary.counts["articles"] == 3
    assert summary.counts["mentions"] == 4
    assert summary.counts["reuse"] == 1
    assert set(summary.timings) == {"parse", "tag", "dyads", "reuse", "claims", "write"}
    assert set(summary.stage_cpu) == {"parse", "tag", "dyads", "reuse", "claims"}
    assert summary.ok and summary.written and summary.files_read == 2


def test_two_processes_only_for_enough_french_words(monkeypatch: pytest.MonkeyPatch):
    from sahel_utils import build as build_module

    monkeypatch.setattr(build_module, "default_n_process", lambda: 2)
    articles = _articles([("a#1", "fr"), ("a#2", "en")])
    articles["n_words"] = [100, build_module.PARALLEL_MIN_WORDS]
    assert build_module._auto_n_process(articles) == 1  # the English words are not tagged
    articles["language"] = "fr"
    assert build_module._auto_n_process(articles) == 2


def test_summary_lists_skipped_files_and_untagged_languages(fake: FakeStages, tmp_path: Path):
    summary = build([tmp_path], out_dir=tmp_path / "out", progress=False)
    assert summary.skipped_files == [{"file": "empty.txt", "reason": "empty file", "skipped": True}]
    text = summary.format()
    assert "Skipped 1 file(s):\n  - empty.txt: empty file" in text
    assert "b.txt: article(s) not in French: #1 (en)" in text
    saved = json.loads((tmp_path / "out" / SUMMARY_FILE).read_text(encoding="utf-8"))
    assert saved["skipped_files"][0]["file"] == "empty.txt"
    assert saved["counts"]["articles"] == 3
    assert build_module.read_summary(tmp_path / "out")["files_read"] == 2


def test_default_inputs_and_outputs_come_from_paths(fake: FakeStages, monkeypatch, tmp_path: Path):
    monkeypatch.setattr(paths, "PROCESSED", tmp_path / "processed")
    monkeypatch.setattr(paths, "CACHE", tmp_path / "cache")
    build(progress=False)
    assert fake.inputs == [paths.RAW]
    assert fake.tag_kwargs["cache_dir"] == tmp_path / "cache"
    assert (tmp_path / "processed" / "articles.parquet").exists()


def test_nothing_readable_writes_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    problem = SimpleNamespace(file="bin.dat", reason="binary file", skipped=True)
    FakeStages(tables.empty_table("articles"), [problem], files_read=0).install(monkeypatch)
    summary = build([tmp_path], out_dir=tmp_path / "out", progress=False)
    assert not summary.ok and not summary.written
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert "Nothing could be read" in summary.format()
    assert "bin.dat: binary file" in summary.format()


def test_failing_stage_leaves_previous_tables_untouched(fake: FakeStages, monkeypatch, tmp_path):
    out = tmp_path / "out"
    build([tmp_path], out_dir=out, progress=False)
    before = {p.name: p.read_bytes() for p in out.glob("*.parquet")}

    def broken(tabs):
        raise RuntimeError("stage failed")

    monkeypatch.setattr(dyads, "extract_dyads", broken)
    with pytest.raises(RuntimeError):  # a fresh cache: dyads are computed, not read
        build([tmp_path], out_dir=out, cache_dir=tmp_path / "fresh", progress=False)
    after = {p.name: p.read_bytes() for p in out.glob("*.parquet")}
    assert after == before


def test_interrupted_write_leaves_no_half_written_table(fake, monkeypatch, tmp_path: Path):
    out = tmp_path / "out"
    build([tmp_path], out_dir=out, progress=False)
    before = (out / "articles.parquet").read_bytes()
    import pyarrow.parquet as pq

    real_write = pq.ParquetWriter.write_table

    def interrupted(self, table, *args, **kwargs):
        real_write(self, table.slice(0, 1))  # a crash in the middle of writing
        raise KeyboardInterrupt

    monkeypatch.setattr(pq.ParquetWriter, "write_table", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build([tmp_path], out_dir=out, progress=False)
    monkeypatch.setattr(pq.ParquetWriter, "write_table", real_write)
    assert (out / "articles.parquet").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    pd.read_parquet(out / "articles.parquet")  # still a whole table


def test_stable_order_does_not_depend_on_row_order():
    df = pd.DataFrame(
        {
            "article_id": ["b#1", "a#1", "a#1"],
            "start": [0, 5, 1],
            "end": [3, 9, 4],
            "entity_type": ["country"] * 3,
        }
    )
    shuffled = df.iloc[[2, 0, 1]]
    pd.testing.assert_frame_equal(stable_order("mentions", df), stable_order("mentions", shuffled))
    assert list(stable_order("mentions", df)["start"]) == [1, 5, 0]


@pytest.mark.slow
def test_second_build_gives_identical_tables(built_dir: Path, tmp_path: Path):
    """A rerun (fresh cache, then warm cache) writes the same tables, byte for byte."""
    raw = sorted(p for p in paths.RAW.iterdir() if p.is_file())
    raw_before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in raw}
    first = {p.name: p.read_bytes() for p in sorted(built_dir.glob("*.parquet"))}
    assert set(first) == {f"{name}.parquet" for name in TABLE_ORDER}
    cache = tmp_path / "cache"
    for run in ("cold", "warm"):
        out = tmp_path / run
        build([paths.RAW], out_dir=out, cache_dir=cache, progress=False)
        for name, data in first.items():
            if (out / name).read_bytes() != data:
                pd.testing.assert_frame_equal(
                    pd.read_parquet(out / name), pd.read_parquet(built_dir / name)
                )
                pytest.fail(f"{run} rerun: {name} has equal rows but different bytes")
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in raw} == raw_before


def test_bench_corpus_copies_are_distinct_and_readable(tmp_path: Path):
    from sahel_utils import bench, reading

    seed = bench.source_articles([sorted(paths.RAW.glob("*.txt"))[-1]])
    assert not seed.empty and set(seed["language"]) == {"fr"}
    per_round = int(seed["n_words"].sum())
    files = bench.make_corpus(seed, 3 * per_round, tmp_path)
    assert [f.name for f in files] == ["copy_0001.jsonl", "copy_0002.jsonl", "copy_0003.jsonl"]
    parsed = reading.parse_inputs([tmp_path])
    assert not [p for p in parsed.problems if p.skipped]
    assert len(parsed.articles) == 3 * len(seed)
    assert parsed.articles["content_hash"].is_unique  # no copy can hit another's cache
    words = int(parsed.articles["n_words"].sum())
    assert 2.5 * per_round < words < 3.5 * per_round


@pytest.mark.slow
def test_warm_rebuild_after_adding_a_file_equals_cold_build(tmp_path: Path):
    """Every stage read from the cache gives the tables of a cold build, byte for byte."""
    raw = sorted(p for p in paths.RAW.glob("*.txt"))
    first, added = tmp_path / "first", tmp_path / "all"
    first.mkdir()
    added.mkdir()
    for p in raw:
        (added / p.name).write_bytes(p.read_bytes())
        if p != raw[-1]:
            (first / p.name).write_bytes(p.read_bytes())
    cache = tmp_path / "cache"
    build([first], out_dir=tmp_path / "out1", cache_dir=cache, progress=False)
    warm = build([added], out_dir=tmp_path / "warm", cache_dir=cache, progress=False)
    cold = build(
        [added], out_dir=tmp_path / "cold", cache_dir=tmp_path / "cold_cache", progress=False
    )
    assert (
        0
        < warm.recomputed["claims_articles_extracted"]
        < cold.recomputed["claims_articles_extracted"]
    )
    assert warm.recomputed["reuse_articles_prepared"] < cold.recomputed["reuse_articles_prepared"]
    assert warm.recomputed["reuse_pairs_scored"] <= cold.recomputed["reuse_pairs_scored"]
    # only the added file is read and tagged, only its articles' dyads are found
    assert warm.recomputed["parse_files_parsed"] == 1 < cold.recomputed["parse_files_parsed"]
    assert 0 < warm.recomputed["tag_articles_tagged"] < cold.recomputed["tag_articles_tagged"]
    assert (
        warm.recomputed["tag_articles_cached"]
        == cold.recomputed["tag_articles_tagged"] - (warm.recomputed["tag_articles_tagged"])
    )
    assert 0 < warm.recomputed["dyads_articles_found"] < cold.recomputed["dyads_articles_found"]
    assert "tagging" in warm.memory_mb  # tagged in a process of its own
    for name in TABLE_ORDER:  # every table, byte for byte
        assert (tmp_path / "warm" / f"{name}.parquet").read_bytes() == (
            tmp_path / "cold" / f"{name}.parquet"
        ).read_bytes(), name
    again = build([added], out_dir=tmp_path / "again", cache_dir=cache, progress=False)
    assert again.recomputed["parse_files_parsed"] == 0
    assert again.recomputed["tag_articles_tagged"] == again.recomputed["dyads_articles_found"] == 0
    assert "tagging" not in again.memory_mb  # nothing to tag: the model is never loaded
    for name in TABLE_ORDER:
        assert (tmp_path / "again" / f"{name}.parquet").read_bytes() == (
            tmp_path / "cold" / f"{name}.parquet"
        ).read_bytes(), name


def test_low_reuse_bench_copies_share_little_wording(tmp_path: Path):
    from sahel_utils import bench, reading
    from sahel_utils.relations.reuse import content_words

    seed = bench.source_articles([sorted(paths.RAW.glob("*.txt"))[-1]])
    per_round = int(seed["n_words"].sum())
    bench.make_corpus(seed, 2 * per_round, tmp_path, corpus="low-reuse")
    articles = reading.parse_inputs([tmp_path]).articles
    assert len(articles) == 2 * len(seed) and articles["content_hash"].is_unique
    first, second = (articles[articles["source_file"] == f"copy_000{n}.jsonl"] for n in (1, 2))

    def trigrams(text: str) -> set[tuple[str, ...]]:
        words = content_words(text)
        return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}

    for a, b in zip(first["text"], second["text"], strict=True):
        shared = trigrams(a) & trigrams(b)
        assert len(shared) < 0.1 * min(len(trigrams(a)), len(trigrams(b)))


def test_two_processes_find_dyads_and_write_tables_beside_claims(fake: FakeStages, tmp_path: Path):
    one = build([tmp_path / "in"], out_dir=tmp_path / "one", cache_dir=tmp_path / "c1",
                progress=False, n_process=1)  # fmt: skip
    two = build([tmp_path / "in"], out_dir=tmp_path / "two", cache_dir=tmp_path / "c2",
                progress=False, n_process=2)  # fmt: skip
    assert "dyads" in fake.calls[: fake.calls.index("claims")]  # one process: here, in order
    assert fake.calls.count("dyads") == 1  # two processes: found in the forked one
    assert "write_beside_claims" in two.timings and "dyads_wait" in two.timings
    assert "write_beside_claims" not in one.timings
    assert list(two.counts) == list(one.counts) == list(TABLE_ORDER)
    assert two.counts == one.counts
    for name in TABLE_ORDER:
        path = f"{name}.parquet"
        assert (tmp_path / "two" / path).read_bytes() == (tmp_path / "one" / path).read_bytes()
