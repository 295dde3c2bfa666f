"""An article draft's metadata and closing: what marker lines say, trailers, merging.

Date, author, outlet and address come from marker lines (date lines, bylines,
signatures, "Source : …" lines) and from the lead and closing paragraphs
(wire datelines, "(AIB)" after the last sentence).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sahel_utils.reading.boilerplate import (
    Marker,
    Vocabulary,
    find_url,
    lead_dateline,
    outlet_from_source,
)
from sahel_utils.reading.common import ArticleDraft, Segment, parse_date
from sahel_utils.reading.lines import SENTENCE_CLOSE, is_sentence_like

_AGENCY_CLOSING = re.compile(r"[.!?»”\"]\s*[(\[]([A-Za-z]{2,10})[)\]]\.?$")
_AGENCY_IN_PARENS = re.compile(r"\(([A-Za-z]{2,10})\)\s*[-–—:]?\s*$")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def finish_draft(cur: ArticleDraft, vocab: Vocabulary) -> ArticleDraft:
    """Close an article: drop trailing non-sentence lines, settle its date and outlet.

    Args:
        cur: The draft, changed in place.
        vocab: Boilerplate and outlet vocabulary (agencies).

    Returns:
        The same draft.

    """
    while len(cur.paragraphs) > 1 and len(cur.paragraph_spans) == len(cur.paragraphs):
        last = cur.paragraphs[-1]
        if any(
            is_sentence_like(part) or part.rstrip()[-1:] in SENTENCE_CLOSE
            for part in last.split("\n")
        ):
            break  # running text, or a short closing line ("Affaire à suivre.")
        start, end = cur.paragraph_spans.pop()
        cur.paragraphs.pop()
        cur.segments.append(Segment("trailer_line", start, end, last))
    if cur.paragraphs and cur.outlet is None:
        closing = _AGENCY_CLOSING.search(cur.paragraphs[-1])  # "…a-t-il conclu. (AIB)"
        if closing:
            cur.outlet = vocab.agencies.get(closing.group(1).upper())
    if cur.paragraphs:
        lead = lead_dateline(cur.paragraphs[0], vocab)
        if lead is not None:
            agency, printed_date = lead
            cur.outlet = cur.outlet or agency
            if cur.published is None and cur.updated is None and printed_date:
                cur.published = parse_date(printed_date)
    if cur.published is None:
        cur.published = cur.updated
    if cur.published is not None:
        cur.published_raw = None
    return cur


def use_marker(cur: ArticleDraft, marker: Marker, vocab: Vocabulary, text: str = "") -> None:
    """Take the article's metadata from a head or tail marker.

    Args:
        cur: The draft, changed in place.
        marker: The line's marker.
        vocab: Boilerplate and outlet vocabulary.
        text: The marker's line.

    """
    kind, value = marker.segment_type, marker.value
    if kind == "byline" and cur.published is None and value and value in text:
        # "Par Awa Diallo - 12 mars 2025 à 10:05": the date printed after the name
        rest = text.split(value, 1)[1]
        if _YEAR.search(rest):
            cur.published = parse_date(rest)
    if marker.author and cur.author is None:
        cur.author = marker.author
    if kind == "dateline":
        _use_dateline(cur, value, text, vocab)
    elif kind == "update_dateline" and value and cur.updated is None:
        cur.updated = parse_date(value)
    elif kind == "byline" and value and cur.author is None:
        cur.author = value
    elif kind == "signature" and value and cur.outlet is None:
        cur.outlet = value
    elif kind == "source_line" and value:
        _use_source_line(cur, value, vocab)


def _use_dateline(cur: ArticleDraft, value: str | None, text: str, vocab: Vocabulary) -> None:
    """The date printed on a date line, and the agency in parentheses after a place."""
    if value and cur.published is None:
        cur.published = parse_date(value)
        if cur.published is None:
            cur.published_raw = cur.published_raw or value  # printed, not readable
    if cur.outlet is None:
        agency = _AGENCY_IN_PARENS.search(text)  # "Dakar, 17 juillet 2025 (APS)"
        if agency:
            cur.outlet = vocab.agencies.get(agency.group(1).upper())


def _use_source_line(cur: ArticleDraft, value: str, vocab: Vocabulary) -> None:
    """A "Source : …" line: the article's address, and its outlet."""
    url = find_url(value)
    if url and cur.url is None:
        cur.url = url
    if cur.outlet is None:
        cur.outlet = outlet_from_source(value, vocab)


def merge_drafts(drafts: Iterable[ArticleDraft]) -> ArticleDraft:
    """Drafts of one article as one: the first title, later headlines kept as body."""
    merged = ArticleDraft()
    for i, draft in enumerate(drafts):
        if i == 0:
            merged.title = draft.title
        elif draft.title:
            merged.paragraphs.append(draft.title)
        merged.paragraphs += draft.paragraphs
        merged.segments += draft.segments
        for attr in ("published", "published_raw", "author", "outlet", "url"):
            if getattr(merged, attr) is None:
                setattr(merged, attr, getattr(draft, attr))
    if merged.published is not None:
        merged.published_raw = None
    return merged
