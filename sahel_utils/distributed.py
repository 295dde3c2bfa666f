"""The Dask engine: the same build on a ``dask.distributed`` cluster.

``python -m sahel_utils build --engine dask`` runs :func:`run_stages` instead of
:func:`sahel_utils.build.run_stages`; the tables then go through the same
ordering and the same atomic publish (:mod:`sahel_utils.core.publish`), so a
build on a cluster writes tables byte-identical to the local engine's.

What runs where:

* **Workers, one task per file**: reading (:func:`reading.parse_inputs` on one file).
  When an input file is new, every worker also gets a task that loads the model, after
  the reading tasks: a worker with no file to read loads it meanwhile.
* **Workers, one task per chunk** of one file, cut so that every worker gets
  :data:`CHUNKS_PER_WORKER` chunks (at most :data:`CHUNK_ARTICLES` articles each; a
  corpus of one big file used to be one task on one worker while the others waited):
  first the reuse preparation of each chunk (sentences, shingles, MinHash signatures,
  cached; texts only), then tagging (the spaCy model is loaded once per worker
  process, :func:`annotation.nlp.shared_nlp` is cached per process), dyads (cached
  per article, :func:`sahel_utils.build.cached_dyads`) and claim extraction. The
  chunk's results stay on its worker.
* **One task on a worker, beside the tagging tasks** (it waits for the preparation
  only): the reuse stage itself (:func:`reuse.find_reuse`,
  reading the prepared articles from the cache): copies are duplicates of a
  story's first article and boilerplate is found per outlet, which need the whole
  corpus in one order; candidates come from MinHash LSH, never all pairs. (An
  earlier version shuffled sentence band keys between workers; it followed the
  reuse stage before copies and place-based boilerplate, and was removed rather
  than left to give other tables than the local engine.)
* **Shuffles between workers** (hash buckets, every bucket a task that only sees
  its own keys): the claim blocking keys with their claims (claim pairs are scored
  in the bucket of the key that brings them together). No task sees all pairs.
* **Client**: walking the inputs, the greedy merge of the scored claim links
  (sequential by nature, over the linked pairs only), and gathering the finished
  tables for the one atomic write (the write is the local engine's).

Caches: tagging, reuse preparation and claim extraction use the same
``StageCache`` as the local engine, opened by the workers (on a real cluster the
cache folder must be on a file system the workers share, or each worker keeps its
own). Scored reuse pairs are not cached by this engine.
"""

from __future__ import annotations

import operator
import time
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from sahel_utils import reading
from sahel_utils.annotation import tagging
from sahel_utils.build import cached_dyads
from sahel_utils.core.cache import StageCache, inputs_added
from sahel_utils.core.tables import empty_table, validate
from sahel_utils.relations import claims as claims_stage
from sahel_utils.relations import reuse
from sahel_utils.relations.claims.cluster import block_pairs, blocking_keys, link_score

#: Most articles tagged by one task (a big file is cut into several chunks).
CHUNK_ARTICLES = 400
#: Tasks per worker the articles are cut into at least (chunks of at least
#: :data:`MIN_CHUNK_ARTICLES`), so that the workers finish together.
CHUNKS_PER_WORKER = 4
MIN_CHUNK_ARTICLES = 8
#: Workers of the local cluster started when no scheduler address is given.
DEFAULT_WORKERS = 2

_TAG_SORT = ("article_id", "sent_index", "start", "end")


# --------------------------------------------------------------------------- cluster


@contextmanager
def connect(scheduler: str | None = None, n_workers: int | None = None) -> Any:
    """A ``dask.distributed`` client: to ``scheduler``, or to a new local cluster.

    Args:
        scheduler: Address of a running scheduler (``tcp://host:8786``); None starts
            a ``LocalCluster`` of ``n_workers`` single-threaded worker processes.
        n_workers: Workers of the local cluster (default :data:`DEFAULT_WORKERS`).

    """
    import dask
    from dask.distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    # the workers' statistical profiler samples every task's stack every 10 ms: no use
    # without a dashboard, and it costs pure-Python tasks such as tagging
    with dask.config.set({"distributed.worker.profile.enabled": False}):
        cluster = LocalCluster(
            n_workers=n_workers or DEFAULT_WORKERS,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            memory_limit=0,
        )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _bucket(value: str | bytes, n: int) -> int:
    """A bucket in ``range(n)`` that is the same in every process (no ``hash()`` salt)."""
    data = value.encode("utf-8") if isinstance(value, str) else value
    return zlib.crc32(data) % n


def _shuffle(client: Any, parts: Sequence[Any], n: int) -> list[list[Any]]:
    """Futures of ``parts`` (each a list of ``n`` pieces) regrouped by piece index.

    Returns ``out[b]`` = the futures of piece ``b`` of every part: each piece stays
    on the worker of its part until the task of bucket ``b`` fetches it.
    """
    return [[client.submit(operator.getitem, part, b) for part in parts] for b in range(n)]


# --------------------------------------------------------------------------- reading


def _read_file(path: Path, name: str) -> reading.ParseResult:
    """One input file read as the local engine reads it, named ``name``."""
    parsed = reading.parse_inputs([path])
    plain = reading.source_names([path])[path]
    if name != plain:
        articles, segments = parsed.articles.copy(), parsed.segments.copy()
        ids = {
            old: f"{name}#{pos}"
            for old, pos in zip(articles["article_id"], articles["position"], strict=True)
        }
        articles["source_file"] = name
        articles["article_id"] = [ids[a] for a in articles["article_id"]]
        segments["source_file"] = name
        segments["article_id"] = [ids.get(a, a) for a in segments["article_id"]]
        parsed = reading.ParseResult(
            articles=articles,
            segments=segments,
            problems=[replace(p, file=name) for p in parsed.problems],
            files_read=[name for _ in parsed.files_read],
        )
    return parsed


def _load_model() -> float:
    """Load the spaCy pipeline in this worker process (once); its CPU seconds."""
    from sahel_utils.annotation.nlp import shared_nlp

    start = time.process_time()
    shared_nlp()
    return time.process_time() - start


def _preload_models(client: Any, inputs: list[Path], cache_dir: Path | None) -> list[Any]:
    """Start loading the model on every worker when some input file is new.

    Submitted after the reading tasks: a worker that has no file to read loads the
    model meanwhile, instead of at its first tagging task.
    """
    if not inputs_added(inputs, cache_dir):
        return []
    return [
        client.submit(_load_model, pure=False, workers=[address], priority=-1)
        for address in client.scheduler_info()["workers"]
    ]


def _read_all(
    client: Any, inputs: list[Path], cache_dir: Path | None = None
) -> tuple[reading.ParseResult, list[Any]]:
    """Every file read by a worker; the problems in the local engine's order.

    Returns:
        What was read, and the futures of the models being loaded meanwhile.

    """
    items = list(reading.walk_inputs(inputs))
    names = reading.source_names([item.path for item in items if item.refused is None])
    futures = {
        item.path: client.submit(_read_file, item.path, names[item.path], pure=False)
        for item in items
        if item.refused is None
    }
    loading = _preload_models(client, inputs, cache_dir)
    problems: list[Any] = []
    files_read: list[str] = []
    articles, segments = [], []
    for item in items:
        if item.refused is not None:
            shown = reading._shown(item)  # noqa: SLF001 - the same message as the local engine
            problems.append(reading.Problem(shown, item.refused, skipped=True))
            continue
        parsed = futures[item.path].result()
        problems += parsed.problems
        files_read += parsed.files_read
        articles.append(parsed.articles)
        segments.append(parsed.segments)
    return (
        reading.ParseResult(
            articles=_concat("articles", articles),
            segments=_concat("segments", segments),
            problems=problems,
            files_read=files_read,
        ),
        loading,
    )


def _concat(name: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    if not frames:
        return empty_table(name)
    return pd.concat(frames, ignore_index=True)


def chunk_size(n_articles: int, n_workers: int) -> int:
    """Articles per tagging task (at most :data:`CHUNK_ARTICLES`).

    Small enough that every worker gets :data:`CHUNKS_PER_WORKER` tasks: a corpus of one
    file is not one task on one worker while the others wait.
    """
    spread = -(-n_articles // max(1, CHUNKS_PER_WORKER * n_workers))
    return max(1, min(CHUNK_ARTICLES, max(MIN_CHUNK_ARTICLES, spread)))


def _chunks(articles: pd.DataFrame, size: int | None = None) -> list[pd.DataFrame]:
    """The articles cut by file, and big files into pieces of ``size`` articles."""
    size = size or CHUNK_ARTICLES
    out = []
    for _, group in articles.groupby("source_file", sort=False):
        for start in range(0, len(group), size):
            out.append(group.iloc[start : start + size].reset_index(drop=True))
    return out


# --------------------------------------------------------------------------- per chunk


def _prepare_reuse(articles: pd.DataFrame, cache_dir: Path | None) -> int:
    """Reuse preparation of one chunk into the cache (on a worker); articles prepared.

    It needs the texts only: it runs before the chunk is tagged, so that the reuse task,
    which reads what it prepared, runs beside the tagging of the other chunks.
    """
    stats = {"articles_prepared": 0}
    if cache_dir is not None:  # warms the cache the reuse task reads; no use without one
        cache = StageCache(cache_dir, "reuse", reuse.reuse_version())
        try:
            reuse._prepared_docs(articles, cache, stats)  # noqa: SLF001
        finally:
            cache.flush()
    return stats["articles_prepared"]


def _process_chunk(articles: pd.DataFrame, cache_dir: Path | None) -> dict[str, Any]:
    """Tagging, dyads and claim extraction of one chunk (on a worker)."""
    started = time.perf_counter()
    out: dict[str, Any] = dict(
        tagging.tag_articles(articles, cache_dir=cache_dir, n_process=1, progress=False)
    )
    tagged = time.perf_counter()
    out["articles"] = articles
    out["dyads"] = cached_dyads(out, cache_dir)  # per article, as the local engine does
    claim_stats: dict[str, int] = {}
    found = claims_stage.extract_all(out, cache_dir=cache_dir, stats=claim_stats)
    own = [c for c in found if c.kind != "quote"]
    quoted: dict[str, list[Any]] = {}
    for claim in found:
        if claim.kind == "quote":
            quoted.setdefault(claim.article_id, []).append(claim)
    return {
        "tables": {k: v for k, v in out.items() if k != "articles"},
        "own": own,
        "quoted": quoted,
        "stats": {
            "claims_articles_extracted": claim_stats.get("articles_extracted", 0),
        },
        "seconds": {"tag": tagged - started, "relations": time.perf_counter() - tagged},
    }


def _summary(chunk: dict[str, Any]) -> dict[str, Any]:
    """What the client needs to know about a chunk (small)."""
    return {
        "n_own": len(chunk["own"]),
        "quoted": {aid: len(v) for aid, v in chunk["quoted"].items()},
        "stats": chunk["stats"],
        "seconds": chunk["seconds"],
        "host": _worker_name(),
    }


def _worker_name() -> str:
    try:
        from dask.distributed import get_worker

        return str(get_worker().address)
    except ValueError:
        return "client"


def _table_of(chunk: dict[str, Any], name: str) -> pd.DataFrame:
    return chunk["tables"][name]


# --------------------------------------------------------------------------- reuse


def _find_reuse(
    articles: pd.DataFrame, cache_dir: Path | None, *prepared: int
) -> tuple[pd.DataFrame, dict]:
    """The local engine's reuse stage, as one task on a worker.

    The chunks have prepared (and cached) every article's sentences, shingles and
    signatures in parallel; this task groups copies, marks each outlet's boilerplate
    and scores the LSH candidate pairs of the stories, which need the whole corpus
    in one order (copies are duplicates of a story's first article).
    """
    stats: dict[str, int] = {}
    table = reuse.find_reuse(articles, cache_dir=cache_dir, stats=stats)
    stats["articles_prepared"] = stats.get("articles_prepared", 0) + sum(prepared)
    return table, stats


def _start_reuse(
    client: Any, articles: pd.DataFrame, chunks: list[Any], cache_dir: Path | None
) -> Any:
    """The reuse task (a future), once every chunk's articles (``chunks``) are prepared.

    Preparation needs the texts only and goes first; the reuse task then runs beside
    the tagging tasks, not after them.
    """
    prepared = [
        client.submit(_prepare_reuse, part, cache_dir, pure=False, priority=10) for part in chunks
    ]
    return client.submit(_find_reuse, articles, cache_dir, *prepared, pure=False, priority=5)


def _reuse(client: Any, job: Any, stats: dict[str, int]) -> pd.DataFrame:
    table, found = client.gather(job)
    for key, value in found.items():
        stats[f"reuse_{key}"] += value
    return table


# --------------------------------------------------------------------------- claims


def _numbered_claims(chunk: dict[str, Any], own_offset: int, quote_offsets: dict[str, int]) -> dict:
    """The chunk's claims by their index in the whole corpus's claim list."""
    numbered = {own_offset + i: claim for i, claim in enumerate(chunk["own"])}
    for article_id, found in chunk["quoted"].items():
        for i, claim in enumerate(found):
            numbered[quote_offsets[article_id] + i] = claim
    return numbered


def _block_pieces(numbered: dict[int, Any], n: int) -> list[list[tuple[tuple, int, Any]]]:
    pieces: list[list[tuple[tuple, int, Any]]] = [[] for _ in range(n)]
    for index, claim in numbered.items():
        for key in blocking_keys(claim):
            pieces[_bucket(repr(key), n)].append((key, index, claim))
    return pieces


def _score_blocks(*pieces: list[tuple[tuple, int, Any]]) -> list[tuple[float, int, int]]:
    """Scored claim pairs of the blocks of one bucket (as ``cluster_claims`` scores them)."""
    blocks: dict[tuple, list[tuple[int, Any]]] = defaultdict(list)
    for piece in pieces:
        for key, index, claim in piece:
            blocks[key].append((index, claim))
    done: dict[tuple[int, int], float | None] = {}
    for key, members in blocks.items():
        members.sort(key=operator.itemgetter(0))
        claim_of = dict(members).__getitem__
        for i, k in block_pairs(key, [i for i, _ in members], claim_of):
            if (i, k) not in done:
                done[(i, k)] = link_score(claim_of(i), claim_of(k))
    return [(score, i, k) for (i, k), score in done.items() if score is not None]


def _claims(
    client: Any,
    chunks: list[Any],
    summaries: list[dict[str, Any]],
    reuse_table: pd.DataFrame,
    articles: pd.DataFrame,
    n: int,
) -> pd.DataFrame:
    own_offsets, total = [], 0
    for summary in summaries:
        own_offsets.append(total)
        total += summary["n_own"]
    quoted_counts = {aid: c for s in summaries for aid, c in s["quoted"].items()}
    quote_offsets = {}
    for article_id in sorted(quoted_counts):  # the quotes table's order (by article id)
        quote_offsets[article_id] = total
        total += quoted_counts[article_id]
    numbered = [
        client.submit(
            _numbered_claims,
            chunk,
            own_offsets[c],
            {a: quote_offsets[a] for a in summaries[c]["quoted"]},
        )
        for c, chunk in enumerate(chunks)
    ]
    blocked = client.map(_block_pieces, numbered, n=n)
    scored = [client.submit(_score_blocks, *piece) for piece in _shuffle(client, blocked, n)]
    links: dict[tuple[int, int], float] = {}
    for part in client.gather(scored):
        for score, i, k in part:
            links[(i, k)] = score
    every: dict[int, Any] = {}
    for part in client.gather(numbered):
        every.update(part)
    claims = [every[i] for i in range(total)]
    if not claims:
        return validate("claims", pd.DataFrame(columns=list(empty_table("claims").columns)))
    clusters = claims_stage.merge_scored(claims, [(s, i, k) for (i, k), s in links.items()])
    return claims_stage.claims_table(claims, clusters, reuse_table, articles)


# --------------------------------------------------------------------------- the stages


def _timed_stage(timings: dict[str, float], stage: str, start: float) -> float:
    now = time.perf_counter()
    timings[stage] = round(now - start, 3)
    return now


def run_stages(
    inputs: list[Path],
    cache_dir: Path | None,
    timings: dict[str, float],
    recomputed: dict[str, int] | None = None,
    scheduler: str | None = None,
    n_workers: int | None = None,
    worker_seconds: dict[str, Any] | None = None,
) -> tuple[dict[str, pd.DataFrame], reading.ParseResult]:
    """Compute every table on a Dask cluster; returns ``(tables, parse_result)``.

    The same contract as :func:`sahel_utils.build.run_stages`.

    Args:
        inputs: Files and/or folders to read (visible to the workers at the same paths).
        cache_dir: Cache folder (shared by the workers).
        timings: Filled with seconds per stage (``parse``, ``tag+relations``, ``reuse``,
            ``claims``, ``gather``).
        recomputed: Filled with what was computed rather than read from the cache.
        scheduler: Address of a running scheduler; None starts a local cluster.
        n_workers: Workers of the local cluster.
        worker_seconds: Filled with ``workers`` (count) and ``tag`` / ``relations``
            seconds summed over the chunks (for throughput per worker).

    """
    with connect(scheduler, n_workers) as client:
        n = max(2, 2 * len(client.scheduler_info()["workers"]))
        start = time.perf_counter()
        parsed, loading = _read_all(client, list(inputs), cache_dir)
        start = _timed_stage(timings, "parse", start)
        out: dict[str, pd.DataFrame] = {"articles": parsed.articles, "segments": parsed.segments}
        if parsed.articles.empty:
            return out, parsed
        workers = len(client.scheduler_info()["workers"])
        chunk_articles = _chunks(parsed.articles, chunk_size(len(parsed.articles), workers))
        scattered = client.scatter(chunk_articles)
        reuse_job = _start_reuse(client, client.scatter(parsed.articles), scattered, cache_dir)
        chunks = [client.submit(_process_chunk, part, cache_dir, pure=False) for part in scattered]
        summaries = client.gather(client.map(_summary, chunks))
        client.gather(loading)  # done by now (held until here so that they are not dropped)
        start = _timed_stage(timings, "tag+relations", start)
        stats: dict[str, int] = defaultdict(int)
        for summary in summaries:
            for key, value in summary["stats"].items():
                stats[key] += value
        for name in (*tagging.TAG_TABLES, "dyads"):
            parts = client.gather([client.submit(_table_of, c, name) for c in chunks])
            out[name] = _ordered(name, parts)
        start = _timed_stage(timings, "gather", start)
        out["reuse"] = _reuse(client, reuse_job, stats)  # done beside tagging
        start = _timed_stage(timings, "reuse", start)
        out["claims"] = _claims(client, chunks, summaries, out["reuse"], parsed.articles, n)
        _timed_stage(timings, "claims", start)
        if recomputed is not None:
            recomputed.update(stats)
        if worker_seconds is not None:
            worker_seconds["workers"] = len(client.scheduler_info()["workers"])
            for key in ("tag", "relations"):
                worker_seconds[key] = sum(s["seconds"][key] for s in summaries)
        return out, parsed


def _ordered(name: str, parts: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """The chunks' rows of one table in the order the local engine gives them."""
    df = _concat(name, list(parts))
    if df.empty:
        return df
    if name == "dyads":
        return df.sort_values(["article_id", "start", "actor_a", "actor_b"]).reset_index(drop=True)
    keys = [c for c in _TAG_SORT if c in df.columns]
    return df.sort_values(keys, kind="stable").reset_index(drop=True)


__all__ = ["CHUNK_ARTICLES", "DEFAULT_WORKERS", "connect", "run_stages"]
