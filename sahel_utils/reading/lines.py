"""Lines of a page dump: the non-blank lines with their marker, and their shapes.

A line is running text (``is_body_like``), shaped like a headline
(``is_title_candidate``), or neither; the marker sets below say which marker
lines may stand around a headline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sahel_utils.reading.boilerplate import (
    Marker,
    Vocabulary,
    clean_line,
    match_marker,
    strip_bullet,
)

WORD = re.compile(r"[\w’'-]+")
SENTENCE_CLOSE = '.!?»”"…'
_QUOTED_HEADLINE = re.compile(r'^["«“][^"«»“”]{3,200}["»”]\.$')
# Lines that may stand between a headline and its lead.
HEAD_MARKERS = {
    "comment_counter",
    "dateline",
    "update_dateline",
    "byline",
    "share_prompt",
    "advertisement",
    "subscription_prompt",
    "reading_time",
    "photo_caption",
    "cookie_notice",
}
# Lines printed above or under a headline that say when and by whom.
DATE_OR_BYLINE = {"dateline", "update_dateline", "byline"}
# Markers after which a "read also" teaser list goes on.
TEASER_LIST_MARKERS = {"related_teaser", "author_articles"}
MIN_BODY_WORDS = 12
MAX_TITLE_WORDS = 30
MAX_TITLE_CHARS = 250


@dataclass
class Line:
    """A non-blank line: offsets of its trimmed text in the decoded file."""

    start: int
    end: int
    text: str
    blank_before: bool
    marker: Marker | None
    indent: int = 0


def content_lines(lines: Iterable[tuple[int, str]], vocab: Vocabulary) -> Iterator[Line]:
    """Non-blank lines of ``(offset, raw line)`` pairs, with their boilerplate marker."""
    blank = True
    for offset, raw in lines:
        body = raw.rstrip("\r\n")
        text = clean_line(body).replace("\t", " ")  # same length: offsets hold
        if not text:
            blank = True
            continue
        lead = len(body) - len(body.lstrip(" \t\r\n\u00a0\u202f\u2009\ufeff\u200b"))
        start = offset + lead
        yield Line(start, start + len(text), text, blank, match_marker(text, vocab), lead)
        blank = False


def word_count(text: str) -> int:
    """Number of whitespace-separated words in ``text``."""
    return len(text.split())


def is_sentence_like(text: str) -> bool:
    """Running text: a long line, or a shorter one closed like a sentence."""
    words = word_count(text)
    return words >= MIN_BODY_WORDS or (words >= 6 and text.rstrip()[-1:] in SENTENCE_CLOSE)


def is_body_like(line: Line) -> bool:
    """A paragraph of running text (not a marker, long enough)."""
    if line.marker is not None:
        return False
    return is_sentence_like(line.text)


def is_title_candidate(line: Line) -> bool:
    """A short line without final punctuation, shaped like a headline.

    A quotation headline closed by a full stop outside the marks
    (``"… la paix".``) is a candidate too.
    """
    text = line.text
    if line.marker is not None or len(text) > MAX_TITLE_CHARS:
        return False
    if not 2 <= word_count(text) <= MAX_TITLE_WORDS:
        return False
    if text[-1] in ".;,:" and not _QUOTED_HEADLINE.match(text):
        return False
    if strip_bullet(text) != text:
        return False
    first = text[0]
    return first.isupper() or first.isdigit() or first in "«\"“‘'"
