"""Text reuse between articles: duplicates and rewrites of a shared story.

Two articles are compared only when MinHash LSH (datasketch) says that some of
their sentences look alike, so a large corpus is never compared pair by pair.
A candidate pair is then scored on what the authors wrote themselves: quoted
passages are blanked first, because two outlets quoting the same minister is
not reuse. What remains is compared as runs of content words (shingles of three
non-stop-words) and aligned sentence by sentence with rapidfuzz.

- ``duplicate``: near-identical texts (the same story printed twice, or another
  outlet's verbatim copy under its own headline); an outlet's own story printed again
  under a reworded headline is a ``rewrite`` (a re-edited version), though still one
  copy group. Copies form a
  group whose first article (smallest id) stands for the story: a story printed 500
  times gives 499 ``duplicate`` rows against that one, and only the first copy is
  compared with other stories (never every copy with every copy).
- ``rewrite``: a paraphrase that still shares many non-quote word sequences
  and aligned sentences covering much of the story (a wire story re-edited, or
  two rewrites of it).
- ``shared_passage``: two stories that only share a passage (a recycled background
  paragraph); kept so that the passage can be shown, but neither a rewrite nor one
  source.

Boilerplate is recognised from the layout, not from frequency: a sentence that an
outlet repeats at the same place (among the first or last sentences) of several
different stories is house text and is left out of the comparison. A passage that
recurs because one story was copied is not boilerplate (copies count as one story).
Every step runs in article-id order, so the table does not depend on input order.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from rapidfuzz import fuzz

from sahel_utils.core.cache import StageCache, key_of, stage_version
from sahel_utils.core.normalize import QUOTE_CLOSE, QUOTE_OPEN, fold, normalize_for_nlp
from sahel_utils.core.tables import empty_table, validate
from sahel_utils.core.vocabulary import stop_words

if TYPE_CHECKING:  # datasketch pulls in scipy (~1 s): imported where it is used
    from datasketch import LeanMinHash, MinHash, MinHashLSH

NUM_PERM = 128
MINHASH_SEED = 1
# LSH on sentences: two sentences sharing this share of content words are a lead.
SENTENCE_LSH_THRESHOLD = 0.4
SHINGLE_SIZE = 3
# A duplicate: the whole texts nearly identical (rapidfuzz ratio, 0-100).
DUPLICATE_RATIO = 90.0
# Near-identical bodies of one outlet are a duplicate only under the same headline
# (ratio of the folded words of the titles, 0-100: punctuation, case and a typo aside;
# a missing title does not count against); a reworded headline makes the pair a
# rewrite (the outlet re-edited its story). Another outlet's verbatim copy stays a
# duplicate whatever its headline (a copier titles it its own way).
SAME_TITLE_RATIO = 97.0
# A rewrite: share of the smaller article's non-quote shingles found in the other,
# with a floor on shared shingles and aligned sentences so short texts do not pass.
REWRITE_CONTAINMENT = 0.08
REWRITE_MIN_SHARED = 10
REWRITE_MIN_PASSAGES = 2
# Aligned passages must cover this share of the shorter article (the story, not one
# shared background paragraph).
REWRITE_MIN_COVERAGE = 0.3
# The floors above are relative to the shorter text: a short item (a standfirst of two
# sentences) needs at most this share of its shingles shared, and as many aligned
# passages as it has comparable sentences.
REWRITE_SHARED_OF_SHORTER = 0.5
# A rewrite retells the story, not one recycled paragraph: the aligned passages of the
# shorter article lie in two or more of its paragraphs, or one of them among the first
# third (at most LEAD_SENTENCES) of its comparable sentences (its lead), or they cover
# most of it (LEAD_FREE_COVERAGE).
LEAD_SENTENCES = 3
LEAD_FREE_COVERAGE = 0.8
PASSAGE_RATIO = 60.0
# A sentence similar to more than this many stories' sentences gives candidate pairs
# with the first of them only (a star, not every pair): the stage stays sub-quadratic
# while every article holding the passage is still compared once.
MAX_SENTENCE_HITS = 100
MIN_SENTENCE_WORDS = 5
# Boilerplate: a sentence an outlet prints at the same place (one of the first or last
# BOILERPLATE_REACH sentences) in at least BOILERPLATE_MIN_STORIES different stories.
BOILERPLATE_REACH = 3
BOILERPLATE_MIN_STORIES = 5
# A near-duplicate is looked for among the earlier stories whose whole shingle sets
# are this alike (MinHash LSH), and verified against at most DUPLICATE_CANDIDATES.
DOCUMENT_LSH_THRESHOLD = 0.5
DUPLICATE_CANDIDATES = 5
# A shared passage: an aligned sentence pair this close in its content words
# (rapidfuzz ratio on the words in order, stricter than PASSAGE_RATIO), at least
# SHARED_MIN_SHINGLES shared content-word trigrams.
SHARED_PASSAGE_RATIO = 80.0
SHARED_MIN_SHINGLES = 3

#: Relations that make two articles one source (a shared passage does not).
ONE_SOURCE = ("duplicate", "rewrite")

_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-ÖØ-Þ«\"“])|\n+")
_QUOTED = re.compile(
    "["
    + re.escape(QUOTE_OPEN)
    + "][^"
    + re.escape(QUOTE_OPEN + QUOTE_CLOSE)
    + "\n]{0,600}?["
    + re.escape(QUOTE_CLOSE)
    + "]"
)
_STOP = {fold(w) for w in stop_words()}


@dataclass
class _Doc:
    """An article prepared for comparison."""

    article_id: str
    text: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    sentence_words: list[list[str]] = field(default_factory=list)
    shingles: AbstractSet[str] = field(default_factory=set)
    content_hash: str = ""
    # MinHash values of the sentences long enough to give LSH leads: (index, values).
    signatures: list[tuple[int, np.ndarray]] = field(default_factory=list)
    # MinHash values of the whole document's shingles (None without shingles).
    whole: np.ndarray | None = None
    # The outlet (or file) the article comes from, for boilerplate.
    outlet: str = ""
    # The article's headline ("" when unknown): a reworded one makes a copy a rewrite.
    title: str = ""
    # Indices of the sentences recognised as the outlet's boilerplate, and their digest
    # (part of a pair's cache key).
    boilerplate: frozenset[int] = frozenset()
    dropped: str = ""


def blank_quotes(text: str) -> str:
    """Replace quoted passages (guillemets, curly or straight quotes) by spaces.

    Args:
        text: Any text.

    Returns:
        A string of the same length where quoted passages are blanks.

    """
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), normalize_for_nlp(text))


def content_words(text: str) -> list[str]:
    """Folded words of ``text`` that are not French stop words (nor single letters)."""
    return [w for w in _WORD.findall(fold(text)) if len(w) > 1 and w not in _STOP]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans (start, end) of ``text``, enough to align passages."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _shingles(words: list[str], size: int = SHINGLE_SIZE) -> set[str]:
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _prepare(article_id: str, text: str) -> _Doc:
    doc = _Doc(article_id, text)
    blanked = blank_quotes(text)
    all_words: list[str] = []
    for start, end in sentence_spans(text):
        words = content_words(blanked[start:end])
        all_words.extend(words)
        doc.sentences.append((start, end))
        doc.sentence_words.append(words)
    doc.shingles = _shingles(all_words)
    doc.signatures = [
        (j, _minhash_values(set(words)))
        for j, words in enumerate(doc.sentence_words)
        if len(words) >= MIN_SENTENCE_WORDS
    ]
    doc.whole = _minhash_values(doc.shingles) if doc.shingles else None
    return doc


def _edge_places(n_sentences: int) -> list[tuple[int, str]]:
    """(sentence index, place) of the first and last sentences, e.g. "head 0", "tail 1"."""
    places: dict[int, str] = {}
    for j in range(min(BOILERPLATE_REACH, n_sentences)):
        places.setdefault(n_sentences - 1 - j, f"tail {j}")
        places.setdefault(j, f"head {j}")
    return sorted(places.items())


def mark_boilerplate(stories: list[_Doc]) -> None:
    """Mark the sentences each outlet repeats at the same place in different stories.

    ``stories`` holds one document per story (copies of a story are one story). A
    sentence among the first or last ``BOILERPLATE_REACH`` of its article, whose words
    recur at that same place in at least ``BOILERPLATE_MIN_STORIES``
    stories of the same outlet, is that outlet's boilerplate: it is left out of the
    document's shingles and signatures. Frequency alone never removes a passage.
    """
    seen: dict[tuple[str, str, str], int] = Counter()
    for doc in stories:
        for j, place in _edge_places(len(doc.sentences)):
            if doc.sentence_words[j]:
                seen[(doc.outlet, place, " ".join(doc.sentence_words[j]))] += 1
    for doc in stories:
        marked = frozenset(
            j
            for j, place in _edge_places(len(doc.sentences))
            if doc.sentence_words[j]
            and seen[(doc.outlet, place, " ".join(doc.sentence_words[j]))]
            >= BOILERPLATE_MIN_STORIES
        )
        _set_boilerplate(doc, marked)


def _set_boilerplate(doc: _Doc, marked: frozenset[int]) -> None:
    doc.boilerplate = marked
    doc.dropped = key_of(*sorted(map(str, marked))) if marked else ""
    words = [w for j, ws in enumerate(doc.sentence_words) if j not in marked for w in ws]
    doc.shingles = _shingles(words)
    doc.signatures = [(j, values) for j, values in doc.signatures if j not in marked]


@lru_cache(maxsize=1)
def _template() -> MinHash:
    """A MinHash whose permutations (drawn once) every signature shares."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)


def _minhash_values(tokens: set[str]) -> np.ndarray:
    template = _template()
    mh = type(template)(  # a datasketch MinHash
        num_perm=NUM_PERM,
        seed=MINHASH_SEED,
        permutations=template.permutations,
        scheme=template.scheme,
    )
    mh.update_batch([t.encode("utf-8") for t in tokens])
    return mh.hashvalues


def _lean(values: np.ndarray) -> LeanMinHash:
    from datasketch import LeanMinHash

    return LeanMinHash(seed=MINHASH_SEED, hashvalues=values, scheme=_template().scheme)


def _sentence_lsh() -> MinHashLSH:
    from datasketch import MinHashLSH

    return MinHashLSH(threshold=SENTENCE_LSH_THRESHOLD, num_perm=NUM_PERM)


def candidate_pairs(docs: list[_Doc]) -> set[tuple[int, int]]:
    """Pairs of document indices with at least one pair of similar sentences (LSH).

    A sentence similar to more than ``MAX_SENTENCE_HITS`` sentences pairs its
    document with the first document holding one of them only, so that a passage
    printed in thousands of stories gives a star of pairs, not all of them.
    """
    lsh = _sentence_lsh()
    with lsh.insertion_session() as session:
        for i, doc in enumerate(docs):
            for j, values in doc.signatures:
                session.insert(f"{i}:{j}", _lean(values))
    pairs: set[tuple[int, int]] = set()
    hits_of: dict[bytes, list[int]] = {}  # sentences with the same words hit the same keys
    for i, doc in enumerate(docs):
        for _, values in doc.signatures:
            raw = values.tobytes()
            if raw not in hits_of:
                hits_of[raw] = sorted({int(key.split(":")[0]) for key in lsh.query(_lean(values))})
            hits = hits_of[raw]
            if len(hits) > MAX_SENTENCE_HITS:
                hits = hits[:1]
            for k in hits:
                if k != i:
                    pairs.add((min(i, k), max(i, k)))
    return pairs


def group_copies(
    docs: list[_Doc], cache: StageCache | None = None, stats: dict[str, int] | None = None
) -> tuple[list[int], list[tuple[int, int, float]]]:
    """Stories and their copies: each document is a new story or a copy of an earlier one.

    Documents are taken in article-id order. A document whose text is identical to an
    earlier story's, or near-identical (``DUPLICATE_RATIO``) to one of the
    ``DUPLICATE_CANDIDATES`` earlier stories most alike as a whole (MinHash LSH on
    the whole document's shingles, so shared boilerplate never makes two stories
    candidates), is a copy of that story. Only stories are compared afterwards.

    Args:
        docs: Documents in article-id order.
        cache: Where the verdict of each verified pair of texts is kept (by their
            content hashes), so that a rebuild verifies only pairs with new texts.
        stats: ``copies_checked`` counts the pairs verified here (not from the cache).

    Returns:
        Indices of the stories' first documents; ``(story, copy, ratio)`` for every
        copy.

    """
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=DOCUMENT_LSH_THRESHOLD, num_perm=NUM_PERM)
    signatures: dict[int, LeanMinHash] = {}
    stories: list[int] = []
    copies: list[tuple[int, int, float]] = []
    by_hash: dict[str, int] = {}
    folded: dict[int, str] = {}
    for i, doc in enumerate(docs):
        if doc.content_hash in by_hash:
            copies.append((by_hash[doc.content_hash], i, 100.0))
            continue
        signature = None if doc.whole is None else _lean(doc.whole)
        best: tuple[float, int] | None = None
        if signature is not None:
            alike = sorted(
                (-signature.jaccard(signatures[k]), k) for k in map(int, lsh.query(signature))
            )
            for _, k in alike[:DUPLICATE_CANDIDATES]:
                ratio = _cached_duplicate_ratio(docs[k], doc, folded, cache, stats)
                if ratio is not None and (best is None or ratio > best[0]):
                    best = (ratio, k)
        if best is not None:
            copies.append((best[1], i, best[0]))
            by_hash[doc.content_hash] = best[1]
            continue
        by_hash[doc.content_hash] = i
        stories.append(i)
        if signature is not None:
            signatures[i] = signature
            lsh.insert(str(i), signature)
    return stories, copies


def _cached_duplicate_ratio(
    a: _Doc,
    b: _Doc,
    folded: dict[int, str],
    cache: StageCache | None,
    stats: dict[str, int] | None,
) -> float | None:
    key = f"copy:{key_of(a.content_hash, b.content_hash)}"
    if cache is not None:
        stored = cache.get_many([key])
        if key in stored:
            return stored[key]
    ratio = _duplicate_ratio(a, b, folded)
    if stats is not None:
        stats["copies_checked"] = stats.get("copies_checked", 0) + 1
    if cache is not None:
        cache.put(key, ratio)
    return ratio


def _duplicate_ratio(a: _Doc, b: _Doc, folded: dict[int, str]) -> float | None:
    """The fuzzy ratio of two near-identical texts, or None when they are not."""
    length_ratio = min(len(a.text), len(b.text)) / max(len(a.text), len(b.text), 1)
    if length_ratio < 0.8:
        return None
    ratio = fuzz.ratio(
        _folded_text(a, folded), _folded_text(b, folded), score_cutoff=DUPLICATE_RATIO
    )
    return ratio if ratio >= DUPLICATE_RATIO else None


def _sentence_bigrams(doc: _Doc) -> list[set[str]]:
    return [_shingles(w, 2) for w in doc.sentence_words]


def _aligned_passages(a: _Doc, b: _Doc) -> list[tuple[int, int, int, int, float, float]]:
    """Sentence pairs sharing non-quote wording, boilerplate left out.

    Returns:
        ``(a_start, a_end, b_start, b_end, score, strict)``: ``score`` is rapidfuzz's
        token-set ratio, ``strict`` the plain ratio of the content words in order.

    """
    b_shingles = _sentence_bigrams(b)
    b_joined = [" ".join(w) for w in b.sentence_words]
    passages = []
    for i, ((a_start, a_end), a_words) in enumerate(
        zip(a.sentences, a.sentence_words, strict=False)
    ):
        if len(a_words) < MIN_SENTENCE_WORDS or i in a.boilerplate:
            continue
        a_bigrams = _shingles(a_words, 2)
        a_joined = " ".join(a_words)
        best: tuple[float, int] | None = None
        for j, b_words in enumerate(b.sentence_words):
            if len(b_words) < MIN_SENTENCE_WORDS or j in b.boilerplate:
                continue
            if not (a_bigrams & b_shingles[j]):
                continue
            score = fuzz.token_set_ratio(a_joined, b_joined[j])
            if best is None or score > best[0]:
                best = (score, j)
        if best is not None and best[0] >= PASSAGE_RATIO:
            b_start, b_end = b.sentences[best[1]]
            strict = fuzz.ratio(a_joined, b_joined[best[1]])
            passages.append((a_start, a_end, b_start, b_end, round(best[0], 1), strict))
    return passages


def _folded_text(doc: _Doc, folded: dict[int, str]) -> str:
    if id(doc) not in folded:
        folded[id(doc)] = fold(doc.text)
    return folded[id(doc)]


def _score_pair(
    a: _Doc, b: _Doc, folded: dict[int, str] | None = None
) -> tuple[str, float, list] | None:
    """Relation, score and passages of ``a`` against ``b``, or None when no reuse."""
    folded = {} if folded is None else folded
    ratio = _duplicate_ratio(a, b, folded)
    if ratio is not None:
        return "duplicate", ratio / 100.0, [_whole_passage(a, b, ratio)]
    shared = a.shingles & b.shingles
    smaller = min(len(a.shingles), len(b.shingles))
    if not smaller or len(shared) < SHARED_MIN_SHINGLES:
        return None
    containment = len(shared) / smaller
    aligned = _aligned_passages(a, b)
    passages = [p[:5] for p in aligned]
    shorter = a if len(a.text) <= len(b.text) else b
    comparable = _comparable(shorter)
    min_shared = min(
        REWRITE_MIN_SHARED, max(SHARED_MIN_SHINGLES, smaller * REWRITE_SHARED_OF_SHORTER)
    )
    coverage = story_coverage(a, b, passages) if passages else 0.0
    if (
        len(shared) >= min_shared
        and containment >= REWRITE_CONTAINMENT
        and len(passages) >= min(REWRITE_MIN_PASSAGES, max(len(comparable), 1))
        and coverage >= REWRITE_MIN_COVERAGE
        and _retells_story(shorter, shorter is a, aligned, coverage)
    ):
        return "rewrite", containment, passages
    # one shared background paragraph, not a rewrite of the story: kept as such
    strict = [p[:5] for p in aligned if p[5] >= SHARED_PASSAGE_RATIO]
    if strict:
        return "shared_passage", story_coverage(a, b, strict), strict
    return None


def _comparable(doc: _Doc) -> list[int]:
    """Indices of the sentences long enough to align, boilerplate left out."""
    return [
        j
        for j, words in enumerate(doc.sentence_words)
        if len(words) >= MIN_SENTENCE_WORDS and j not in doc.boilerplate
    ]


_PARAGRAPH_BREAK = re.compile(r"\n\s*")


def _retells_story(doc: _Doc, first: bool, aligned: list, coverage: float) -> bool:
    """Whether the passages aligned in ``doc`` (the shorter article) retell its story.

    They cover most of it, or lie in two or more of its paragraphs, or one of them is
    in its lead (:func:`_touches_lead`); one recycled background paragraph does none.
    """
    if coverage >= LEAD_FREE_COVERAGE:
        return True
    breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(doc.text)]
    paragraphs = {bisect_right(breaks, p[0] if first else p[2]) for p in aligned}
    return len(paragraphs) >= 2 or _touches_lead(doc, first, aligned)


def _touches_lead(doc: _Doc, first: bool, aligned: list) -> bool:
    """Whether an aligned passage starts in the lead of ``doc`` (its first sentences).

    Args:
        doc: The shorter article.
        first: Whether ``doc`` is the first side of the passages.
        aligned: Passages ``(a_start, a_end, b_start, b_end, ...)``.

    """
    comparable = _comparable(doc)
    lead = comparable[: max(1, min(LEAD_SENTENCES, -(-len(comparable) // 3)))]
    starts = {doc.sentences[j][0] for j in lead}
    return any((p[0] if first else p[2]) in starts for p in aligned)


def _whole_passage(a: _Doc, b: _Doc, ratio: float) -> tuple[int, int, int, int, float]:
    return (0, len(a.text), 0, len(b.text), round(ratio, 1))


def _covered(spans: list[tuple[int, int]]) -> int:
    """Characters covered by possibly overlapping spans."""
    total, reach = 0, -1
    for start, end in sorted(spans):
        start = max(start, reach)
        if end > start:
            total += end - start
            reach = end
    return total


def story_coverage(a: _Doc, b: _Doc, passages: list) -> float:
    """Share of the shorter article's text its aligned passages cover.

    A rewrite retells the story; two stories that share only a recycled background
    paragraph have aligned passages covering a small part of either.
    """
    cover_a = _covered([(p[0], p[1]) for p in passages]) / max(len(a.text), 1)
    cover_b = _covered([(p[2], p[3]) for p in passages]) / max(len(b.text), 1)
    return cover_a if len(a.text) <= len(b.text) else cover_b


def compare(a: _Doc, b: _Doc) -> dict | None:
    """Score one candidate pair; a row of the reuse table, or None when no reuse."""
    scored = _score_pair(a, b)
    return None if scored is None else _row(a, b, *scored)


def same_headline(a: str, b: str) -> bool:
    """Whether two headlines are alike (either missing counts as alike).

    Args:
        a: A headline, or "".
        b: Another headline, or "".

    Returns:
        True unless both are given and their folded words differ beyond
        ``SAME_TITLE_RATIO``.

    """
    if not a.strip() or not b.strip():
        return True
    words_a, words_b = (" ".join(_WORD.findall(fold(t))) for t in (a, b))
    return fuzz.ratio(words_a, words_b) >= SAME_TITLE_RATIO


def _row(a: _Doc, b: _Doc, relation: str, score: float, passages: list) -> dict:
    if relation == "duplicate" and a.outlet == b.outlet and not same_headline(a.title, b.title):
        relation = "rewrite"  # an outlet's own story re-edited under a reworded headline
    if a.article_id > b.article_id:
        a, b = b, a
        passages = [(p[2], p[3], p[0], p[1], p[4]) for p in passages]
    return {
        "article_a": a.article_id,
        "article_b": b.article_id,
        "relation": relation,
        "score": float(round(score, 4)),
        "n_passages": len(passages),
        "passages": json.dumps([list(p) for p in passages]),
    }


def reuse_version() -> str:
    """Version of the reuse stage (its code, normalisation and libraries) for caching."""
    return stage_version(
        "relations",
        f"reuse:num_perm={NUM_PERM},seed={MINHASH_SEED},scheme={_template().scheme}",
        libraries=("datasketch", "rapidfuzz", "numpy"),
    )


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _outlets(articles: pd.DataFrame) -> list[str]:
    """Each article's outlet, else its file, else "" (the unit of boilerplate)."""
    outlets = [""] * len(articles)
    for column in ("source_file", "outlet"):
        if column in articles.columns:
            outlets = [
                str(value) if isinstance(value, str) and value else previous
                for value, previous in zip(articles[column], outlets, strict=True)
            ]
    return outlets


def _prepared_docs(articles: pd.DataFrame, cache: StageCache, stats: dict[str, int]) -> list[_Doc]:
    """Every article prepared for comparison, from the cache when its text was seen."""
    ids = [str(i) for i in articles["article_id"]]
    texts = [str(t) for t in articles["text"]]
    hashes = [_text_hash(t) for t in texts]
    stored = cache.get_many(f"doc:{h}" for h in hashes)
    docs = []
    titles = (
        [t if isinstance(t, str) else "" for t in articles["title"]]
        if "title" in articles.columns
        else [""] * len(ids)
    )
    for article_id, text, content_hash, outlet, title in zip(
        ids, texts, hashes, _outlets(articles), titles, strict=True
    ):
        hit = stored.get(f"doc:{content_hash}")
        if hit is not None:
            sentences, sentence_words, shingles, signatures, whole = hit
            # a copy shares its story's frozen shingles (never changed in place)
            doc = _Doc(article_id, text, sentences, sentence_words, shingles)
            doc.signatures = signatures
            doc.whole = whole
        else:
            doc = _prepare(article_id, text)
            stats["articles_prepared"] += 1
            prepared = (
                doc.sentences,
                doc.sentence_words,
                frozenset(doc.shingles),
                doc.signatures,
                doc.whole,
            )
            doc.shingles = prepared[2]  # one frozen set, shared by the text's copies
            cache.put(f"doc:{content_hash}", prepared)
            stored[f"doc:{content_hash}"] = prepared  # a repeated text is prepared once
        doc.content_hash = content_hash
        doc.outlet = outlet
        doc.title = title
        docs.append(doc)
    return docs


def find_reuse(
    articles: pd.DataFrame,
    cache_dir: Path | None = None,
    stats: dict[str, int] | None = None,
) -> pd.DataFrame:
    """Pairs of articles where one duplicates or rewrites the other.

    Args:
        articles: The ``articles`` table (``article_id``, ``text``).
        cache_dir: Build cache folder. Per-article preparation (sentences, shingles,
            MinHash signatures) is cached by content hash, and the score of each
            candidate pair by the two content hashes (plus the shingles dropped as
            too common), so a rebuild only computes what involves new texts.
        stats: Filled with counts of what was computed (``articles_prepared``,
            ``copies_checked``: near-copies verified, ``pairs``: candidate pairs of
            stories, ``pairs_scored``: those not found in the cache).

    Returns:
        The ``reuse`` table: ``article_a`` < ``article_b``, ``relation``
        (duplicate or rewrite), ``score`` (fuzzy ratio for duplicates, share of
        non-quote shingles for rewrites), ``n_passages`` and ``passages`` (JSON list
        of ``[a_start, a_end, b_start, b_end, score]`` character spans).

    """
    stats = stats if stats is not None else {}
    stats.update(articles_prepared=0, copies_checked=0, pairs=0, pairs_scored=0)
    columns = list(empty_table("reuse").columns)
    if articles is None or articles.empty:
        return validate("reuse", pd.DataFrame(columns=columns))
    cache = StageCache(cache_dir, "reuse", reuse_version())
    try:
        ordered = articles.sort_values("article_id", kind="mergesort")
        docs = _prepared_docs(ordered, cache, stats)
        story_index, copies = group_copies(docs, cache, stats)
        rows = [
            _row(
                docs[k],
                docs[i],
                "duplicate",
                ratio / 100.0,
                [_whole_passage(docs[k], docs[i], ratio)],
            )
            for k, i, ratio in copies
        ]
        stories = [docs[i] for i in story_index]
        mark_boilerplate(stories)
        pairs = sorted(candidate_pairs(stories))
        pair_keys = [
            key_of(
                stories[i].content_hash,
                stories[k].content_hash,
                stories[i].dropped,
                stories[k].dropped,
            )
            for i, k in pairs
        ]
        stored = cache.get_many(f"pair:{key}" for key in pair_keys)
        folded: dict[int, str] = {}
        docs = stories
        for (i, k), key in zip(pairs, pair_keys, strict=True):
            if f"pair:{key}" in stored:
                scored = stored[f"pair:{key}"]
            else:
                scored = _score_pair(docs[i], docs[k], folded)
                stats["pairs_scored"] += 1
                cache.put(f"pair:{key}", scored)
                stored[f"pair:{key}"] = scored
            if scored is not None:
                rows.append(_row(docs[i], docs[k], *scored))
        stats["pairs"] = len(pairs)
    finally:
        cache.flush()
    if not rows:
        return validate("reuse", pd.DataFrame(columns=columns))
    out = pd.DataFrame(rows, columns=columns)
    return validate("reuse", out.sort_values(["article_a", "article_b"]).reset_index(drop=True))


def passages_text(articles: pd.DataFrame, reuse: pd.DataFrame) -> pd.DataFrame:
    """Shared passages of every reuse pair as text, side by side (for display).

    Args:
        articles: The ``articles`` table.
        reuse: The ``reuse`` table.

    Returns:
        One row per aligned passage: ``article_a``, ``article_b``, ``relation``,
        ``text_a``, ``text_b``, ``score``.

    """
    cols = ["article_a", "article_b", "relation", "text_a", "text_b", "score"]
    if reuse is None or reuse.empty or "passages" not in reuse:
        return pd.DataFrame(columns=cols)
    texts = dict(zip(articles["article_id"], articles["text"], strict=False))
    rows = []
    for pair in reuse.itertuples(index=False):
        ta, tb = texts.get(pair.article_a, ""), texts.get(pair.article_b, "")
        for a0, a1, b0, b1, score in json.loads(str(pair.passages or "[]")):
            rows.append(
                (pair.article_a, pair.article_b, pair.relation, ta[a0:a1], tb[b0:b1], score)
            )
    return pd.DataFrame(rows, columns=cols)


def reuse_groups(
    reuse: pd.DataFrame | None, article_ids: list[str] | None = None
) -> dict[str, str]:
    """Map each article to a representative of its reuse group (one "source").

    Articles linked by a duplicate or a rewrite, directly or through others, share a
    representative (the smallest article id of the group); a shared passage alone
    does not make two articles one source.

    Args:
        reuse: The ``reuse`` table (None or empty: no link).
        article_ids: Articles to include even when they have no reuse link.

    Returns:
        ``{article_id: group representative}``.

    """
    parent: dict[str, str] = {a: a for a in (article_ids or [])}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    if reuse is not None and not reuse.empty:
        one_source = reuse[reuse["relation"].isin(ONE_SOURCE)] if "relation" in reuse else reuse
        for a, b in zip(one_source["article_a"], one_source["article_b"], strict=False):
            ra, rb = root(str(a)), root(str(b))
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {a: root(a) for a in list(parent)}


__all__ = [
    "same_headline",
    "find_reuse",
    "passages_text",
    "reuse_groups",
    "blank_quotes",
    "content_words",
]
