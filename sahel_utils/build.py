"""Run the stages in order and write every table: raw files to ``data/processed/``.

``build`` reads the inputs, tags French articles (cached per article), finds
dyads, text reuse and claims, then writes every table and the summary into a
staging folder and swaps it with the output folder in one step
(:mod:`sahel_utils.core.publish`): a reader sees the previous build or the new
one, never a mix, however the build is interrupted. A lock lets one build at a
time write to an output folder. Rows are put in a fixed order,
so a second run on the same input writes identical tables.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sahel_utils import evaluation, reading
from sahel_utils.annotation import tagging
from sahel_utils.core import paths, publish, tables
from sahel_utils.core.cache import StageCache, key_of, save_input_files, stage_version
from sahel_utils.relations import claims, reuse

#: Tables in the order the build produces them.
TABLE_ORDER = evaluation.INPUTS

#: Columns that give each table a stable row order (those present are used).
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("source_file", "position"),
    "segments": ("source_file", "start", "end", "segment_type"),
    "mentions": ("article_id", "start", "end", "entity_type"),
    "timex": ("article_id", "start", "end"),
    "quotes": ("article_id", "start", "end"),
    "sentences": ("article_id", "sent_index"),
    "domains": ("article_id", "sent_index", "start", "end", "domain"),
    "predicates": ("article_id", "sent_index", "start", "mention_start", "mention_end"),
    "dyads": ("article_id", "actor_a", "actor_b", "domain", "start", "end"),
    "reuse": ("article_a", "article_b"),
    "claims": ("cluster_id", "article_id", "field"),
}

#: Below this many words to tag, extra processes cost more than they save (workers are
#: forked after the model is loaded, so starting one costs well under a second).
PARALLEL_MIN_WORDS = 20_000

SUMMARY_FILE = "build_summary.json"

#: Tables no stage after tagging reads: written before claims (the dyads, found beside
#: claims in a process of their own, are written once found).
RELEASED_BEFORE_CLAIMS = ("segments", "domains", "predicates")


def default_n_process() -> int:
    """Processes for tagging: both cores when the machine has them."""
    return max(1, min(2, os.cpu_count() or 1))


@dataclass
class BuildSummary:
    """What a build read, skipped, wrote and how long each stage took.

    Attributes:
        out_dir: Folder the tables were written to.
        files_read: Number of input files that gave at least one article.
        counts: Rows per table written.
        problems: One dict per problem: ``file``, ``reason``, ``skipped`` (False
            for a file read with a caveat, e.g. an article not in French).
        timings: Seconds per stage.
        written: Whether tables were written (False when nothing could be read).
        recomputed: What the cached stages computed rather than read from the
            cache (``tag_articles_tagged``, ``reuse_articles_prepared``,
            ``reuse_pairs_scored``, ``claims_articles_extracted``, ...).
        stage_cpu: CPU seconds of the build process per stage (the tagging workers'
            are in ``tag_steps``).
        tag_steps: CPU seconds per step of the tagging stage (``cache``, ``load``, then
            ``nlp``, ``rows``, ``timex``, ``quotes``, ``predicates`` summed over the
            tagging processes, and ``tables``).
        memory_mb: Peak memory (MB) of the build process at the end of each stage (it
            only grows), and ``tagging``: that of the process that tagged (the model's).

    """

    out_dir: Path
    files_read: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[dict[str, Any]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    written: bool = False
    recomputed: dict[str, int] = field(default_factory=dict)
    tag_steps: dict[str, float] = field(default_factory=dict)
    stage_cpu: dict[str, float] = field(default_factory=dict)
    memory_mb: dict[str, float] = field(default_factory=dict)

    @property
    def skipped_files(self) -> list[dict[str, Any]]:
        """Problems that made the build skip a whole file."""
        return [p for p in self.problems if p.get("skipped")]

    @property
    def ok(self) -> bool:
        """True when at least one file could be read."""
        return self.files_read > 0

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form (JSON-serialisable)."""
        data = asdict(self)
        data["out_dir"] = str(self.out_dir)
        data["skipped_files"] = self.skipped_files
        return data

    def format(self) -> str:
        """A human-readable report of the build."""
        lines = [f"Read {self.files_read} file(s); tables in {self.out_dir}"]
        if not self.written:
            lines[0] = "Nothing could be read; no table written."
        for name in TABLE_ORDER:
            if name in self.counts:
                lines.append(f"  {name:<10} {self.counts[name]:>8} rows")
        if self.timings:
            spent = ", ".join(f"{k} {v:.1f}s" for k, v in self.timings.items())
            lines.append(f"Time: {spent}")
        if self.tag_steps:
            steps = ", ".join(f"{k} {v:.1f}s" for k, v in self.tag_steps.items())
            lines.append(f"  tagging steps (CPU seconds over the tagging processes): {steps}")
        skipped = self.skipped_files
        if skipped:
            lines.append(f"Skipped {len(skipped)} file(s):")
            lines.extend(f"  - {p['file']}: {p['reason']}" for p in skipped)
        warnings = [p for p in self.problems if not p.get("skipped")]
        if warnings:
            lines.append(f"{len(warnings)} note(s) on files read:")
            lines.extend(f"  - {p['file']}: {p['reason']}" for p in warnings)
        return "\n".join(lines)


def _problem_dict(problem: Any) -> dict[str, Any]:
    return {
        "file": str(getattr(problem, "file", "")),
        "reason": str(getattr(problem, "reason", problem)),
        "skipped": bool(getattr(problem, "skipped", True)),
    }


def stable_order(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Rows of table ``name`` in a fixed order, index reset.

    Args:
        name: Table name (a key of ``SORT_KEYS``; others are left in their order).
        df: The table.

    Returns:
        The sorted table (stable sort on the key columns present).

    """
    positions = stable_positions(name, df)
    if positions is not None:
        df = df.iloc[positions]
    return df.reset_index(drop=True)


def stable_positions(name: str, df: pd.DataFrame) -> Any:
    """Positions of ``df``'s rows in :func:`stable_order`'s order (None: as they stand).

    Only the key columns are sorted, so a table is written in order without a sorted
    copy of it (``tables.write_table(..., order=...)``).
    """
    keys = [c for c in SORT_KEYS.get(name, ()) if c in df.columns]
    if not keys or len(df) <= 1:
        return None
    key_frame = df[keys].reset_index(drop=True)
    return key_frame.sort_values(keys, kind="mergesort", na_position="first").index.to_numpy()


def _auto_n_process(articles: pd.DataFrame) -> int:
    if "n_words" not in articles.columns:
        return 1
    french = (
        articles[articles["language"].astype(str) == "fr"] if "language" in articles else articles
    )
    words = int(french["n_words"].sum())
    return default_n_process() if words >= PARALLEL_MIN_WORDS else 1


def peak_mb() -> float:
    """The largest resident memory this process has had so far (MB)."""
    import resource
    import sys

    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / divisor, 1)


@contextmanager
def _timed(
    timings: dict[str, float],
    stage: str,
    bar: Any,
    cpu: dict[str, float] | None = None,
    memory: dict[str, float] | None = None,
) -> Iterator[None]:
    if bar is not None:
        bar.set_description(f"build: {stage}")
    start, start_cpu = time.perf_counter(), time.process_time()
    yield
    timings[stage] = round(time.perf_counter() - start, 3)
    if cpu is not None:  # this process only (tagging workers: see tag_steps)
        cpu[stage] = round(time.process_time() - start_cpu, 3)
    if memory is not None:
        memory[stage] = peak_mb()
    if bar is not None:
        bar.update(1)


def run_stages(
    inputs: list[Path],
    cache_dir: Path | None,
    n_process: int | None,
    progress: bool,
    timings: dict[str, float],
    recomputed: dict[str, int] | None = None,
    tag_steps: dict[str, float] | None = None,
    stage_cpu: dict[str, float] | None = None,
    memory: dict[str, float] | None = None,
    release: Callable[[str, pd.DataFrame | None], None] | None = None,
    written: Callable[[str, int, float], None] | None = None,
    prestarted: tuple[Any, Any] | None = None,
) -> tuple[dict[str, pd.DataFrame], Any]:
    """Compute every table; returns ``(tables, parse_result)``.

    With a cache, the articles missing from the tagging cache are tagged in a process of
    its own (the model is loaded there only, and only when some article needs it); this
    process then reads every article's tags from the cache, so it never holds the model
    beside the tables. With several processes, reuse runs here meanwhile.

    Args:
        inputs: Files and/or folders to read.
        cache_dir: Tagging cache folder.
        n_process: Tagging processes (None: decided from the corpus size).
        progress: Show a progress bar per stage.
        timings: Filled with seconds per stage.
        recomputed: Filled with what the tagging, reuse and claims stages computed anew.
        tag_steps: Filled with seconds per step of the tagging stage.
        stage_cpu: Filled with CPU seconds of this process per stage.
        memory: Filled with the peak memory (MB) of this process at the end of each stage,
            and ``tagging``: that of the tagging process (model included).
        release: Called with each table no later stage reads (``segments``, ``domains``,
            ``predicates``, ``dyads``) as soon as it is done, which is then left out of
            the tables returned (the build writes it at once). None: every table returned.
        written: With ``release`` and several processes: the process that finds the dyads
            also writes, through ``release``, every table final by then (all but
            ``claims``) while claims are found here, and this is called here afterwards
            with each such table's name, rows and seconds spent writing it. None: the
            tables are released from this process.
        prestarted: The tagging process forked early and its model-loading future (see
            :func:`build`); None: forked here.

    """
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=5, unit="stage", desc="build", leave=True)
    stats: dict[str, int] = {}
    tagger = _make_tagger(inputs, cache_dir, progress, prestarted)
    try:
        out: dict[str, pd.DataFrame] = {}
        with _timed(timings, "parse", bar, stage_cpu, memory):
            parse_stats: dict[str, int] = {}
            parsed = reading.parse_inputs(list(inputs), cache_dir=cache_dir, stats=parse_stats)
            out["articles"] = parsed.articles
            out["segments"] = parsed.segments
            stats.update({f"parse_{k}": v for k, v in parse_stats.items()})
        if out["articles"].empty:
            return out, parsed
        processes = n_process if n_process else _auto_n_process(out["articles"])
        sent = tagger.start(out["articles"], processes, progress)
        reuse_stats: dict[str, int] = {}
        if sent and processes > 1:  # reuse reads the articles only: meanwhile
            with _timed(timings, "reuse", bar, stage_cpu, memory):
                out["reuse"] = _find_reuse(out["articles"], cache_dir, reuse_stats)
        if sent:  # while the new texts are tagged, what their dyads and claims will need
            _prepare_for_new_texts()
        with _timed(timings, "tag", bar, stage_cpu, memory):
            out.update(
                _tag(
                    out["articles"],
                    tagger,
                    cache_dir,
                    processes,
                    progress,
                    tag_steps,
                    stats,
                    memory,
                )
            )
        dyads_job = _start_dyads(out, cache_dir, processes, release, written)
        if "reuse" not in out:
            with _timed(timings, "reuse", bar, stage_cpu, memory):
                out["reuse"] = _find_reuse(out["articles"], cache_dir, reuse_stats)
        stats.update({f"reuse_{k}": v for k, v in reuse_stats.items()})
        with _timed(timings, "claims", bar, stage_cpu, memory):
            claims_stats: dict[str, int] = {}
            out["claims"] = _find_claims(
                out,
                cache_dir,
                claims_stats,
                extracted=lambda: _release_claim_inputs(out, processes, release, written),
            )
            stats.update({f"claims_{k}": v for k, v in claims_stats.items()})
        found = _dyads_found(dyads_job, timings, stage_cpu, stats, bar, written)
        if release is not None and found is not None:
            release("dyads", found)
        elif found is not None:
            out["dyads"] = found
        if recomputed is not None:
            recomputed.update(stats)
        return out, parsed
    finally:
        tagger.close()
        if bar is not None:
            bar.close()


def _dyads_module() -> Any:
    """The dyads stage, imported when first needed (it loads spaCy: about a second)."""
    from sahel_utils.relations import dyads

    return dyads


def _prepare_for_new_texts() -> None:
    """Load what the dyads and claims of new texts need (modules, gazetteer, vocabulary).

    Called while the tagging process tags them, so that it is off the build's path.
    """
    from sahel_utils.annotation.gazetteer import load_gazetteer
    from sahel_utils.annotation.timex import extract_timex  # noqa: F401 - headline claims
    from sahel_utils.relations.claims.vocab import load_vocab

    _dyads_module()
    load_gazetteer()
    load_vocab()


#: Columns of ``articles`` the reuse stage reads (its memo is keyed by them).
REUSE_COLUMNS = ("article_id", "text", "source_file", "outlet")
#: Tables the claims stage reads (its memo is keyed by them).
CLAIMS_INPUTS = ("articles", "sentences", "mentions", "timex", "quotes", "reuse")


def table_digest(frames: dict[str, pd.DataFrame | None]) -> str:
    """A hash of tables' names, columns, dtypes and every value, in row order."""
    digest = hashlib.sha256()
    for name in sorted(frames):
        df = frames[name]
        digest.update(f"\x1e{name}".encode())
        if df is None:
            continue
        digest.update(repr([(str(c), str(t)) for c, t in df.dtypes.items()]).encode("utf-8"))
        try:
            values = pd.util.hash_pandas_object(df, index=False).to_numpy().tobytes()
        except TypeError:  # unhashable cells (lists): their text
            values = df.to_csv(index=False).encode("utf-8")
        digest.update(values)
    return digest.hexdigest()


def _memoised(
    cache_dir: Path | None,
    stage: str,
    version: str,
    frames: dict[str, pd.DataFrame | None],
    compute: Callable[[], pd.DataFrame],
    stats: dict[str, int],
) -> pd.DataFrame:
    """A whole stage's table from the cache when its inputs are those of an earlier build.

    A build with nothing new (the same tables in, the same code) then skips the stage's
    corpus-wide work; otherwise ``compute()`` runs (with its own per-article and per-pair
    caches) and its table is kept under the digest of the inputs.
    """
    if cache_dir is None:
        frames.clear()
        return compute()
    cache = StageCache(cache_dir, f"{stage}-table", version)
    key = table_digest(frames)
    frames.clear()  # the inputs may be let go of while compute() runs (claims: see below)
    try:
        hit = cache.get_many([key]).get(key)
        if isinstance(hit, pd.DataFrame):
            stats["table_from_cache"] = 1
            return hit
        table = compute()
        cache.put(key, table)
        return table
    finally:
        cache.flush()


def _find_reuse(
    articles: pd.DataFrame, cache_dir: Path | None, stats: dict[str, int]
) -> pd.DataFrame:
    """The reuse table (:func:`reuse.find_reuse`), from its memo when the texts are the same."""
    frames = {"articles": articles[[c for c in REUSE_COLUMNS if c in articles.columns]]}
    version = stage_version(
        "relations", "reuse-table", libraries=("datasketch", "rapidfuzz", "numpy")
    )
    return _memoised(
        cache_dir,
        "reuse",
        version,
        frames,
        lambda: reuse.find_reuse(articles, cache_dir=cache_dir, stats=stats),
        stats,
    )


def _find_claims(
    tabs: dict[str, pd.DataFrame],
    cache_dir: Path | None,
    stats: dict[str, int],
    extracted: Callable[[], None] | None = None,
) -> pd.DataFrame:
    """The claims table (:func:`claims.extract_claims`), from its memo for the same inputs.

    ``extracted`` is called once the input tables are no longer needed: by the
    extraction when it runs, else after the memo is read.
    """
    from sahel_utils.relations.claims.extract import claims_version

    called = []

    def done() -> None:
        called.append(True)
        if extracted is not None:
            extracted()

    table = _memoised(
        cache_dir,
        "claims",
        f"{claims_version()}-table",
        {name: tabs.get(name) for name in CLAIMS_INPUTS},
        lambda: claims.extract_claims(tabs, cache_dir=cache_dir, stats=stats, extracted=done),
        stats,
    )
    if not called:
        done()
    return table


def _make_tagger(
    inputs: list[Path], cache_dir: Path | None, progress: bool, prestarted: tuple[Any, Any] | None
) -> _Tagger:
    """The tagging process: the one forked early when there is one (and a cache)."""
    if prestarted is not None and cache_dir is not None:
        return _Tagger(cache_dir, progress, prestarted=prestarted)
    if prestarted is not None:  # no cache: tagging runs in this process
        prestarted[0].shutdown(wait=False, cancel_futures=True)
    return _Tagger(cache_dir, progress, warm=_weighs_at_least(inputs, WARM_MIN_BYTES))


def _tagging_keys(articles: pd.DataFrame) -> list[tuple[str, str]]:
    """``(article_id, tagging cache key)`` of each French article, as tagging keys them."""
    keyed = []
    french = articles[articles["language"].astype(str) == "fr"]
    for row in french.itertuples(index=False):
        published = getattr(row, "published", None)
        published = None if published is None or pd.isna(published) else str(published)
        content_hash = getattr(row, "content_hash", None)
        if content_hash is None or pd.isna(content_hash):
            content_hash = hashlib.sha256(str(row.text).encode("utf-8")).hexdigest()
        key = tagging._cache_key(str(content_hash), published)  # noqa: SLF001 - the same key
        keyed.append((str(row.article_id), key))
    return keyed


def _untagged(articles: pd.DataFrame, cache_dir: Path) -> pd.DataFrame:
    """French articles whose tags are not in the tagging cache, one per cache key."""
    keyed = _tagging_keys(articles)
    cache = StageCache(cache_dir, "tagging", tagging.pipeline_version())
    try:
        stored = cache.stored_keys(key for _, key in keyed) if cache.enabled else None
    finally:
        cache.flush()
    if stored is None:  # no usable cache: every article, tagged in this process
        return articles.iloc[:0]
    wanted: dict[str, str] = {}  # key -> the first article with it
    for article_id, key in keyed:
        if key not in stored and key not in wanted:
            wanted[key] = article_id
    return articles[articles["article_id"].astype(str).isin(set(wanted.values()))]


def _tag_untagged(
    articles: pd.DataFrame, cache_dir: Path, n_process: int, progress: bool
) -> tuple[dict[str, float], dict[str, int], float]:
    """Tag ``articles`` into the cache (in the tagging process); steps, counts, peak MB."""
    steps: dict[str, float] = {}
    counts: dict[str, int] = {}
    tagging.tag_articles(
        articles,
        cache_dir=cache_dir,
        n_process=n_process,
        progress=progress,
        timings=steps,
        stats=counts,
    )
    return steps, counts, peak_mb()


#: Inputs from this size on get the model loaded while they are read, on a cold cache.
WARM_MIN_BYTES = 100_000


def _weighs_at_least(inputs: list[Path], limit: int) -> bool:
    """Whether the files of ``inputs`` (folders walked) weigh ``limit`` bytes or more."""
    total = 0
    for path in map(Path, inputs):
        files = path.rglob("*") if path.is_dir() else [path]
        for file in files:
            try:
                total += file.stat().st_size if file.is_file() else 0
            except OSError:
                continue
            if total >= limit:
                return True
    return False


def _cold_tagging_cache(cache_dir: Path) -> bool:
    """True when the tagging cache of this pipeline version holds nothing yet."""
    return not (Path(cache_dir) / "tagging" / f"{tagging.pipeline_version()}.sqlite").exists()


def _load_model(progress: bool) -> tuple[dict[str, float], dict[str, int], float]:
    """Load the pipeline in the tagging process; its CPU seconds as the ``load`` step."""
    from sahel_utils.annotation.nlp import shared_nlp

    start = time.process_time()
    shared_nlp(progress)
    return {"load": time.process_time() - start}, {}, peak_mb()


#: Most characters of text sent to the tagging process at once.
TAG_CHUNK_CHARS = 10_000_000


class _Tagger:
    """A process, forked before the corpus is read, that tags articles into the cache.

    It starts with this process's small heap (modules only), loads the model once (at
    once when the tagging cache is empty and the inputs not tiny, while this process reads
    the corpus; else when the first articles arrive), and gets them in chunks of
    :data:`TAG_CHUNK_CHARS`, so its memory is the model's and a chunk's whatever the corpus.
    Without a cache, or where fork is unavailable, there is no such process and tagging
    runs in this one.
    """

    def __init__(
        self,
        cache_dir: Path | None,
        progress: bool = False,
        warm: bool = True,
        prestarted: tuple[Any, Any] | None = None,
    ) -> None:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        self.cache_dir = cache_dir
        self.executor: Any = None
        self.futures: list[Any] = []
        self.warm: Any = None
        if prestarted is not None:  # forked before the stages were imported
            self.executor, self.warm = prestarted
        elif cache_dir is not None and "fork" in mp.get_all_start_methods():
            self.executor = ProcessPoolExecutor(1, mp_context=mp.get_context("fork"))
            if warm and _cold_tagging_cache(cache_dir):  # all will be tagged: load now
                self.warm = self.executor.submit(_load_model, progress)
            else:
                self.executor.submit(int)  # forks the process now, with a small heap

    def start(self, articles: pd.DataFrame, n_process: int, progress: bool) -> bool:
        """Send the articles missing from the cache; False when there is nothing to send."""
        if self.executor is None or self.cache_dir is None:
            return False
        missing = _untagged(articles, self.cache_dir)
        chunk: list[int] = []
        size = 0
        for position, length in enumerate(missing["text"].str.len()):
            if chunk and size + length > TAG_CHUNK_CHARS:
                self._submit(missing.iloc[chunk], n_process, progress)
                chunk, size = [], 0
            chunk.append(position)
            size += int(length)
        if chunk:
            self._submit(missing.iloc[chunk], n_process, progress)
        return bool(self.futures)

    def _submit(self, articles: pd.DataFrame, n_process: int, progress: bool) -> None:
        self.futures.append(
            self.executor.submit(_tag_untagged, articles, self.cache_dir, n_process, progress)
        )

    def results(self) -> tuple[dict[str, float], dict[str, int], float]:
        """Steps and counts summed over the chunks, and the tagging process's peak MB."""
        steps: dict[str, float] = {}
        counts: dict[str, int] = {}
        peak = 0.0
        for future in [self.warm, *self.futures] if self.warm else self.futures:
            chunk_steps, chunk_counts, peak = future.result()
            for key, value in chunk_steps.items():
                steps[key] = steps.get(key, 0.0) + value
            for key, count in chunk_counts.items():
                counts[key] = counts.get(key, 0) + count
        return steps, counts, peak

    def close(self) -> None:
        """Let the process end (it ends once its last result is read).

        A model still loading for nothing (no article needed tagging) is stopped, so
        that the build does not wait for it on its way out.
        """
        if self.executor is None:
            return
        if self.warm is not None and not self.futures and not self.warm.done():
            for process in list(getattr(self.executor, "_processes", {}).values()):
                process.terminate()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = None


def _tag(
    articles: pd.DataFrame,
    tagger: _Tagger,
    cache_dir: Path | None,
    n_process: int,
    progress: bool,
    tag_steps: dict[str, float] | None,
    stats: dict[str, int],
    memory: dict[str, float] | None = None,
) -> dict[str, pd.DataFrame]:
    """The tagging tables: what ``tagger`` was sent tagged into the cache, every article read."""
    sent = bool(tagger.futures)
    child_steps: dict[str, float] = {}
    child_counts: dict[str, int] = {}
    if sent:
        child_steps, child_counts, child_peak = tagger.results()
        if memory is not None:
            memory["tagging"] = child_peak
    tagger.close()
    counts: dict[str, int] = {}
    steps: dict[str, float] = {}
    frames = tagging.tag_articles(
        articles,
        cache_dir=cache_dir,
        n_process=n_process,  # when sent, every article is cached: no process is started
        progress=progress and not sent,
        timings=steps,
        stats=counts,
    )
    if sent:  # what the tagging process tagged, this one read from the cache
        tagged = child_counts.get("articles_tagged", 0)
        counts["articles_tagged"] = counts.get("articles_tagged", 0) + tagged
        counts["articles_cached"] = counts.get("articles_cached", 0) - tagged
    for step, seconds in child_steps.items():
        steps[step] = steps.get(step, 0.0) + seconds
    if tag_steps is not None:
        for step, seconds in steps.items():
            tag_steps[step] = tag_steps.get(step, 0.0) + seconds
    stats.update({f"tag_{k}": v for k, v in counts.items()})
    return frames


def _start_dyads(
    out: dict[str, pd.DataFrame],
    cache_dir: Path | None,
    processes: int,
    release: Callable[[str, pd.DataFrame | None], None] | None,
    written: Callable[[str, int, float], None] | None,
) -> _Forked:
    """Start finding the dyads; release the tables claims do not read.

    Claims never read the dyads: with several processes they are found meanwhile in a
    forked process, which also writes every table final by now (all but ``claims``)
    when ``release`` and ``written`` are given.
    """
    forked = processes > 1
    final: list[str] = []
    if forked and release is not None and written is not None:
        final = [*RELEASED_BEFORE_CLAIMS, "dyads"]
        final += [n for n in TABLE_ORDER if n in out and n not in final and n != "claims"]
    job = _Forked(_timed_dyads, out, cache_dir, release if final else None, final, fork=forked)
    for name in RELEASED_BEFORE_CLAIMS:  # claims read articles, sentences, mentions, ...
        if final:  # written by the dyads process
            out.pop(name, None)
        elif release is not None:
            release(name, out.pop(name) if name in out else None)
    return job


#: Tagging tables claims read and nothing after their extraction does.
CLAIM_INPUTS = ("sentences", "mentions", "timex", "quotes")


def _release_claim_inputs(
    out: dict[str, pd.DataFrame],
    processes: int,
    release: Callable[[str, pd.DataFrame | None], None] | None,
    written: Callable[[str, int, float], None] | None,
) -> None:
    """Let go of the tables claims were extracted from, before claims are clustered.

    They are written now through ``release`` (or were, by the dyads process: see
    :func:`_start_dyads`); without ``release`` they stay in ``out``, to be returned.
    """
    if release is None:
        return
    written_beside = processes > 1 and written is not None  # as _start_dyads decides
    for name in CLAIM_INPUTS:
        if name in out:
            df = out.pop(name)
            if not written_beside:
                release(name, df)
            del df


def _timed_dyads(
    tabs: dict[str, pd.DataFrame],
    cache_dir: Path | None,
    release: Callable[[str, pd.DataFrame | None], None] | None = None,
    names: list[str] | None = None,
) -> tuple[pd.DataFrame | None, dict[str, int], float, float, dict[str, tuple[int, float]]]:
    """:func:`cached_dyads` with its stats, wall and CPU seconds (run by :class:`_Forked`).

    With ``release``, the tables ``names`` (the dyads among them) are written through it
    and the dyads are not returned; the last item gives each one's rows and seconds.
    """
    start, start_cpu = time.perf_counter(), time.process_time()
    stats: dict[str, int] = {}
    found = cached_dyads(tabs, cache_dir, stats)
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    if release is None:
        return found, stats, seconds, cpu, {}
    done: dict[str, tuple[int, float]] = {}
    for name in names or []:
        began = time.perf_counter()
        df = found if name == "dyads" else tabs.get(name)
        release(name, df)
        done[name] = (0 if df is None else len(df), time.perf_counter() - began)
    return None, stats, seconds, cpu, done


def _dyads_found(
    job: _Forked,
    timings: dict[str, float],
    stage_cpu: dict[str, float] | None,
    stats: dict[str, int],
    bar: Any,
    written: Callable[[str, int, float], None] | None,
) -> pd.DataFrame | None:
    """The dyads table from ``job`` (None: it wrote it); its seconds and counts noted.

    ``written`` is called with each table the job wrote (name, rows, seconds).
    """
    start = time.perf_counter()
    found, dyad_stats, seconds, cpu, tables_written = job.result()
    if written is not None and tables_written:
        for name, (rows, spent) in tables_written.items():
            written(name, rows, spent)
        timings["write_beside_claims"] = round(sum(s for _, s in tables_written.values()), 3)
    stats.update({f"dyads_{k}": v for k, v in dyad_stats.items()})
    timings["dyads"] = round(seconds, 3)  # in a process of its own, beside claims
    if job.process is not None:  # how long claims were done before the dyads
        timings["dyads_wait"] = round(time.perf_counter() - start, 3)
    if stage_cpu is not None:
        stage_cpu["dyads"] = round(cpu, 3)  # that process's CPU seconds
    if bar is not None:
        bar.update(1)
    return found


def _send_result(sender: Any, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """Run ``function(*args)`` and send ``(True, value)`` or ``(False, error)`` back."""
    try:
        result: tuple[bool, Any] = (True, function(*args))
    except BaseException as error:  # noqa: BLE001 - raised again in the parent
        result = (False, error)
    sender.send(result)
    sender.close()


class _Forked:
    """``function(*args)`` run in a forked process, beside this one; :meth:`result` waits.

    The child starts with this process's memory (the tables are not copied nor pickled
    on the way in); only the result travels back, pickled. Where fork is unavailable, or
    with ``fork=False``, the function runs here at once.
    """

    def __init__(self, function: Callable[..., Any], *args: Any, fork: bool = True) -> None:
        import multiprocessing as mp

        self.process: Any = None
        self.value: Any = None
        if not fork or "fork" not in mp.get_all_start_methods():
            self.value = function(*args)
            return
        context = mp.get_context("fork")
        self.receiver, sender = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_send_result, args=(sender, function, args), daemon=True
        )
        self.process.start()
        sender.close()

    def result(self) -> Any:
        """The function's value (its exception raised again here)."""
        if self.process is None:
            return self.value
        try:
            ok, value = self.receiver.recv()
        except EOFError as error:
            raise RuntimeError(f"the forked process ended with {self.process.exitcode}") from error
        finally:
            self.receiver.close()
            self.process.join()
        if not ok:
            raise value
        return value


#: Columns of the dyads table that give each article's rows their order.
DYAD_ORDER = ["article_id", "start", "actor_a", "actor_b"]


def _dyad_keys(articles: pd.DataFrame) -> list[tuple[str, str]]:
    """``(article_id, key)``: an article's dyads follow from its text and date alone."""
    hashes = (
        articles["content_hash"]
        if "content_hash" in articles
        else [hashlib.sha256(str(t).encode("utf-8")).hexdigest() for t in articles["text"]]
    )
    dates = articles["published"] if "published" in articles else [None] * len(articles)
    return [
        (str(a), key_of(str(h), "" if d is None or pd.isna(d) else str(d)))
        for a, h, d in zip(articles["article_id"], hashes, dates, strict=True)
    ]


def _only(tabs: dict[str, pd.DataFrame], ids: set[str]) -> dict[str, pd.DataFrame]:
    """The tables restricted to the articles ``ids``."""
    return {
        name: df[df["article_id"].astype(str).isin(ids)]
        if isinstance(df, pd.DataFrame) and "article_id" in df.columns
        else df
        for name, df in tabs.items()
    }


def cached_dyads(
    tabs: dict[str, pd.DataFrame], cache_dir: Path | None, stats: dict[str, int] | None = None
) -> pd.DataFrame:
    """The dyads table, each article's rows from the cache when its text was seen.

    An article's dyads are a function of its own text, date and tags, so they are kept
    per article (by content hash and date, in a file of the relations stage's version);
    only new texts go through :func:`dyads.extract_dyads`. Cold or warm, every article's
    rows are put together the same way, so the table is the same byte for byte.

    Args:
        tabs: The tables (``articles`` and the tagging tables).
        cache_dir: Build cache folder (None: no cache).
        stats: Filled with ``articles_found`` (texts whose dyads were computed).

    """
    articles = tabs["articles"]
    keyed = _dyad_keys(articles)
    cache = StageCache(cache_dir, "dyads", stage_version("relations", "dyads"))
    columns = [c for c in tables.SCHEMAS["dyads"].columns if c != "article_id"]
    try:
        stored: dict[str, list[tuple]] = cache.get_many(key for _, key in keyed)
        first: dict[str, str] = {}  # key -> the first article with it
        for article_id, key in keyed:
            if key not in stored and key not in first:
                first[key] = article_id
        todo = {article_id: key for key, article_id in first.items()}
        if todo:
            subset = tabs if len(todo) == len(keyed) else _only(tabs, set(todo))
            found = _dyads_module().extract_dyads(subset)
            rows: dict[str, list[tuple]] = {article_id: [] for article_id in todo}
            if not found.empty:
                values = found[columns].itertuples(index=False, name=None)
                for article_id, row in zip(found["article_id"].astype(str), values, strict=True):
                    rows[article_id].append(row)
            for article_id, key in todo.items():
                cache.put(key, rows[article_id])
                stored[key] = rows[article_id]
    finally:
        cache.flush()
    if stats is not None:
        stats["articles_found"] = len(todo)
    every = [(article_id, *row) for article_id, key in keyed for row in stored[key]]
    if not every:
        return tables.empty_table("dyads")
    df = pd.DataFrame(every, columns=["article_id", *columns])
    return df.sort_values(DYAD_ORDER).reset_index(drop=True)


def build(
    inputs: list[Path] | None = None,
    out_dir: Path | None = None,
    cache_dir: Path | None = None,
    progress: bool = True,
    n_process: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    tagger: tuple[Any, Any] | None = None,
) -> BuildSummary:
    """Read the inputs, run every stage and write the tables.

    Args:
        inputs: Files and/or folders (default ``[paths.RAW]``).
        out_dir: Output folder (default ``paths.PROCESSED``).
        cache_dir: Cache of tagging, reuse and claims (default ``paths.CACHE``).
        progress: Show progress bars.
        n_process: Processes for tagging; None picks 1 for small corpora and
            both cores for large ones.
        engine: ``"local"`` (this machine) or ``"dask"`` (a ``dask.distributed``
            cluster, :mod:`sahel_utils.distributed`; the same tables).
        scheduler: With ``engine="dask"``: a running scheduler's address (None: a
            local cluster).
        tagger: The tagging process forked early, and its model-loading future or None
            (:func:`sahel_utils.cli.prestart_tagging`); None: forked here.

    Returns:
        The build summary. When no file could be read, nothing is written and
        ``summary.ok`` is False.

    """
    inputs = [Path(p) for p in (inputs or [paths.RAW])]
    out_dir = Path(out_dir) if out_dir is not None else paths.PROCESSED
    cache_dir = Path(cache_dir) if cache_dir is not None else paths.CACHE
    summary = BuildSummary(out_dir=out_dir)

    with publish.output_lock(out_dir):
        publish.clean_stale(out_dir)
        staging = _Staging(out_dir, summary)
        try:
            if engine == "dask":
                from sahel_utils import distributed

                computed, parsed = distributed.run_stages(
                    inputs, cache_dir, summary.timings, summary.recomputed, scheduler=scheduler
                )
            else:
                staging.prepare()  # before the process that writes tables is forked
                computed, parsed = run_stages(
                    inputs,
                    cache_dir,
                    n_process,
                    progress,
                    summary.timings,
                    summary.recomputed,
                    summary.tag_steps,
                    summary.stage_cpu,
                    summary.memory_mb,
                    release=staging.write,
                    written=staging.record,
                    prestarted=tagger,
                )
            summary.tag_steps = {k: round(v, 3) for k, v in summary.tag_steps.items()}
            summary.problems = [_problem_dict(p) for p in getattr(parsed, "problems", [])]
            files_read = getattr(parsed, "files_read", 0)
            summary.files_read = (
                len(files_read) if isinstance(files_read, list) else int(files_read)
            )
            if computed["articles"].empty:
                summary.files_read = 0
                staging.discard()
                return summary
            _publish(computed, out_dir, summary, staging)
            save_input_files(inputs, cache_dir)  # a later build knows what is new
        except BaseException:
            staging.discard()
            raise
    return summary


class _Staging:
    """The staging folder of a build: each table written into it once final.

    A table that no later stage reads is written (and let go) as soon as it is done, so
    the build does not hold every table at once; the rest are written at the end.
    """

    def __init__(self, out_dir: Path, summary: BuildSummary) -> None:
        self.out_dir = out_dir
        self.summary = summary
        self.path: Path | None = None
        self.seconds = 0.0

    def write(self, name: str, df: pd.DataFrame | None) -> None:
        """Write table ``name`` (None: the empty table) in its stable order."""
        start = time.perf_counter()
        if self.path is None:
            self.path = publish.new_staging(self.out_dir)
        df = tables.empty_table(name) if df is None else df
        tables.write_table(name, df, self.path, order=stable_positions(name, df))
        self.summary.counts[name] = len(df)
        self.seconds += time.perf_counter() - start

    def record(self, name: str, rows: int, seconds: float) -> None:
        """Note table ``name`` as written (``rows`` rows) by another process.

        That process wrote into this folder, made by :meth:`prepare` before it was forked.
        """
        del seconds  # spent beside claims, not on the way to the end of the build
        self.summary.counts[name] = rows

    def prepare(self) -> None:
        """Make the staging folder now (before a process that writes into it is forked)."""
        if self.path is None:
            self.path = publish.new_staging(self.out_dir)

    def discard(self) -> None:
        """Remove the staging folder (a build that failed or wrote nothing)."""
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
            self.path = None


def _publish(
    computed: dict[str, pd.DataFrame], out_dir: Path, summary: BuildSummary, staging: _Staging
) -> None:
    """Write the tables not yet written and the summary, then swap the staging folder in."""
    for name in TABLE_ORDER:
        if name not in summary.counts:
            staging.write(name, computed.get(name))
    if staging.path is None:
        raise RuntimeError("the staging folder was removed before the build was published")
    summary.counts = {name: summary.counts[name] for name in TABLE_ORDER}
    summary.timings["write"] = round(staging.seconds, 3)
    summary.memory_mb["write"] = peak_mb()
    summary.written = True
    tables.write_text_atomic(
        staging.path / SUMMARY_FILE, json.dumps(summary.to_dict(), ensure_ascii=False, indent=1)
    )
    produced = {paths.table_path(name, staging.path).name for name in TABLE_ORDER}
    publish.swap_in(staging.path, out_dir, produced | {SUMMARY_FILE})
    staging.path = None  # swapped in: no longer ours to remove


def read_summary(directory: Path | None = None) -> dict[str, Any] | None:
    """The summary saved by the last build in ``directory`` (None if absent)."""
    target = (directory or paths.PROCESSED) / SUMMARY_FILE
    if not target.exists():
        return None
    return json.loads(target.read_text(encoding="utf-8"))
