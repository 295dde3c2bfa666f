"""Text reuse between articles: duplicates and rewrites of a shared story.

Two articles are compared only when MinHash LSH (datasketch) says that some of
their sentences look alike, so a large corpus is never compared pair by pair.
A candidate pair is then scored on what the authors wrote themselves: quoted
passages are blanked first, because two outlets quoting the same minister is
not reuse. What remains is compared as runs of content words (shingles of three
non-stop-words) and aligned sentence by sentence with rapidfuzz.

- ``duplicate``: near-identical texts (the same story printed twice).
- ``rewrite``: a paraphrase that still shares many non-quote word sequences
  and several aligned sentences (a wire story re-edited, or two rewrites of it).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd
from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz
from spacy.lang.fr.stop_words import STOP_WORDS

from sahel_utils.normalize import QUOTE_CLOSE, QUOTE_OPEN, fold, normalize_for_nlp
from sahel_utils.tables import empty_table, validate

NUM_PERM = 128
# LSH on sentences: two sentences sharing this share of content words are a lead.
SENTENCE_LSH_THRESHOLD = 0.4
SHINGLE_SIZE = 3
# A duplicate: the whole texts nearly identical (rapidfuzz ratio, 0-100).
DUPLICATE_RATIO = 90.0
# A rewrite: share of the smaller article's non-quote shingles found in the other,
# with a floor on shared shingles and aligned sentences so short texts do not pass.
REWRITE_CONTAINMENT = 0.08
REWRITE_MIN_SHARED = 10
REWRITE_MIN_PASSAGES = 2
PASSAGE_RATIO = 60.0
# Wording shared by many articles is house style or leftover boilerplate, not reuse:
# shingles found in more documents than this are ignored, and sentences that look
# like more than MAX_SENTENCE_HITS others give no candidate pairs.
MAX_SHINGLE_DOCS = 10
MAX_SHINGLE_SHARE = 0.05
MAX_SENTENCE_HITS = 100
MIN_SENTENCE_WORDS = 5

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
_STOP = {fold(w) for w in STOP_WORDS}


@dataclass
class _Doc:
    """An article prepared for comparison."""

    article_id: str
    text: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    sentence_words: list[list[str]] = field(default_factory=list)
    shingles: set[str] = field(default_factory=set)


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
    return doc


def _drop_common_shingles(docs: list[_Doc]) -> None:
    """Remove from every document the shingles that too many documents share."""
    frequency = Counter(sh for doc in docs for sh in doc.shingles)
    limit = max(MAX_SHINGLE_DOCS, int(MAX_SHINGLE_SHARE * len(docs)))
    common = {sh for sh, n in frequency.items() if n > limit}
    if common:
        for doc in docs:
            doc.shingles -= common


def _minhash(tokens: set[str]) -> MinHash:
    mh = MinHash(num_perm=NUM_PERM)
    mh.update_batch([t.encode("utf-8") for t in tokens])
    return mh


def candidate_pairs(docs: list[_Doc]) -> set[tuple[int, int]]:
    """Pairs of document indices with at least one pair of similar sentences (LSH)."""
    lsh = MinHashLSH(threshold=SENTENCE_LSH_THRESHOLD, num_perm=NUM_PERM)
    owners: dict[str, int] = {}
    signatures: list[tuple[str, MinHash]] = []
    for i, doc in enumerate(docs):
        for j, words in enumerate(doc.sentence_words):
            if len(words) < MIN_SENTENCE_WORDS:
                continue
            key = f"{i}:{j}"
            mh = _minhash(set(words))
            lsh.insert(key, mh)
            owners[key] = i
            signatures.append((key, mh))
    pairs: set[tuple[int, int]] = set()
    for key, mh in signatures:
        i = owners[key]
        hits = lsh.query(mh)
        if len(hits) > MAX_SENTENCE_HITS:
            continue
        for other in hits:
            k = owners[other]
            if k != i:
                pairs.add((min(i, k), max(i, k)))
    return pairs


def _aligned_passages(a: _Doc, b: _Doc) -> list[tuple[int, int, int, int, float]]:
    """Sentence pairs (a_start, a_end, b_start, b_end, score) sharing non-quote wording."""
    b_shingles = [_shingles(w, 2) for w in b.sentence_words]
    passages = []
    for (a_start, a_end), a_words in zip(a.sentences, a.sentence_words, strict=False):
        if len(a_words) < MIN_SENTENCE_WORDS:
            continue
        a_bigrams = _shingles(a_words, 2)
        best: tuple[float, int] | None = None
        for j, b_words in enumerate(b.sentence_words):
            if len(b_words) < MIN_SENTENCE_WORDS or not (a_bigrams & b_shingles[j]):
                continue
            score = fuzz.token_set_ratio(" ".join(a_words), " ".join(b_words))
            if best is None or score > best[0]:
                best = (score, j)
        if best is not None and best[0] >= PASSAGE_RATIO:
            b_start, b_end = b.sentences[best[1]]
            passages.append((a_start, a_end, b_start, b_end, round(best[0], 1)))
    return passages


def compare(a: _Doc, b: _Doc) -> dict | None:
    """Score one candidate pair; a row of the reuse table, or None when no reuse."""
    length_ratio = min(len(a.text), len(b.text)) / max(len(a.text), len(b.text), 1)
    if length_ratio >= 0.8:
        ratio = fuzz.ratio(fold(a.text), fold(b.text))
        if ratio >= DUPLICATE_RATIO:
            passages = [(0, len(a.text), 0, len(b.text), round(ratio, 1))]
            return _row(a, b, "duplicate", ratio / 100.0, passages)
    shared = a.shingles & b.shingles
    smaller = min(len(a.shingles), len(b.shingles))
    if not smaller or len(shared) < REWRITE_MIN_SHARED:
        return None
    containment = len(shared) / smaller
    if containment < REWRITE_CONTAINMENT:
        return None
    passages = _aligned_passages(a, b)
    if len(passages) < REWRITE_MIN_PASSAGES:
        return None
    return _row(a, b, "rewrite", containment, passages)


def _row(a: _Doc, b: _Doc, relation: str, score: float, passages: list) -> dict:
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


def find_reuse(articles: pd.DataFrame) -> pd.DataFrame:
    """Pairs of articles where one duplicates or rewrites the other.

    Args:
        articles: The ``articles`` table (``article_id``, ``text``).

    Returns:
        The ``reuse`` table: ``article_a`` < ``article_b``, ``relation``
        (duplicate or rewrite), ``score`` (fuzzy ratio for duplicates, share of
        non-quote shingles for rewrites), ``n_passages`` and ``passages`` (JSON list
        of ``[a_start, a_end, b_start, b_end, score]`` character spans).

    """
    columns = [*empty_table("reuse").columns, "n_passages", "passages"]
    if articles is None or articles.empty:
        return validate("reuse", pd.DataFrame(columns=columns))
    docs = [
        _prepare(str(i), str(t))
        for i, t in zip(articles["article_id"], articles["text"], strict=False)
    ]
    _drop_common_shingles(docs)
    rows = []
    for i, k in sorted(candidate_pairs(docs)):
        row = compare(docs[i], docs[k])
        if row is not None:
            rows.append(row)
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
        for a0, a1, b0, b1, score in json.loads(pair.passages or "[]"):
            rows.append(
                (pair.article_a, pair.article_b, pair.relation, ta[a0:a1], tb[b0:b1], score)
            )
    return pd.DataFrame(rows, columns=cols)


def reuse_groups(reuse: pd.DataFrame, article_ids: list[str] | None = None) -> dict[str, str]:
    """Map each article to a representative of its reuse group (one "source").

    Articles linked by reuse, directly or through others, share a representative
    (the smallest article id of the group).

    Args:
        reuse: The ``reuse`` table.
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
        for a, b in zip(reuse["article_a"], reuse["article_b"], strict=False):
            ra, rb = root(str(a)), root(str(b))
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {a: root(a) for a in list(parent)}


__all__ = ["find_reuse", "passages_text", "reuse_groups", "blank_quotes", "content_words"]
