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

import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sahel_utils import evaluation, reading
from sahel_utils.annotation import tagging
from sahel_utils.core import paths, publish, tables
from sahel_utils.relations import claims, dyads, reuse

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
    keys = [c for c in SORT_KEYS.get(name, ()) if c in df.columns]
    if keys and len(df) > 1:
        df = df.sort_values(keys, kind="mergesort", na_position="first")
    return df.reset_index(drop=True)


def _auto_n_process(articles: pd.DataFrame) -> int:
    if "n_words" not in articles.columns:
        return 1
    french = (
        articles[articles["language"].astype(str) == "fr"] if "language" in articles else articles
    )
    words = int(french["n_words"].sum())
    return default_n_process() if words >= PARALLEL_MIN_WORDS else 1


@contextmanager
def _timed(
    timings: dict[str, float], stage: str, bar: Any, cpu: dict[str, float] | None = None
) -> Iterator[None]:
    if bar is not None:
        bar.set_description(f"build: {stage}")
    start, start_cpu = time.perf_counter(), time.process_time()
    yield
    timings[stage] = round(time.perf_counter() - start, 3)
    if cpu is not None:  # this process only (tagging workers: see tag_steps)
        cpu[stage] = round(time.process_time() - start_cpu, 3)
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
) -> tuple[dict[str, pd.DataFrame], Any]:
    """Compute every table without writing; returns ``(tables, parse_result)``.

    Args:
        inputs: Files and/or folders to read.
        cache_dir: Tagging cache folder.
        n_process: Tagging processes (None: decided from the corpus size).
        progress: Show a progress bar per stage.
        timings: Filled with seconds per stage.
        recomputed: Filled with what the tagging, reuse and claims stages computed anew.
        tag_steps: Filled with seconds per step of the tagging stage.
        stage_cpu: Filled with CPU seconds of this process per stage.

    """
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=5, unit="stage", desc="build", leave=True)
    tag_stats: dict[str, int] = {}
    try:
        out: dict[str, pd.DataFrame] = {}
        with _timed(timings, "parse", bar, stage_cpu):
            parsed = reading.parse_inputs(list(inputs))
            out["articles"] = parsed.articles
            out["segments"] = parsed.segments
        if out["articles"].empty:
            return out, parsed
        processes = n_process if n_process else _auto_n_process(out["articles"])
        # reuse reads the articles only: with several processes it runs beside the
        # model loading and tagging, in a process of its own (forked before the model)
        early_reuse = _start_reuse(out["articles"], cache_dir) if processes > 1 else None
        with _timed(timings, "tag", bar, stage_cpu):
            out.update(
                tagging.tag_articles(
                    out["articles"],
                    cache_dir=cache_dir,
                    n_process=processes,
                    progress=progress,
                    timings=tag_steps,
                    stats=tag_stats,
                )
            )
        with _timed(timings, "dyads", bar, stage_cpu):
            out["dyads"] = dyads.extract_dyads(out)
        with _timed(timings, "reuse", bar, stage_cpu):
            reuse_stats: dict[str, int] = {}
            if early_reuse is not None:  # only the wait for it is timed here
                out["reuse"], found_stats = early_reuse.result()
                reuse_stats.update(found_stats)
            else:
                out["reuse"] = reuse.find_reuse(
                    out["articles"], cache_dir=cache_dir, stats=reuse_stats
                )
        with _timed(timings, "claims", bar, stage_cpu):
            claims_stats: dict[str, int] = {}
            out["claims"] = claims.extract_claims(out, cache_dir=cache_dir, stats=claims_stats)
        if recomputed is not None:
            recomputed.update({f"tag_{k}": v for k, v in tag_stats.items()})
            recomputed.update({f"reuse_{k}": v for k, v in reuse_stats.items()})
            recomputed.update({f"claims_{k}": v for k, v in claims_stats.items()})
        return out, parsed
    finally:
        if bar is not None:
            bar.close()


def _reuse_with_stats(
    articles: pd.DataFrame, cache_dir: Path | None
) -> tuple[pd.DataFrame, dict[str, int]]:
    stats: dict[str, int] = {}
    return reuse.find_reuse(articles, cache_dir=cache_dir, stats=stats), stats


def _start_reuse(articles: pd.DataFrame, cache_dir: Path | None) -> Any:
    """The reuse stage started in a forked process; None where fork is unavailable."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in mp.get_all_start_methods():
        return None
    executor = ProcessPoolExecutor(1, mp_context=mp.get_context("fork"))
    future = executor.submit(_reuse_with_stats, articles, cache_dir)
    executor.shutdown(wait=False)  # the process ends once the result is read
    return future


def build(
    inputs: list[Path] | None = None,
    out_dir: Path | None = None,
    cache_dir: Path | None = None,
    progress: bool = True,
    n_process: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
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
        if engine == "dask":
            from sahel_utils import distributed

            computed, parsed = distributed.run_stages(
                inputs, cache_dir, summary.timings, summary.recomputed, scheduler=scheduler
            )
        else:
            computed, parsed = run_stages(
                inputs,
                cache_dir,
                n_process,
                progress,
                summary.timings,
                summary.recomputed,
                summary.tag_steps,
                summary.stage_cpu,
            )
        summary.tag_steps = {k: round(v, 3) for k, v in summary.tag_steps.items()}
        summary.problems = [_problem_dict(p) for p in getattr(parsed, "problems", [])]
        files_read = getattr(parsed, "files_read", 0)
        summary.files_read = len(files_read) if isinstance(files_read, list) else int(files_read)
        if computed["articles"].empty:
            summary.files_read = 0
            return summary
        _publish(computed, out_dir, summary)
    return summary


def _publish(computed: dict[str, pd.DataFrame], out_dir: Path, summary: BuildSummary) -> None:
    """Write every table and the summary into a staging folder, then swap it in whole."""
    start = time.perf_counter()
    staging = publish.new_staging(out_dir)
    try:
        for name in TABLE_ORDER:
            df = computed.get(name)
            if df is None:
                df = tables.empty_table(name)
            df = stable_order(name, df)
            tables.write_table(name, df, staging)
            summary.counts[name] = len(df)
        summary.timings["write"] = round(time.perf_counter() - start, 3)
        summary.written = True
        tables.write_text_atomic(
            staging / SUMMARY_FILE, json.dumps(summary.to_dict(), ensure_ascii=False, indent=1)
        )
        produced = {paths.table_path(name, staging).name for name in TABLE_ORDER}
        publish.swap_in(staging, out_dir, produced | {SUMMARY_FILE})
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def read_summary(directory: Path | None = None) -> dict[str, Any] | None:
    """The summary saved by the last build in ``directory`` (None if absent)."""
    target = (directory or paths.PROCESSED) / SUMMARY_FILE
    if not target.exists():
        return None
    return json.loads(target.read_text(encoding="utf-8"))
