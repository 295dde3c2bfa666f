"""The page dump's coming lines: a look-ahead buffer and the questions asked of it.

The parser reads a file line by line; before placing a line it looks at the
next ones (head matter, a lead, a run of body paragraphs) through ``Lookahead``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from sahel_utils.core.normalize import canonical
from sahel_utils.reading.boilerplate import Vocabulary, is_truncated
from sahel_utils.reading.common import ArticleDraft
from sahel_utils.reading.lines import (
    HEAD_MARKERS,
    SENTENCE_CLOSE,
    Line,
    is_body_like,
    is_title_candidate,
    word_count,
)

LOOKAHEAD_LINES = 8
LOOKAHEAD_WORDS = 150


class Lookahead:
    """The lines still to read, peeked at any depth without being consumed."""

    def __init__(self, source: Iterator[Line], vocab: Vocabulary):
        self._source = source
        self.vocab = vocab
        self._buffer: deque[Line] = deque()

    def peek(self, i: int) -> Line | None:
        """The ``i``-th coming line (0: the next one), or None past the end."""
        while len(self._buffer) <= i:
            nxt = next(self._source, None)
            if nxt is None:
                return None
            self._buffer.append(nxt)
        return self._buffer[i]

    def next(self) -> Line | None:
        """Consume and return the next line (None at the end)."""
        line = self.peek(0)
        if line is not None:
            self._buffer.popleft()
        return line

    def head_skip(self, i: int, title: str | None) -> tuple[int, list[Line]]:
        """Index of the first line from ``i`` that is not head matter, and the skipped lines."""
        skipped: list[Line] = []
        while (line := self.peek(i)) is not None:
            is_head = line.marker is not None and line.marker.segment_type in HEAD_MARKERS
            repeat = title is not None and canonical(line.text) == canonical(title)
            if not (is_head or repeat):
                break
            skipped.append(line)
            i += 1
        return i, skipped

    def followed_by_body(self, title: str, start: int = 0) -> bool:
        """Whether a body paragraph comes from ``start`` on, after head matter."""
        i, _ = self.head_skip(start, title)
        nxt = self.peek(i)
        return nxt is not None and is_body_like(nxt)

    def precedes_headline(self) -> bool:
        """Whether the coming lines are (more head matter and) a headline with its lead."""
        i, _ = self.head_skip(0, None)
        nxt = self.peek(i)
        return (
            nxt is not None and is_title_candidate(nxt) and self.followed_by_body(nxt.text, i + 1)
        )

    def body_run(self, title: str) -> int:
        """How many body paragraphs follow a candidate (after head matter)."""
        i, _ = self.head_skip(0, title)
        count = 0
        while (line := self.peek(i)) is not None and is_body_like(line):
            if is_truncated(line.text, self.vocab):
                break
            count += 1
            i += 1
        return count

    def following_paragraphs(self, i: int) -> list[str]:
        """The body lines from look-ahead index ``i``, up to the next marker or candidate."""
        following: list[str] = []
        n_words = 0
        for k in range(i, i + LOOKAHEAD_LINES):
            line = self.peek(k)
            if line is None or line.marker is not None:
                break
            if following and is_title_candidate(line):
                break
            following.append(line.text)
            n_words += word_count(line.text)
            if n_words >= LOOKAHEAD_WORDS:
                break
        return following

    def repeats_lead(self, title: str, cur: ArticleDraft) -> bool:
        """Whether the lines after a repeated headline start the article's body again."""
        i, _ = self.head_skip(0, title)
        nxt = self.peek(i)
        if nxt is None or not cur.paragraphs or not is_body_like(nxt):
            return False
        return canonical(nxt.text) == canonical(cur.paragraphs[0].split("\n", 1)[0])

    def is_comment_header(self, line: Line) -> bool:
        """A short line (a reader's pseudonym) right above a date line."""
        nxt = self.peek(0)
        return (
            word_count(line.text) <= 6
            and line.text[-1] not in SENTENCE_CLOSE
            and nxt is not None
            and nxt.marker is not None
            and nxt.marker.segment_type in ("dateline", "update_dateline")
        )
