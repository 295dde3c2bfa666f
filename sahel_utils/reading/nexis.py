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
from functools import lru_cache

from sahel_utils.core import paths
from sahel_utils.core.lexicon import (
    Lexicon,
    Word,
    load_lexicon,
    phrase_alternation,
    register_schema,
)
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
NEXIS_FILE = paths.READING_RESOURCES / "nexis.yaml"


@register_schema("reading", "nexis.yaml")
class NexisFile(Lexicon):
    """Schema of ``nexis.yaml``: words of the export's metadata lines."""

    byline_prefixes: list[Word]


@lru_cache(maxsize=1)
def _byline_prefix() -> re.Pattern[str]:
    """The "Par " / "By " before the name on a "Byline:" line."""
    words = load_lexicon(NEXIS_FILE, NexisFile).byline_prefixes
    return re.compile(rf"^{phrase_alternation(words)}\s+", re.IGNORECASE)


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
                byline = _byline_prefix().sub("", meta.group("value")).strip()
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


def parse_nexis(
    lines: Iterable[tuple[int, str]], vocab: Vocabulary | None = None
) -> Iterator[ArticleDraft]:
    """Article drafts of a Nexis Uni text export, one per document, in order.

    Args:
        lines: The decoded file as ``(offset, line)`` pairs.
        vocab: Boilerplate and outlet vocabulary (body clutter, agency signatures).

    Yields:
        One draft per document; the export header comes as a segment-only draft.

    """
    yield from _NexisReader(vocab or load_vocabulary()).read(lines)


Lines = list[tuple[int, str]]


class _NexisReader:
    """The export read line by line: header, list of headlines, then documents.

    ``state`` is where the reader stands: ``header`` (the export header and the
    numbered list), ``list_done`` (the list is complete), then per document ``head``
    (headline and metadata), ``body`` and ``tail`` (metadata after the text).
    """

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.state = "header"
        self.header: Lines = []
        self.header_break = 0  # where the last blank line after the list cut the header
        self.n_docs: int | None = None
        self.next_item = 1
        self.head: Lines = []
        self.body: Lines = []
        self.tail: Lines = []

    def read(self, lines: Iterable[tuple[int, str]]) -> Iterator[ArticleDraft]:
        """Drafts in file order, each handed out as soon as its document ends."""
        for offset, text, raw in _stripped(lines):
            yield from self._line(offset, text, raw)
        if self.body or self.head:
            yield self._finish_document()
        elif self.header:
            yield from self._header_draft()

    def _line(self, offset: int, text: str, raw: str) -> list[ArticleDraft]:
        if self.state == "header":
            return self._header_line(offset, text, raw)
        out: list[ArticleDraft] = []
        if self.state == "list_done":
            if not text:
                return out
            out += self._header_draft()
            self.state = "head"
        if self.state == "head":
            out += self._head_line(offset, text)
        elif self.state == "body":
            out += self._body_line(offset, text, raw)
        elif self.state == "tail":
            out += self._tail_line(offset, text)
        return out

    # -- the export header ----------------------------------------------------------
    def _header_line(self, offset: int, text: str, raw: str) -> list[ArticleDraft]:
        if not text:
            if self.next_item > 1:
                self.header_break = len(self.header)
            return []
        count = _DOC_COUNT.match(text)
        if count:
            self.n_docs = int(count.group(1))
        if self._list_item(offset, text):
            return []
        kind = self._header_kind(text, raw)
        if kind == "header":
            self.header.append((offset, text))
            return []
        if kind == "body":  # the list ended early: its last block was the document's head
            cut = self.header_break if self.next_item > 1 else len(self.header)
            self.head = [*self.header[cut:], (offset, text)]
            self.header = self.header[:cut]
            self.state = "body"
            return self._header_draft()
        self.state = "head"
        out = self._header_draft()
        self.head.append((offset, text))
        return out

    def _list_item(self, offset: int, text: str) -> bool:
        """Whether the line is the next item of the numbered list of headlines."""
        item = _LIST_ITEM.match(text)
        if not item or int(item.group(1)) != self.next_item:
            return False
        self.header.append((offset, text))
        self.next_item += 1
        if self.n_docs is not None and self.next_item > self.n_docs:
            self.state = "list_done"
        return True

    def _header_kind(self, text: str, raw: str) -> str:
        """What a header line that is not a list item is: ``header``, ``body`` or ``head``."""
        if self.next_item > 1 and self.n_docs is None:
            return "head"  # the list ended without a document count
        if _HEADER_KEY.match(text) or (self.next_item == 1 and "\t" in raw):
            return "header"
        if _BODY.match(text):
            return "body"
        if self.next_item > 1:
            return "header"  # a headline wrapped on two lines
        return "head"

    def _header_draft(self) -> list[ArticleDraft]:
        """The export header as a segment-only draft (emptied)."""
        seg = _segment("nexis_header", self.header)
        self.header = []
        return [ArticleDraft(segments=[seg])] if seg else []

    # -- documents ------------------------------------------------------------------
    def _head_line(self, offset: int, text: str) -> list[ArticleDraft]:
        if _BODY.match(text):
            self.head.append((offset, text))
            self.state = "body"
        elif _END_OF_DOC.match(text):
            out = []
            if self.head:  # no "Body" line: the text follows the last metadata line
                self.head, self.body, self.tail = _split_without_body(self.head)
                out.append(self._finish_document())
            self.head, self.body, self.tail = [], [], []
            return out
        elif text:
            self.head.append((offset, text))
        return []

    def _body_line(self, offset: int, text: str, raw: str) -> list[ArticleDraft]:
        if _END_OF_DOC.match(text):
            return [self._next_document()]
        if text and _TAIL_START.match(text):
            self.tail.append((offset, text))
            self.state = "tail"
        else:
            self.body.append((offset, raw if text else "\n"))
        return []

    def _tail_line(self, offset: int, text: str) -> list[ArticleDraft]:
        if _END_OF_DOC.match(text):
            self.tail.append((offset, text))
            return [self._next_document()]
        if text:
            self.tail.append((offset, text))
        return []

    def _next_document(self) -> ArticleDraft:
        """Close the current document and wait for the next one's head."""
        draft = self._finish_document()
        self.head, self.body, self.tail, self.state = [], [], [], "head"
        return draft

    def _finish_document(self) -> ArticleDraft:
        draft = ArticleDraft()
        _head_metadata(draft, self.head, self.vocab)
        cleaned = clean_single_article(self.body, self.vocab)
        if cleaned.title and canonical(cleaned.title) != canonical(draft.title or ""):
            cleaned.paragraphs.insert(0, cleaned.title)
        draft.paragraphs = cleaned.paragraphs
        if draft.outlet is None:
            draft.outlet = cleaned.outlet
        draft.author = draft.author or cleaned.author
        draft.published = draft.published or cleaned.published
        draft.url = cleaned.url
        for kind, part in (("nexis_metadata", self.head[1:]), ("nexis_metadata", self.tail)):
            seg = _segment(kind, part)
            if seg:
                draft.segments.append(seg)
        draft.segments += cleaned.segments
        return draft
