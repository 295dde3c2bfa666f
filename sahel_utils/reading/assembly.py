"""The article being read from a page dump: its state and how placed lines build it.

``PageDumpParser`` decides what each line is; ``ArticleInProgress`` records it:
body paragraphs (a line without a blank line above goes on the paragraph),
segments and open zones (comments, "read also" teasers), date and byline lines
held back until it is known which article they head, and the story boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sahel_utils.core.normalize import fold
from sahel_utils.reading.boilerplate import Marker, Vocabulary
from sahel_utils.reading.common import ArticleDraft, Segment
from sahel_utils.reading.drafts import finish_draft, use_marker
from sahel_utils.reading.lines import WORD, Line
from sahel_utils.reading.story_cues import MAX_SCAN_CHARS, story_names


@dataclass
class ArticleInProgress:
    """Where ``PageDumpParser.articles`` stands: the article being read and its zone."""

    vocab: Vocabulary
    cur: ArticleDraft = field(default_factory=ArticleDraft)
    known: set[str] = field(default_factory=set)  # folded names met in the article
    words: set[str] = field(default_factory=set)  # folded words of the article
    has_body: bool = False
    zone: str | None = None  # an open zone: comments, "read also" teasers, ...
    zone_seg: Segment | None = None
    last_seg: Segment | None = None
    last_kind: str | None = None  # "title", "body", "segment"
    title_line: Line | None = None
    first_line: bool = True
    inline_teaser: bool = False  # the open teaser zone started on a line holding its headline
    pending: list[tuple[Marker, Segment]] = field(default_factory=list)  # held head lines
    finished: list[ArticleDraft] = field(default_factory=list)  # closed, to hand out

    def add_segment(self, kind: str, line: Line) -> Segment:
        """A segment of the current article for ``line`` (now the last segment)."""
        seg = Segment(kind, line.start, line.end, line.text)
        self.cur.segments.append(seg)
        self.last_seg, self.last_kind = seg, "segment"
        return seg

    def continues_segment(self, line: Line) -> bool:
        """A lower-case line right under a segment line continues that segment."""
        return (
            self.last_kind == "segment"
            and self.last_seg is not None
            and not line.blank_before
            and line.text[:1].islower()
        )

    def extend_zone(self, line: Line) -> None:
        """The open zone's segment goes on with ``line`` (a zone segment must be open)."""
        if self.zone_seg is None:
            raise ValueError("no open zone to extend")
        self.zone_seg.extend(line.end, line.text)
        self.last_seg, self.last_kind = self.zone_seg, "segment"

    def add_zone_line(self, zone: str, line: Line, new_segment: bool) -> None:
        """A line of an open zone: a new segment (a new comment), or the zone's going on."""
        if self.zone_seg is None or new_segment:
            self.zone_seg = self.add_segment(zone, line)
        else:
            self.zone_seg.extend(line.end, line.text)
        self.last_seg, self.last_kind = self.zone_seg, "segment"

    def add_body(self, line: Line) -> None:
        """A body line: a new paragraph, or the current one going on (no blank line)."""
        cur, text = self.cur, line.text
        if cur.paragraphs and self.last_kind == "body" and not line.blank_before:
            cur.paragraphs[-1] = f"{cur.paragraphs[-1]}\n{text}"
            cur.paragraph_spans[-1] = (cur.paragraph_spans[-1][0], line.end)
        else:
            cur.paragraphs.append(text)
            cur.paragraph_spans.append((line.start, line.end))
        sample = text[:MAX_SCAN_CHARS]  # a run-away line says who the story is about early
        self.known |= story_names(sample, self.vocab)
        self.words.update(WORD.findall(fold(sample)))
        self.has_body = True
        self.last_kind = "body"

    def flush_pending(self) -> None:
        """The date and byline lines held back go to the current article."""
        for held, seg in self.pending:
            self.cur.segments.append(seg)
            use_marker(self.cur, held, self.vocab, seg.text)
        self.pending.clear()

    def has_content(self) -> bool:
        """Whether the current article holds anything (body, segments or title)."""
        return bool(self.has_body or self.cur.segments or self.cur.title)

    def start_story(self, line: Line) -> None:
        """Close the current article and open one under the headline ``line``."""
        if self.has_content():
            self.finished.append(finish_draft(self.cur, self.vocab))
        self.cur = ArticleDraft(title=line.text)
        self.title_line = line
        self.flush_pending()
        self.known = story_names(line.text, self.vocab)
        self.words = set()
        self.has_body = False
        self.zone = self.zone_seg = self.last_seg = None
        self.last_kind = "title"
