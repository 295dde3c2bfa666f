"""Nexis Uni plain-text exports, read document by document (bounded memory).

Layout: a header block ("User Name:", "Date and Time:", "Job Number:",
"Documents (N)", "Client/Matter:", "Search Terms:", "Search Type:", a
tab-separated "Content Type / Narrowed by" pair of lines), a numbered list of
headlines, then per document: headline, outlet, date line, "Copyright …",
optional "Byline:", "Length: N words", a line "Body", the text, then
"Classification"/"Load-Date:" metadata and "End of Document".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from sahel_utils.core.normalize import canonical
from sahel_utils.reading.boilerplate import Vocabulary, clean_line, known_outlet, load_vocabulary
from sahel_utils.reading.common import ArticleDraft, Segment, parse_date
from sahel_utils.reading.pagedump import clean_single_article

_HEADER_KEY = re.compile(
    r"^(User Name|Date and Time|Job Number|Client/Matter|Search Terms|Search Type|"
    r"Content Type|Narrowed by|Print|Download)\b.*|^Documents\s*\(\d+\)\s*$",
    re.IGNORECASE,
)
_DOC_COUNT = re.compile(r"^Documents\s*\((\d+)\)", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^(\d+)\.\s+\S")
_END_OF_DOC = re.compile(r"^End of Document\s*$", re.IGNORECASE)
_BODY = re.compile(r"^Body\s*$", re.IGNORECASE)
_TAIL_START = re.compile(
    r"^(Load-Date:.*|Classification|Graphic|Notes|Language:\s*\w+|Publication-Type:.*)$",
    re.IGNORECASE,
)
_META = re.compile(
    r"^(?P<key>Byline|Length|Section|Dateline|Highlight|Edition|Pg\.?|Journal Code|Language|"
    r"Publication-Type|Type|Correction-Date|Copyright)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^(Copyright|©|\(c\))", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]|20)\d{2}\b")
_BYLINE_PREFIX = re.compile(r"^(par|by)\s+", re.IGNORECASE)


def _looks_like_date(text: str) -> bool:
    return bool(_YEAR.search(text)) and len(text.split()) <= 10


def _head_metadata(
    draft: ArticleDraft, head: list[tuple[int, str]], vocab: Vocabulary | None = None
) -> None:
    """Fill title, outlet, date and author from a document's head lines."""
    lines = [text for _, text in head]
    if not lines:
        return
    draft.title = lines[0]
    for text in lines[1:]:
        meta = _META.match(text)
        if meta:
            key = meta.group("key").lower()
            if key == "byline" and draft.author is None:
                byline = _BYLINE_PREFIX.sub("", meta.group("value")).strip()
                outlet = known_outlet(byline, vocab) if byline else None
                if outlet:  # "Byline: AFP" names the agency, not a person
                    draft.outlet = draft.outlet or outlet
                else:
                    draft.author = byline or None
            continue
        if _COPYRIGHT.match(text):
            continue
        if draft.published is None and _looks_like_date(text):
            published = parse_date(text)
            if published:
                draft.published = published
                continue
        if draft.outlet is None:
            draft.outlet = text


def _segment(kind: str, lines: list[tuple[int, str]]) -> Segment | None:
    if not lines:
        return None
    start = lines[0][0]
    last_start, last_text = lines[-1]
    return Segment(kind, start, last_start + len(last_text), "\n".join(t for _, t in lines))


def _stripped(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, str]]:
    """``(offset of trimmed text, trimmed text, raw line)``; blank lines have empty text."""
    for offset, raw in lines:
        body = raw.rstrip("\r\n")
        text = clean_line(body)
        lead = len(body) - len(body.lstrip(" \t\u00a0\u202f\ufeff")) if text else 0
        yield offset + lead, text, raw


def _split_without_body(
    head: list[tuple[int, str]],
) -> tuple[list[tuple[int, str]], list[tuple[int, str]], list[tuple[int, str]]]:
    """Head, body and tail of a document whose "Body" line is missing."""
    meta = [
        i for i, (_, text) in enumerate(head[:12]) if _META.match(text) or _COPYRIGHT.match(text)
    ]
    cut = meta[-1] + 1 if meta else 1
    rest = head[cut:]
    end = next((i for i, (_, text) in enumerate(rest) if _TAIL_START.match(text)), len(rest))
    body = [(offset, text + "\n") for offset, text in rest[:end]]
    return head[:cut], body, rest[end:]


def parse_nexis(  # noqa: C901
    lines: Iterable[tuple[int, str]], vocab: Vocabulary | None = None
) -> Iterator[ArticleDraft]:
    """Article drafts of a Nexis Uni text export, one per document, in order.

    Args:
        lines: The decoded file as ``(offset, line)`` pairs.
        vocab: Boilerplate and outlet vocabulary (body clutter, agency signatures).

    Yields:
        One draft per document; the export header comes as a segment-only draft.

    """
    vocab = vocab or load_vocabulary()
    state = "header"
    header: list[tuple[int, str]] = []
    n_docs: int | None = None
    next_item = 1
    head: list[tuple[int, str]] = []
    body: list[tuple[int, str]] = []
    tail: list[tuple[int, str]] = []

    def finish_document() -> ArticleDraft:
        draft = ArticleDraft()
        _head_metadata(draft, head, vocab)
        cleaned = clean_single_article(body, vocab)
        if cleaned.title and canonical(cleaned.title) != canonical(draft.title or ""):
            cleaned.paragraphs.insert(0, cleaned.title)
        draft.paragraphs = cleaned.paragraphs
        if draft.outlet is None:
            draft.outlet = cleaned.outlet
        draft.author = draft.author or cleaned.author
        draft.published = draft.published or cleaned.published
        draft.url = cleaned.url
        for kind, part in (("nexis_metadata", head[1:]), ("nexis_metadata", tail)):
            seg = _segment(kind, part)
            if seg:
                draft.segments.append(seg)
        draft.segments += cleaned.segments
        return draft

    for offset, text, raw in _stripped(lines):
        if state == "header":
            if not text:
                continue
            count = _DOC_COUNT.match(text)
            if count:
                n_docs = int(count.group(1))
            item = _LIST_ITEM.match(text)
            if item and int(item.group(1)) == next_item:
                header.append((offset, text))
                next_item += 1
                if n_docs is not None and next_item > n_docs:
                    state = "list_done"
                continue
            if next_item > 1 and n_docs is None:
                state = "head"  # the list ended without a document count
            elif _HEADER_KEY.match(text) or next_item == 1 and "\t" in raw:
                header.append((offset, text))
                continue
            elif _BODY.match(text):
                state = "body"
                continue
            elif next_item > 1:
                header.append((offset, text))  # a headline wrapped on two lines
                continue
            else:
                state = "head"
            if state == "head":
                seg = _segment("nexis_header", header)
                if seg:
                    yield ArticleDraft(segments=[seg])
                header = []
                head.append((offset, text))
            continue
        if state == "list_done":
            if not text:
                continue
            seg = _segment("nexis_header", header)
            if seg:
                yield ArticleDraft(segments=[seg])
            header = []
            state = "head"
        if state == "head":
            if _BODY.match(text):
                head.append((offset, text))
                state = "body"
            elif _END_OF_DOC.match(text):
                if head:  # no "Body" line: the text follows the last metadata line
                    head, body, tail = _split_without_body(head)
                    yield finish_document()
                head, body, tail = [], [], []
            elif text:
                head.append((offset, text))
            continue
        if state == "body":
            if _END_OF_DOC.match(text):
                yield finish_document()
                head, body, tail, state = [], [], [], "head"
            elif text and _TAIL_START.match(text):
                tail.append((offset, text))
                state = "tail"
            else:
                body.append((offset, raw if text else "\n"))
            continue
        if state == "tail":
            if _END_OF_DOC.match(text):
                tail.append((offset, text))
                yield finish_document()
                head, body, tail, state = [], [], [], "head"
            elif text:
                tail.append((offset, text))
    if body or head:
        yield finish_document()
    elif header:
        seg = _segment("nexis_header", header)
        if seg:
            yield ArticleDraft(segments=[seg])
